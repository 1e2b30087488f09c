package dev.leadpact.reporting.whatif;

import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.problem.SlaMonitorException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * sla-monitor-service's API as the what-if panel uses it ({@code leadpact.reporting.monitor.url}),
 * with this service's key for it ({@code leadpact.reporting.monitor.api-key}). The JDK's client:
 * three plain calls need no more. Whatever it answers comes back as it is; no answer at all is a
 * {@link SlaMonitorException}.
 */
@ApplicationScoped
public class SlaMonitorClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** The monitor stores a job and answers at once; a simulation runs in the background. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    /** The monitor's answer: status, {@code Content-Type}, body, and {@code Retry-After} if it gave one. */
    record Answer(int status, String contentType, String body, Optional<String> retryAfter) {}

    private final HttpClient http;
    private final String base;
    private final Optional<String> key;

    SlaMonitorClient(ReportingConfig config) {
        String url = config.monitor().url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.key = config.monitor().apiKey().filter(k -> !k.isBlank());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** Where the monitor is, for messages. */
    String url() {
        return base;
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json");
        key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        return request;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body(),
                    response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw SlaMonitorException.unreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SlaMonitorException.unreachable(base, e);
        }
    }
}
