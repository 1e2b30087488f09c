package dev.leadpact.reporting.security;

import dev.leadpact.apikeys.ApiKey;
import dev.leadpact.apikeys.ApiKeyBook;
import dev.leadpact.reporting.ReportingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The reporting API's keys: {@code leadpact.reporting.api-keys.<client>.key} and {@code .roles}. */
@ApplicationScoped
public class ReportingApiKeys implements ApiKeyBook {
    private final ReportingConfig config;

    ReportingApiKeys(ReportingConfig config) {
        this.config = config;
    }

    @Override
    public String realm() {
        return "leadpact-reporting";
    }

    @Override
    public Map<String, ? extends ApiKey> apiKeys() {
        return config.apiKeys();
    }
}
