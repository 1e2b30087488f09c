package dev.leadpact.reporting;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The OpenAPI document's header and how to authenticate; the reports declare the rest. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "LeadPact closed-loop reporting",
                        version = "1",
                        description =
                                "Attribution, funnel, speed to lead, SLA compliance, the SLA evaluation of both sides, the"
                                        + " reverse-funnel plan, lead journeys and exports."
                                        + " Every report answers JSON, or RFC 4180 CSV with Accept: text/csv or ?format=csv."))
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = "apiKey",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            description = "An API key from leadpact.reporting.api-keys, as Authorization: Bearer <key>"),
    @SecurityScheme(
            securitySchemeName = "token",
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.QUERY,
            apiKeyName = "token",
            description = "The same key as ?token=<key>, for BI tools that can only fetch a URL")
})
public class ReportingApi extends Application {}
