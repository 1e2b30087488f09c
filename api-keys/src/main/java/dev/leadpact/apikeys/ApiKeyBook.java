package dev.leadpact.apikeys;

import java.util.Map;

/** The API keys a service accepts, by client name; each service provides one bean from its settings. */
public interface ApiKeyBook {
    /** The realm named in the {@code WWW-Authenticate} challenge of a 401. */
    String realm();

    Map<String, ? extends ApiKey> apiKeys();
}
