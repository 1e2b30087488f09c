package dev.leadpact.reporting.plan;

import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.period.ReportFilters;
import dev.leadpact.reporting.problem.InvalidFilterException;
import dev.leadpact.reporting.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/reports/plan")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class PlanResource {

    private final Plans plans;
    private final ReportingConfig config;

    PlanResource(Plans plans, ReportingConfig config) {
        this.plans = plans;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Reverse-funnel plan",
            description = "Meetings and qualified leads needed for a number of new customers, from the rates given"
                    + " or, when absent, the rates observed between from and to (won / meetings, meetings /"
                    + " qualified leads). Needed counts round up.")
    public PlanReport plan(
            @Parameter(description = "new customers wanted", required = true) @QueryParam("customers") String customers,
            @Parameter(description = "share of meetings that become customers, e.g. 0.3333")
                    @QueryParam("meetingToCustomerRate")
                    String meetingToCustomerRate,
            @Parameter(description = "share of qualified leads that get a meeting, e.g. 0.1")
                    @QueryParam("qualifiedLeadToMeetingRate")
                    String qualifiedLeadToMeetingRate,
            @Parameter(description = "ISO date, inclusive: start of the observation window", required = true)
                    @QueryParam("from")
                    String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return plans.plan(
                customers(customers),
                ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())),
                rate("meetingToCustomerRate", meetingToCustomerRate),
                rate("qualifiedLeadToMeetingRate", qualifiedLeadToMeetingRate));
    }

    private static long customers(String value) {
        try {
            long n = Long.parseLong(value == null ? "" : value.trim());
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFilterException("customers", "customers must be a whole number from 1 to 1000000");
    }

    private static BigDecimal rate(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal rate = new BigDecimal(value.trim());
            if (rate.signum() > 0 && rate.compareTo(BigDecimal.ONE) <= 0) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFilterException(parameter, parameter + " must be a decimal above 0 and at most 1");
    }
}
