package dev.leadpact.reporting.csv;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code ?format=csv} or {@code ?format=json} stands for the Accept header, for BI tools that can
 * only fetch a URL. Any other value is rejected by {@link ReportFormat#check}.
 */
public class FormatParameterFilter {

    @ServerRequestFilter(preMatching = true)
    public void overrideAccept(ContainerRequestContext request) {
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if ("csv".equalsIgnoreCase(format)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, CsvBodyWriter.TEXT_CSV);
        } else if ("json".equalsIgnoreCase(format)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }
}
