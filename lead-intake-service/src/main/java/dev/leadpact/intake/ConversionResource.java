package dev.leadpact.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

@Path("/conversions")
@Tag(name = "Conversions")
public class ConversionResource {

    private final ConversionIntake intake;
    private final MeterRegistry registry;

    ConversionResource(ConversionIntake intake, MeterRegistry registry) {
        this.intake = intake;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a website conversion (from a script or tag manager)")
    @APIResponse(responseCode = "202", description = "On the topic: Kafka acknowledged it")
    @APIResponse(responseCode = "400", description = "Unreadable JSON or a value of the wrong type")
    @APIResponse(responseCode = "413", description = "Body larger than quarkus.http.limits.max-body-size")
    @APIResponse(responseCode = "414", description = "Path and query longer than leadpact.http.max-uri-length")
    @APIResponse(responseCode = "422", description = "Missing or invalid fields, unknown offer")
    @APIResponse(responseCode = "429", description = "Past this client's rate limit; see Retry-After")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry later")
    public Uni<Response> post(
            ConversionRequest request,
            @Parameter(description = "Same key, same event id: a retried post is recognised as a duplicate")
                    @RestHeader("Idempotency-Key")
                    String idempotencyKey) {
        if (request == null) {
            throw ProblemException.malformed(null, null);
        }
        return intake.accept(request, null, idempotencyKey).map(accepted -> {
            registry.counter("leadpact.intake.accepted", "kind", "conversion").increment();
            return Response.accepted(accepted).build();
        });
    }
}
