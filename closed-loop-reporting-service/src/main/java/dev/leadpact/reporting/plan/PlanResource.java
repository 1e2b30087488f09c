package dev.leadpact.reporting.plan;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportFilters;
import dev.leadpact.reporting.problem.InvalidFilterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
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
            description = "Meetings and qualified leads needed per rep and month for a number of new customers per"
                    + " rep and month, from the rates given (decimals or exact fractions such as 1/3) or, when"
                    + " absent, the rates observed between from and to (won / meetings, meetings / qualified"
                    + " leads); team totals for reps; and the planned month's weekly delivery schedule, pro rata"
                    + " by days of the month. Needed counts round up.")
    public PlanReport plan(
            @Parameter(description = "new customers wanted per rep and month", required = true) @QueryParam("customers")
                    String customers,
            @Parameter(description = "share of meetings that become customers, e.g. 1/3 or 0.3333")
                    @QueryParam("meetingToCustomerRate")
                    String meetingToCustomerRate,
            @Parameter(description = "share of qualified leads that get a meeting, e.g. 1/10 or 0.1")
                    @QueryParam("qualifiedLeadToMeetingRate")
                    String qualifiedLeadToMeetingRate,
            @Parameter(description = "reps the team plans for (default 1)") @QueryParam("reps") String reps,
            @Parameter(description = "the planned month, yyyy-MM (default: the month after to)") @QueryParam("month")
                    String month,
            @Parameter(description = "ISO date, inclusive: start of the observation window", required = true)
                    @QueryParam("from")
                    String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        DateRange range = ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone()));
        return plans.plan(
                whole("customers", customers, 1),
                reps == null || reps.isBlank() ? 1 : whole("reps", reps, 1),
                range,
                month(month, range),
                rate("meetingToCustomerRate", meetingToCustomerRate),
                rate("qualifiedLeadToMeetingRate", qualifiedLeadToMeetingRate));
    }

    @GET
    @Path("/schedule")
    @Operation(
            summary = "Weekly delivery schedule of the plan",
            description = "The same parameters as /reports/plan; one row per ISO week of the planned month with the"
                    + " team's qualified leads and meetings due, pro rata by the week's days in the month.")
    public PlanScheduleReport schedule(
            @QueryParam("customers") String customers,
            @QueryParam("meetingToCustomerRate") String meetingToCustomerRate,
            @QueryParam("qualifiedLeadToMeetingRate") String qualifiedLeadToMeetingRate,
            @QueryParam("reps") String reps,
            @QueryParam("month") String month,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("zone") String zone,
            @QueryParam("format") String format) {
        PlanReport plan =
                plan(customers, meetingToCustomerRate, qualifiedLeadToMeetingRate, reps, month, from, to, zone, format);
        PlanRow row = plan.rows().get(0);
        return new PlanScheduleReport(plan.month(), row.reps(), row.teamQualifiedLeadsNeeded(), plan.schedule());
    }

    private static long whole(String parameter, String value, long min) {
        try {
            long n = Long.parseLong(value == null ? "" : value.trim());
            if (n >= min && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFilterException(parameter, parameter + " must be a whole number from " + min + " to 1000000");
    }

    private static YearMonth month(String value, DateRange range) {
        if (value == null || value.isBlank()) {
            return YearMonth.from(range.to()).plusMonths(1);
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFilterException("month", "month must be a month such as 2026-12");
        }
    }

    private static Rate rate(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Rate rate = Rate.parse(value);
        if (rate != null && rate.isPositiveAndAtMostOne()) {
            return rate;
        }
        throw new InvalidFilterException(
                parameter, parameter + " must be above 0 and at most 1, as a decimal (0.1) or a fraction (1/10)");
    }
}
