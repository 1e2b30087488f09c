package dev.leadpact.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while a consumer waits for its database or broker ({@link Persistently}): the check
 * names each kind of work that waits, since when, and its last failure.
 */
@Readiness
@ApplicationScoped
public class DependencyReadiness implements HealthCheck {
    private final Persistently persistently;

    DependencyReadiness(Persistently persistently) {
        this.persistently = persistently;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Persistently.Waiting> waiting = persistently.waiting();
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("consumers waiting for a dependency").status(waiting.isEmpty());
        waiting.forEach((what, w) ->
                response.withData(what, "since " + w.since() + ", " + w.retries() + " retries: " + w.lastFailure()));
        return response.build();
    }
}
