package dev.leadpact.monitor.ops;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The OpenAPI document's header and how to authenticate; {@link OpsResource} declares the rest. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "LeadPact SLA monitor",
                        version = "1",
                        description = "The ops read API: pending timers, breaches, one lead's SLA state, marketing's"
                                + " commitment and the policies in force. Every call needs an API key with the"
                                + " reader role."))
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = "apiKey",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            description = "An API key from leadpact.monitor.api-keys, as Authorization: Bearer <key>"),
    @SecurityScheme(
            securitySchemeName = "token",
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.QUERY,
            apiKeyName = "token",
            description = "The same key as ?token=<key>")
})
public class OpsApi extends Application {}
