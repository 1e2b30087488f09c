package dev.leadpact.monitor.ops;

import dev.leadpact.apikeys.ApiKey;
import dev.leadpact.apikeys.ApiKeyBook;
import dev.leadpact.monitor.MonitorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The ops API's keys: {@code leadpact.monitor.api-keys.<client>.key} and {@code .roles}. */
@ApplicationScoped
public class MonitorApiKeys implements ApiKeyBook {
    private final MonitorSettings settings;

    MonitorApiKeys(MonitorSettings settings) {
        this.settings = settings;
    }

    @Override
    public String realm() {
        return "leadpact-sla-monitor";
    }

    @Override
    public Map<String, ? extends ApiKey> apiKeys() {
        return settings.apiKeys();
    }
}
