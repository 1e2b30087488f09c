package dev.leadpact.reporting;

import static dev.leadpact.reporting.Reports.JSON;
import static dev.leadpact.reporting.Reports.KEY;
import static dev.leadpact.reporting.Reports.assertProblem;
import static dev.leadpact.reporting.Reports.csvRows;
import static dev.leadpact.reporting.Reports.getCsv;
import static dev.leadpact.reporting.Reports.getCsvByAccept;
import static dev.leadpact.reporting.Reports.getJson;
import static dev.leadpact.reporting.Reports.parse;
import static dev.leadpact.reporting.Reports.rows;
import static dev.leadpact.reporting.Scenario.L1;
import static dev.leadpact.reporting.Scenario.L3;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.reporting.readmodel.ReadModelRebuild;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole service against a real Kafka broker and PostgreSQL: the {@link Scenario} goes in through
 * the topics, the reports come out with hand-counted numbers, in JSON and in CSV. The scenario's
 * namespace ({@code scn-}, {@code lead-scn-}, team {@code emea}, reps {@code rep-jane}, ...) is the
 * only data of this class's broker and database (HealthTest shares them and adds none), so that its
 * totals are the scenario's; the tests that need data of their own are in classes with a stack of
 * their own ({@link ReportLimitsTest}, {@link DeliveryEdgeCasesTest}, {@link DashboardTest}).
 */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class ClosedLoopReportingTest {

    private static final String NOVEMBER = "from=2026-11-01&to=2026-11-30";
    private static boolean scenarioPublished;

    @Inject
    MeterRegistry metrics;

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void publishScenarioOnce() {
        synchronized (ClosedLoopReportingTest.class) {
            if (!scenarioPublished) {
                // first delivery already out of order: deals before touches, retractions before breaches
                Scenario.publishAndAwaitStored(shuffled(Scenario.november(), 7), database);
                scenarioPublished = true;
            }
        }
    }

    @AfterAll
    static void closeProducer() {
        Scenario.closeProducer();
    }

    private static List<LeadEvent> shuffled(List<LeadEvent> events, long seed) {
        List<LeadEvent> copy = new ArrayList<>(events);
        java.util.Collections.shuffle(copy, new java.util.Random(seed));
        return copy;
    }

    private long stored(String eventIdPattern) {
        return ServiceDatabase.storedEvents(database, eventIdPattern);
    }

    // ---- attribution ----

    @Test
    void linearAttributionByChannel() throws IOException {
        String url = "/reports/attribution?model=linear&groupBy=channel&period=month&" + NOVEMBER;
        // D1 3000.00 over its three touches before the close (the email after it does not count),
        // D5 1000.00 to its one touch, which arrived after the deal
        List<String> expected = List.of(
                "2026-11-01|EUR|organic-search|1000.00|1|0.3333|0.2500",
                "2026-11-01|EUR|paid-search|1000.00|1|0.3333|0.2500",
                "2026-11-01|EUR|paid-social|1000.00|1|0.3333|0.2500",
                "2026-11-01|EUR|partner|1000.00|1|1.0000|0.2500");
        String[] columns = {"periodStart", "currency", "groupValue", "revenue", "deals", "weightedDeals", "creditShare"
        };
        JsonNode report = getJson(url);
        assertThat(report.get("model").asText()).isEqualTo("linear");
        assertThat(rows(report.get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
    }

    @Test
    void fullPathAttributionByCampaign() throws IOException {
        // D1: first touch 22.5, lead creation (MQL) 22.5, opportunity creation (SQL) that is also the
        // won-deal touch 45 -> 750 / 750 / 1500; D5 1000 to partner-q4
        String url = "/reports/attribution?model=full-path&groupBy=campaign&" + NOVEMBER;
        String[] columns = {"groupValue", "revenue", "deals", "creditShare"};
        List<String> expected = List.of(
                "q4-demo|1500.00|1|0.3750",
                "partner-q4|1000.00|1|0.2500",
                "(none)|750.00|1|0.1875",
                "q4-webinar|750.00|1|0.1875");
        assertThat(rows(getJson(url).get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsvByAccept(url), columns)).containsExactlyElementsOf(expected);
    }

    @Test
    void creditsOfEveryDealSumToItsAmountInTheExport() throws IOException {
        List<CSVRecord> lines = new ArrayList<>();
        String cursor = null;
        do {
            Response page = given().header("Authorization", KEY)
                    .queryParam("model", "u-shaped")
                    .queryParam("limit", "1")
                    .queryParam("format", "csv")
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/exports/attribution-credits");
            assertThat(page.statusCode()).isEqualTo(200);
            lines.addAll(parse(page.asString()));
            cursor = page.header("X-Next-Cursor");
        } while (cursor != null);
        BigDecimal d1 = sum(lines, "deal-scn-1");
        BigDecimal d5 = sum(lines, "deal-scn-5");
        assertThat(d1).isEqualByComparingTo("3000.00");
        assertThat(d5).isEqualByComparingTo("1000.00");
        // U-shaped over D1's three touches: 40 / 20 / 40
        assertThat(lines.stream()
                        .filter(r -> r.get("deal_id").equals("deal-scn-1"))
                        .map(r -> r.get("touch_event_id") + "=" + r.get("credit")))
                .containsExactly("scn-c-1a=1200.00", "scn-c-1b=600.00", "scn-c-1c=1200.00");
        // the lost deal has no credits
        assertThat(lines).noneMatch(r -> r.get("deal_id").equals("deal-scn-2"));
    }

    // ---- funnel, speed, SLA ----

    @Test
    void monthlyFunnel() throws IOException {
        String url = "/reports/funnel?period=month&" + NOVEMBER;
        String[] columns = {
            "periodStart",
            "leads",
            "mqls",
            "sqls",
            "contacted",
            "connected",
            "meetings",
            "won",
            "lost",
            "mqlRate",
            "sqlRate",
            "contactedRate",
            "connectedRate",
            "meetingRate",
            "winRate",
            "leadToCustomerRate",
            "wonRevenue",
            "averageDealSize",
            "marketingSourcedRevenueShare"
        };
        List<String> expected = List.of("2026-11-01|5|5|4|3|2|1|2|1|1.0000|0.8000|0.7500|0.6667|0.5000|0.6667"
                + "|0.4000|4000.00|2000.00|1.0000");
        assertThat(rows(getJson(url).get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
        // deals in another currency: the lead columns stay, the deal columns are empty
        assertThat(rows(getJson(url + "&currency=usd").get("rows"), "leads", "won", "wonRevenue", "averageDealSize"))
                .containsExactly("5|0|0.00|");
    }

    @Test
    void weeklyFunnelBucketsByMondayAcrossTheMonthEnd() throws IOException {
        String url = "/reports/funnel?period=week&from=2026-11-23&to=2026-12-06";
        String[] columns = {"periodStart", "leads", "sqls", "won", "wonRevenue"};
        // L5's conversion (24 Nov) and D5 (25 Nov) fall in the week of 23 Nov; nothing in the next one
        assertThat(rows(getJson(url).get("rows"), columns))
                .containsExactly("2026-11-23|1|1|1|1000.00", "2026-11-30|0|0|0|0.00");
    }

    @Test
    void speedToLeadByOwner() throws IOException {
        String url = "/reports/speed-to-lead?groupBy=owner&" + NOVEMBER;
        String[] columns = {
            "groupValue",
            "leads",
            "contacted",
            "medianSeconds",
            "p90Seconds",
            "deadlineSeconds",
            "withinDeadline",
            "withinDeadlineShare"
        };
        // rep-jane: L1 after 30 min, L3 after 40 min; rep-omar: L2 after 2 h; rep-lee: L5 never contacted
        List<String> expected = List.of(
                "rep-jane|2|2|2100|2400|3600|2|1.0000",
                "rep-lee|1|0|||3600|0|0.0000",
                "rep-omar|1|1|7200|7200|3600|0|0.0000");
        assertThat(rows(getJson(url).get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
    }

    @Test
    void speedToLeadDistributionInBuckets() throws IOException {
        String url = "/reports/speed-to-lead/distribution?" + NOVEMBER;
        String[] columns = {"bucket", "minSeconds", "maxSeconds", "leads", "share", "withinDeadline"};
        // L1 after 30 min (the last second of its bucket), L3 after 40 min, L2 after 2 h, L5 not yet
        List<String> expected = List.of(
                "up to 5 min|0|300|0|0.0000|true",
                "5 min to 15 min|301|900|0|0.0000|true",
                "15 min to 30 min|901|1800|1|0.2500|true",
                "30 min to 1 h|1801|3600|1|0.2500|true",
                "1 h to 4 h|3601|14400|1|0.2500|false",
                "4 h to 1 d|14401|86400|0|0.0000|false",
                "over 1 d|86401||0|0.0000|false",
                "not contacted|||1|0.2500|false");
        JsonNode report = getJson(url);
        assertThat(rows(report.get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
        // the totals are the speed report's over all owners, and the evaluation's median and p90
        assertThat(rows(
                        JSON.createArrayNode().add(report),
                        "stage",
                        "deadlineSeconds",
                        "leads",
                        "contacted",
                        "medianSeconds",
                        "p90Seconds",
                        "withinDeadline"))
                .containsExactly("SQL|3600|4|3|2400|7200|2");
        // from the first MQL-or-higher touch: L1's MQL on 5 Nov waited four days for the call of 9 Nov;
        // L4 (an MQL) is not contacted either
        assertThat(rows(getJson(url + "&stage=MQL").get("rows"), "bucket", "leads").stream()
                        .filter(r -> !r.endsWith("|0")))
                .containsExactly("30 min to 1 h|1", "1 h to 4 h|1", "over 1 d|1", "not contacted|2");
    }

    @Test
    void speedToLeadInBusinessTimeFromThePolicyCalendar() throws IOException {
        // the policies' default calendar: Monday to Friday, 09:00 to 18:00 UTC. L2's SQL came on Tuesday
        // 3 Nov at 08:00 and was called at 10:00: 2 h on the wall clock, 1 h of business time
        String[] columns = {
            "groupValue",
            "medianSeconds",
            "medianBusinessSeconds",
            "p90BusinessSeconds",
            "withinDeadlineBusiness",
            "withinDeadlineBusinessShare"
        };
        assertThat(rows(
                        getJson("/reports/speed-to-lead?groupBy=owner&" + NOVEMBER)
                                .get("rows"),
                        columns))
                .containsExactly(
                        "rep-jane|2100|2100|2400|2|1.0000", "rep-lee||||0|0.0000", "rep-omar|7200|3600|3600|1|1.0000");
        JsonNode business = getJson("/reports/speed-to-lead/distribution?clock=business&" + NOVEMBER);
        assertThat(rows(
                        JSON.createArrayNode().add(business),
                        "clock",
                        "medianSeconds",
                        "medianBusinessSeconds",
                        "p90BusinessSeconds",
                        "withinDeadlineBusiness"))
                .containsExactly("business|2400|2400|3600|3");
        assertThat(rows(business.get("rows"), "bucket", "leads").stream().filter(r -> !r.endsWith("|0")))
                .containsExactly("15 min to 30 min|1", "30 min to 1 h|2", "not contacted|1");
        assertProblem("/reports/speed-to-lead/distribution?clock=sundial&" + NOVEMBER, "clock");
    }

    @Test
    void speedToLeadBySegmentAndSource() throws IOException {
        String[] columns = {"groupValue", "leads", "contacted", "withinDeadline"};
        assertThat(rows(
                        getJson("/reports/speed-to-lead?groupBy=segment&" + NOVEMBER)
                                .get("rows"),
                        columns))
                .containsExactly("LARGE|1|1|1", "MID|2|1|1", "SMALL|1|1|0");
        assertThat(rows(
                        getJson("/reports/speed-to-lead?groupBy=source&" + NOVEMBER)
                                .get("rows"),
                        columns))
                .containsExactly("(none)|1|1|1", "google|2|2|1", "partner-x|1|0|0");
    }

    @Test
    void breachesCountRetractionsOnce() throws IOException {
        String[] columns = {"groupValue", "breaches", "retracted", "standing", "escalated"};
        String byRule = "/reports/sla-breaches?groupBy=rule&" + NOVEMBER;
        List<String> expected = List.of(
                "ATTEMPT_MINIMUM_MISSED|1|0|1|0", "FIRST_CONTACT_OVERDUE|2|1|1|1", "LEAD_VOLUME_SHORTFALL|1|0|1|0");
        assertThat(rows(getJson(byRule).get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(byRule + "&format=csv"), columns)).containsExactlyElementsOf(expected);
        assertThat(rows(
                        getJson("/reports/sla-breaches?groupBy=owner&" + NOVEMBER)
                                .get("rows"),
                        columns))
                .containsExactly("(none)|1|0|1|0", "rep-jane|2|1|1|0", "rep-omar|1|0|1|1");
        assertThat(rows(
                        getJson("/reports/sla-breaches?groupBy=week&" + NOVEMBER)
                                .get("rows"),
                        columns))
                .containsExactly("2026-11-02|2|0|2|1", "2026-11-09|2|1|1|0");
        assertThat(rows(
                        getJson("/reports/sla-breaches?groupBy=segment&rule=first-contact-overdue&" + NOVEMBER)
                                .get("rows"),
                        columns))
                .containsExactly("LARGE|1|1|0|0", "SMALL|1|0|1|1");
    }

    @Test
    void monthlyCompliance() throws IOException {
        String url = "/reports/sla-compliance?period=month&" + NOVEMBER;
        String[] columns = {
            "periodStart",
            "sqls",
            "sqlsContactedInTime",
            "contactedInTimeShare",
            "givenUp",
            "givenUpWithMinimumAttempts",
            "minimumAttemptsShare",
            "standingBreaches",
            "qualifiedLeads",
            "volumeShortfalls"
        };
        // SQLs L1, L2, L3, L5: L1 in time, L3 in time once its breach was retracted, L2 breached, L5 not yet
        // contacted; L3 given up after 2 of 6 attempts; standing: L2 first contact, L3 attempts, the team's
        // volume shortfall; qualified (MQL or higher): all five leads
        List<String> expected = List.of("2026-11-01|4|2|0.5000|1|0|0.0000|3|5|1");
        assertThat(rows(getJson(url).get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
    }

    @Test
    void reverseFunnelPlanFromSetAndObservedRates() throws IOException {
        String[] columns = {
            "customers",
            "meetingToCustomerRate",
            "qualifiedLeadToMeetingRate",
            "rateSource",
            "meetingsNeeded",
            "qualifiedLeadsNeeded",
            "observedQualifiedLeads",
            "observedMeetings",
            "observedWon"
        };
        String set = "/reports/plan?customers=5&meetingToCustomerRate=0.25&qualifiedLeadToMeetingRate=0.1&" + NOVEMBER;
        assertThat(rows(getJson(set).get("rows"), columns)).containsExactly("5|0.25|0.1|set|20|200|5|1|2");
        // observed in November: 2 won of 1 meeting, 1 meeting of 5 qualified leads -> 3 meetings, 15 leads
        String observed = "/reports/plan?customers=5&" + NOVEMBER;
        List<String> expected = List.of("5|2.0000|0.2000|observed|3|15|5|1|2");
        assertThat(rows(getJson(observed).get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(observed + "&format=csv"), columns)).containsExactlyElementsOf(expected);
        assertProblem("/reports/plan?customers=0&" + NOVEMBER, "customers");
        assertProblem("/reports/plan?customers=5&meetingToCustomerRate=1.5&" + NOVEMBER, "meetingToCustomerRate");
    }

    @Test
    void reverseFunnelPlanOfTheSeedWithItsWeeklySchedule() throws IOException {
        // 5 customers per rep at exactly 1/3 and 1/10 -> 15 meetings -> 150 leads per rep; two reps
        String url = "/reports/plan?customers=5&meetingToCustomerRate=1/3&qualifiedLeadToMeetingRate=1/10&reps=2"
                + "&month=2026-12&" + NOVEMBER;
        String[] columns = {
            "customers",
            "meetingToCustomerRate",
            "qualifiedLeadToMeetingRate",
            "rateSource",
            "meetingsNeeded",
            "qualifiedLeadsNeeded",
            "reps",
            "teamMeetingsNeeded",
            "teamQualifiedLeadsNeeded"
        };
        List<String> expected = List.of("5|0.3333|0.1000|set|15|150|2|30|300");
        JsonNode plan = getJson(url);
        assertThat(plan.get("month").asText()).isEqualTo("2026-12");
        assertThat(rows(plan.get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
        // December 2026: weeks of 6, 7, 7, 7 and 4 days; 300 leads due by day k: ceil(300 × k / 31)
        String[] week = {
            "weekStart",
            "firstDay",
            "lastDay",
            "days",
            "qualifiedLeadsDue",
            "cumulativeQualifiedLeads",
            "meetingsDue",
            "cumulativeMeetings"
        };
        List<String> weeks = List.of(
                "2026-11-30|2026-12-01|2026-12-06|6|59|59|6|6",
                "2026-12-07|2026-12-07|2026-12-13|7|67|126|7|13",
                "2026-12-14|2026-12-14|2026-12-20|7|68|194|7|20",
                "2026-12-21|2026-12-21|2026-12-27|7|68|262|7|27",
                "2026-12-28|2026-12-28|2026-12-31|4|38|300|3|30");
        assertThat(rows(plan.get("schedule"), week)).containsExactlyElementsOf(weeks);
        assertThat(csvRows(getCsv(url.replace("/reports/plan?", "/reports/plan/schedule?") + "&format=csv"), week))
                .containsExactlyElementsOf(weeks);
        // without a month: the month after the observation window; one rep by default
        JsonNode observed = getJson("/reports/plan?customers=5&" + NOVEMBER);
        assertThat(observed.get("month").asText()).isEqualTo("2026-12");
        String[] all = {
            "customers",
            "meetingToCustomerRate",
            "qualifiedLeadToMeetingRate",
            "rateSource",
            "meetingsNeeded",
            "qualifiedLeadsNeeded",
            "observedQualifiedLeads",
            "observedMeetings",
            "observedWon",
            "reps",
            "teamMeetingsNeeded",
            "teamQualifiedLeadsNeeded"
        };
        assertThat(rows(observed.get("rows"), all)).containsExactly("5|2.0000|0.2000|observed|3|15|5|1|2|1|3|15");
        assertThat(rows(plan.get("rows"), all)).containsExactly("5|0.3333|0.1000|set|15|150|5|1|2|2|30|300");
        assertProblem("/reports/plan?customers=5&month=2026-13&" + NOVEMBER, "month");
        assertProblem("/reports/plan?customers=5&reps=0&" + NOVEMBER, "reps");
        assertProblem(
                "/reports/plan?customers=5&qualifiedLeadToMeetingRate=1/0&" + NOVEMBER, "qualifiedLeadToMeetingRate");
    }

    @Test
    void monthlySlaEvaluationOfBothSides() throws IOException {
        String url = "/reports/sla-evaluation?period=month&" + NOVEMBER;
        String[] columns = {"periodStart", "side", "metric", "scope", "currency", "value", "target", "met"};
        List<String> expected = List.of(
                "2026-11-01|marketing|marketing_generated_leads|all||5||",
                // delivered as the monitor counted it at the month's end (Scenario.checkpoints): emea 3 of
                // 300 (L1, L2, L3), MID 2 of 150 (L1, L5); all = the teams' sum
                "2026-11-01|marketing|qualified_leads_delivered|all||3|300|false",
                "2026-11-01|marketing|qualified_leads_delivered|segment:MID||2|150|false",
                "2026-11-01|marketing|qualified_leads_delivered|team:emea||3|300|false",
                "2026-11-01|marketing|qualified_share|all||1.0000||",
                "2026-11-01|marketing|marketing_sourced_revenue_share|all||1.0000||",
                "2026-11-01|marketing|average_deal_size|all||2000.00||",
                "2026-11-01|marketing|lead_to_customer_rate|all||0.4000||",
                "2026-11-01|sales|sqls|all||4||",
                "2026-11-01|sales|sqls_contacted_in_time|all||2||",
                "2026-11-01|sales|sqls_contacted_in_time_share|all||0.5000|1.0000|false",
                // SQL response times 1800 (L1), 2400 (L3), 7200 (L2); L5 not contacted
                "2026-11-01|sales|median_response_seconds|all||2400|3600|true",
                "2026-11-01|sales|p90_response_seconds|all||7200|3600|false",
                "2026-11-01|sales|given_up|all||1||",
                "2026-11-01|sales|attempts_compliance_share|all||0.0000|1.0000|false",
                "2026-11-01|sales|premature_contacts|all||0|0|true",
                // outcomes: L1 won, L2 lost, L3 unreachable, L5 won, all within 30 days of the SQL
                "2026-11-01|sales|outcome_feedback_complete|all||4||",
                "2026-11-01|sales|outcome_feedback_completeness|all||1.0000|1.0000|true",
                "2026-11-01|sales|feedback_overdue|all||0|0|true",
                "2026-11-01|closed-loop|deals_won|all||2||",
                "2026-11-01|closed-loop|deals_lost|all||1||",
                "2026-11-01|closed-loop|revenue|all||4000.00||",
                "2026-11-01|closed-loop|revenue_by_channel|channel:organic-search|EUR|1000.00||",
                "2026-11-01|closed-loop|revenue_by_channel|channel:paid-search|EUR|1000.00||",
                "2026-11-01|closed-loop|revenue_by_channel|channel:paid-social|EUR|1000.00||",
                "2026-11-01|closed-loop|revenue_by_channel|channel:partner|EUR|1000.00||");
        JsonNode report = getJson(url);
        assertThat(report.get("model").asText()).isEqualTo("linear");
        assertThat(rows(report.get("rows"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv(url + "&format=csv"), columns)).containsExactlyElementsOf(expected);
        // another model: D1 under first touch all to organic search
        assertThat(rows(getJson(url + "&model=first-touch").get("rows"), columns))
                .contains("2026-11-01|closed-loop|revenue_by_channel|channel:organic-search|EUR|3000.00||");
        assertProblem("/reports/sla-evaluation?period=quarter&" + NOVEMBER, "period");
        assertProblem("/reports/sla-evaluation?model=magic&" + NOVEMBER, "model");
        assertProblem("/reports/sla-evaluation?from=2026-11-01", "to");
    }

    @Test
    void theEvaluationSaysHowToShowEachMetric() throws IOException {
        String url = "/reports/sla-evaluation?period=month&" + NOVEMBER;
        String[] columns = {"metric", "scope", "direction", "unit", "label"};
        List<String> rows = rows(getJson(url).get("rows"), columns);
        assertThat(rows)
                .contains(
                        "marketing_generated_leads|all||count|New leads",
                        "qualified_leads_delivered|team:emea|at-least|count|Qualified leads delivered",
                        "qualified_share|all||ratio|Share qualified",
                        "average_deal_size|all||amount|Average deal size",
                        "sqls_contacted_in_time_share|all|at-least|ratio|Share of SQLs contacted in time",
                        "median_response_seconds|all|at-most|seconds|Median response",
                        "p90_response_seconds|all|at-most|seconds|p90 response",
                        "premature_contacts|all|at-most|count|Premature contacts (IQLs)",
                        "outcome_feedback_completeness|all|at-least|ratio|Share of outcomes reported",
                        "feedback_overdue|all|at-most|count|Feedback overdue",
                        "revenue_by_channel|channel:partner||amount|Revenue by channel");
        // every row carries them; a metric with a target has a direction
        JsonNode all = getJson(url).get("rows");
        for (JsonNode row : all) {
            assertThat(row.get("unit").asText()).as(row.toString()).isIn("count", "ratio", "seconds", "amount");
            assertThat(row.get("label").asText()).as(row.toString()).isNotBlank();
            if (!row.get("target").isNull()) {
                assertThat(row.get("direction").asText()).as(row.toString()).isIn("at-least", "at-most");
            }
        }
        // the CSV keeps its columns and adds these at the end
        String csv = getCsv(url + "&format=csv");
        assertThat(csv).startsWith("period_start,side,metric,scope,currency,value,target,met,direction,unit,label\r\n");
        assertThat(csvRows(csv, columns)).containsExactlyElementsOf(rows);
    }

    @Test
    void weeklySlaEvaluationCommitsThePartOfTheMonth() throws IOException {
        String url = "/reports/sla-evaluation?period=week&from=2026-11-02&to=2026-11-08&format=csv";
        String[] columns = {"periodStart", "metric", "scope", "value", "target", "met"};
        // the week's pacing is the monitor's checkpoint at its end (Monday 9 Nov 00:00): the month so far,
        // L2 (3 Nov, SQL, emea) delivered (L1 was only an MQL until 9 Nov 10:00), ceil(300 × 8 / 30) = 80
        // due; MID nothing of ceil(150 × 8 / 30) = 40
        List<String> delivered = csvRows(getCsv(url), columns).stream()
                .filter(r -> r.contains("|qualified_leads_delivered|"))
                .toList();
        assertThat(delivered)
                .containsExactly(
                        "2026-11-02|qualified_leads_delivered|all|1|80|false",
                        "2026-11-02|qualified_leads_delivered|segment:MID|0|40|false",
                        "2026-11-02|qualified_leads_delivered|team:emea|1|80|false");
        // L2's SQL on 3 Nov was first contacted after 2 h
        assertThat(csvRows(getCsv(url), columns))
                .contains(
                        "2026-11-02|sqls|all|1||",
                        "2026-11-02|median_response_seconds|all|7200|3600|false",
                        "2026-11-02|deals_won|all|0||");
    }

    // ---- read models ----

    @Test
    void aRebuildGivesTheSameReportsAsIngest() throws IOException {
        List<String> urls = List.of(
                "/reports/funnel?period=week&" + NOVEMBER,
                "/reports/funnel?period=month&zone=Asia/Kolkata&" + NOVEMBER,
                "/reports/speed-to-lead?groupBy=source&" + NOVEMBER,
                "/reports/speed-to-lead/distribution?stage=MQL&" + NOVEMBER,
                "/reports/sla-breaches?groupBy=week&" + NOVEMBER,
                "/reports/sla-compliance?period=week&" + NOVEMBER,
                "/reports/sla-evaluation?period=month&model=time-decay&" + NOVEMBER,
                "/reports/attribution?model=u-shaped&groupBy=landing-page&period=week&" + NOVEMBER,
                "/reports/attribution?model=full-path&groupBy=source-medium&from=2025-01-01&to=2027-12-31",
                "/exports/attribution-credits?model=w-shaped&limit=5000");
        List<String> ingested = new ArrayList<>();
        for (String url : urls) {
            ingested.add(getJson(url).toString());
        }
        // read models gone wrong (a bug, a changed rule): a rebuild recomputes them from the facts
        ServiceDatabase.execute(database, "UPDATE lead_rollup SET leads = leads + 1000");
        ServiceDatabase.execute(database, "DELETE FROM attribution_credit");
        assertThat(getJson(urls.get(0)).toString()).isNotEqualTo(ingested.get(0));
        assertThat(getJson(urls.get(9)).toString()).isNotEqualTo(ingested.get(9));

        List<ReadModelRebuild.Progress> progress = new ArrayList<>();
        ReadModelRebuild.Progress done = rebuild.run(progress::add);

        for (int i = 0; i < urls.size(); i++) {
            assertThat(getJson(urls.get(i)).toString()).as(urls.get(i)).isEqualTo(ingested.get(i));
        }
        long leads = ServiceDatabase.count(database, "SELECT count(*) FROM lead_summary");
        assertThat(done.leads()).isEqualTo(leads).isGreaterThanOrEqualTo(5);
        // the scenario's seven SLA events
        assertThat(done.slaEvents()).isGreaterThanOrEqualTo(7);
        assertThat(progress)
                .isNotEmpty()
                .last()
                .extracting(ReadModelRebuild.Progress::leads)
                .isEqualTo(leads);
        assertThat(done.toString()).contains("leads rebuilt (100.0 %)");
    }

    // ---- journey and exports ----

    @Test
    void journeyInTimeOrder() throws IOException {
        JsonNode journey = getJson("/leads/" + L3 + "/journey");
        assertThat(journey.get("currentStage").asText()).isEqualTo("SQL");
        assertThat(journey.get("owner").asText()).isEqualTo("rep-jane");
        String[] columns = {"occurredAt", "type", "outcome"};
        List<String> expected = List.of(
                "2026-11-10T14:00:00Z|TOUCHPOINT|",
                "2026-11-10T14:00:00Z|STAGE_REACHED|",
                "2026-11-10T14:01:00Z|OWNER_ASSIGNED|",
                "2026-11-10T14:40:00Z|CONTACT_ATTEMPT|NO_ANSWER",
                "2026-11-10T15:00:05Z|SLA_BREACH|FIRST_CONTACT_OVERDUE",
                "2026-11-10T15:10:00Z|SLA_RETRACTION|FIRST_CONTACT_OVERDUE",
                "2026-11-11T09:00:00Z|CONTACT_ATTEMPT|VOICEMAIL",
                "2026-11-12T09:00:00Z|STATUS_CHANGED|UNREACHABLE",
                "2026-11-12T09:00:01Z|SLA_BREACH|ATTEMPT_MINIMUM_MISSED");
        assertThat(rows(journey.get("steps"), columns)).containsExactlyElementsOf(expected);
        assertThat(csvRows(getCsv("/leads/" + L3 + "/journey?format=csv"), columns))
                .containsExactlyElementsOf(expected);
        // the whole CSV, byte for byte, as documented in the README
        assertThat(getCsvByAccept("/leads/" + L3 + "/journey"))
                .isEqualTo(String.join(
                        "\r\n",
                        "occurred_at,type,event_id,stage,channel,offer,campaign,source,actor,outcome,reference,amount,"
                                + "currency,due_at",
                        "2026-11-10T14:00:00Z,TOUCHPOINT,scn-c-3,SQL,referral,demo-request,,,,,,,,",
                        "2026-11-10T14:00:00Z,STAGE_REACHED,scn-c-3,SQL,referral,demo-request,,,,,,,,",
                        "2026-11-10T14:01:00Z,OWNER_ASSIGNED,scn-a-3a,,,,,,rep-jane,,,,,",
                        "2026-11-10T14:40:00Z,CONTACT_ATTEMPT,scn-a-3b,,PHONE,,,,rep-jane,NO_ANSWER,,,,",
                        "2026-11-10T15:00:05Z,SLA_BREACH,scn-s-3b,SQL,,,,,rep-jane,FIRST_CONTACT_OVERDUE,brc-l3-fc,,,"
                                + "2026-11-10T15:00:00Z",
                        "2026-11-10T15:10:00Z,SLA_RETRACTION,scn-s-3r,SQL,,,,,rep-jane,FIRST_CONTACT_OVERDUE,brc-l3-fc,,,"
                                + "2026-11-10T15:00:00Z",
                        "2026-11-11T09:00:00Z,CONTACT_ATTEMPT,scn-a-3c,,PHONE,,,,rep-jane,VOICEMAIL,,,,",
                        "2026-11-12T09:00:00Z,STATUS_CHANGED,scn-a-3d,,,,,,rep-jane,UNREACHABLE,,,,",
                        "2026-11-12T09:00:01Z,SLA_BREACH,scn-s-3m,SQL,,,,,rep-jane,ATTEMPT_MINIMUM_MISSED,brc-l3-am,,,"
                                + "2026-11-12T09:00:00Z",
                        ""));

        List<String> wonLead = rows(getJson("/leads/" + L1 + "/journey").get("steps"), "type");
        assertThat(wonLead).contains("DEAL_WON").endsWith("TOUCHPOINT");
        given().header("Authorization", KEY)
                .get("/leads/nobody/journey")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://leadpact.dev/problems/not-found"));
    }

    @Test
    void touchpointExportPagesWithoutGapsOrRepeats() throws IOException {
        List<String> ids = touchpointPages(4).stream().flatMap(List::stream).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids)
                .containsSubsequence(
                        "scn-c-1a",
                        "scn-c-2",
                        "scn-c-1b",
                        "scn-c-1c",
                        "scn-c-3",
                        "scn-c-4a",
                        "scn-c-4b",
                        "scn-c-5",
                        "scn-c-1d");

        Response csv = given().header("Authorization", KEY).get("/exports/deals?limit=2&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.header("Link")).contains("rel=\"next\"").contains("format=csv");
        List<CSVRecord> deals = parse(csv.asString());
        assertThat(deals).hasSizeLessThanOrEqualTo(2);
        assertThat(deals.get(0).toMap()).containsKeys("deal_id", "lead_id", "outcome", "amount", "closed_at");
    }

    @Test
    void allStreamsEveryRowOfAnExportInOneCsvAsThePagesGiveThem() throws IOException {
        // what a BI tool follows page by page, in pages of 3 ...
        List<List<String>> pages = touchpointPages(3);
        assertThat(pages).hasSizeGreaterThan(2);
        List<String> paged = pages.stream().flatMap(List::stream).toList();

        // ... is one CSV with all=true, fetched 3 rows at a time while it is written
        Response all = given().header("Authorization", KEY).get("/exports/touchpoints?limit=3&all=true&format=csv");
        assertThat(all.statusCode()).as(all.asString()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("text/csv");
        assertThat(all.header("Link")).isNull();
        List<CSVRecord> rows = parse(all.asString());
        assertThat(rows).extracting(r -> r.get("event_id")).containsExactlyElementsOf(paged);
        assertThat(all.asString().lines().filter(l -> l.startsWith("event_id,")))
                .hasSize(1);

        // from a cursor on: the rest only
        String second =
                getJson("/exports/touchpoints?limit=3").get("nextCursor").asText();
        List<CSVRecord> rest = parse(getCsvByAccept("/exports/touchpoints?limit=2&all=true&cursor=" + second));
        assertThat(rest).extracting(r -> r.get("event_id")).containsExactlyElementsOf(paged.subList(3, paged.size()));

        // the credit lines of every won deal, as the pages give them
        List<CSVRecord> credits =
                parse(getCsv("/exports/attribution-credits?model=w-shaped&limit=1&all=true&format=csv"));
        assertThat(credits)
                .extracting(r -> r.get("touch_event_id"))
                .containsExactlyElementsOf(StreamSupport.stream(
                                getJson("/exports/attribution-credits?model=w-shaped&limit=5000")
                                        .get("items")
                                        .spliterator(),
                                false)
                        .map(item -> item.get("touchEventId").asText())
                        .toList());

        assertProblem("/exports/deals?all=yes", "all");
        assertProblem("/exports/deals?all=true&format=json", "all");
    }

    // ---- delivery: duplicates and order ----

    @Test
    void duplicatedAndShuffledReplayGivesTheSameReports() throws IOException {
        List<String> urls = List.of(
                "/reports/attribution?model=w-shaped&groupBy=source-medium&" + NOVEMBER,
                "/reports/attribution?model=time-decay&groupBy=landing-page&period=week&" + NOVEMBER,
                "/reports/funnel?period=week&" + NOVEMBER,
                "/reports/speed-to-lead?" + NOVEMBER,
                "/reports/sla-compliance?period=week&" + NOVEMBER,
                "/reports/sla-evaluation?period=week&" + NOVEMBER,
                "/leads/" + L1 + "/journey");
        List<String> before = new ArrayList<>();
        for (String url : urls) {
            before.add(getJson(url).toString());
        }
        double duplicatesBefore = duplicates();
        List<LeadEvent> replay = Scenario.duplicatedAndShuffled(Scenario.november(), 42);
        Scenario.publish(replay);
        await().atMost(Duration.ofSeconds(60)).until(() -> duplicates() - duplicatesBefore >= replay.size());
        for (int i = 0; i < urls.size(); i++) {
            assertThat(getJson(urls.get(i)).toString()).as(urls.get(i)).isEqualTo(before.get(i));
        }
        assertThat(stored(Scenario.EVENTS)).isEqualTo(Scenario.november().size());
    }

    // ---- access and validation ----

    @Test
    void reportsNeedAReaderKey() {
        given().get("/reports/funnel?" + NOVEMBER).then().statusCode(401);
        given().get("/exports/deals").then().statusCode(401);
        given().header("Authorization", "Bearer wrong")
                .get("/reports/funnel?" + NOVEMBER)
                .then()
                .statusCode(401);
        String body = given().get("/reports/attribution?format=csv&" + NOVEMBER)
                .then()
                .statusCode(401)
                .extract()
                .asString();
        assertThat(body).doesNotContain("EUR");
        // a key without the reader role
        given().header("Authorization", "Bearer test-ops-key")
                .get("/reports/funnel?" + NOVEMBER)
                .then()
                .statusCode(403);
        // the CSV URL a BI tool fetches
        given().get("/reports/funnel?format=csv&token=test-reader-key&" + NOVEMBER)
                .then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/csv"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void openApiDocumentsTheReportsWithExamplesAndBothCredentials() throws IOException {
        JsonNode api = JSON.readTree(given().get("/q/openapi?format=json").asString());
        JsonNode attribution = api.at("/paths/~1reports~1attribution/get");
        assertThat(attribution
                        .at("/responses/200/content/text~1csv/examples/csv/value")
                        .asText())
                .startsWith("period_start,currency,group_value");
        assertThat(attribution
                        .at("/responses/200/content/application~1json/examples/json/value/rows/0/creditShare")
                        .decimalValue())
                .isEqualByComparingTo("0.25");
        assertThat(attribution
                        .at("/responses/400/content/application~1problem+json")
                        .isMissingNode())
                .isFalse();
        assertThat(api.at("/paths/~1exports~1touchpoints/get/responses/200/content/text~1csv/examples/csv/value")
                        .asText())
                .startsWith("event_id,lead_id,occurred_at");
        assertThat(api.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/securitySchemes/token/in").asText()).isEqualTo("query");
        for (String path : List.of(
                "/reports/funnel",
                "/reports/speed-to-lead",
                "/reports/speed-to-lead/distribution",
                "/reports/sla-breaches",
                "/reports/sla-compliance",
                "/reports/plan",
                "/reports/plan/schedule",
                "/reports/sla-evaluation",
                "/leads/{leadId}/journey",
                "/exports/touchpoints",
                "/exports/deals",
                "/exports/attribution-credits")) {
            assertThat(api.get("paths").has(path)).as(path).isTrue();
        }
        // every operation outside /q says what a missing key and a key without the role get
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            if (!path.getKey().startsWith("/q/")) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    JsonNode responses = operation.getValue().get("responses");
                    assertThat(responses.has("401") && responses.has("403"))
                            .as(operation.getKey() + " " + path.getKey())
                            .isTrue();
                }
            }
        }
        // and a bad filter, also where the operation documents no 400 of its own
        assertThat(api.at(
                                "/paths/~1reports~1plan/get/responses/400/content/application~1problem+json/examples/problem/value/parameter")
                        .asText())
                .isEqualTo("period");
        assertThat(api.at("/paths/~1exports~1deals/get/responses/403/description")
                        .asText())
                .isEqualTo("The key lacks the reader role");
        // a report that cannot be served: too many rows, or past the query timeout
        assertThat(api.at("/paths/~1reports~1funnel/get/responses").has("422")).isTrue();
        assertThat(api.at("/paths/~1reports~1funnel/get/responses/503/headers").has("Retry-After"))
                .isTrue();
        assertThat(api.at("/paths/~1exports~1deals/get/responses").has("503")).isTrue();
    }

    @Test
    void invalidFiltersAreProblems() throws IOException {
        assertProblem("/reports/attribution?model=magic&" + NOVEMBER, "model");
        assertProblem("/reports/attribution?groupBy=colour&" + NOVEMBER, "groupBy");
        assertProblem("/reports/funnel?period=quarter&" + NOVEMBER, "period");
        assertProblem("/reports/funnel?from=2026-11-01", "to");
        assertProblem("/reports/funnel?from=2026-11-31&to=2026-12-01", "from");
        assertProblem("/reports/funnel?from=2026-12-01&to=2026-11-01", "to");
        assertProblem("/reports/funnel?zone=Mars/Olympus&" + NOVEMBER, "zone");
        assertProblem("/reports/funnel?format=xlsx&" + NOVEMBER, "format");
        assertProblem("/reports/funnel?currency=euro&" + NOVEMBER, "currency");
        assertProblem("/reports/speed-to-lead?stage=IQL&" + NOVEMBER, "stage");
        assertProblem("/reports/speed-to-lead/distribution?stage=IQL&" + NOVEMBER, "stage");
        assertProblem("/reports/speed-to-lead/distribution?from=2026-11-01", "to");
        assertProblem("/exports/touchpoints?limit=0", "limit");
        assertProblem("/exports/touchpoints?cursor=garbage", "cursor");
    }

    // ---- helpers ----

    /** The event ids of the touchpoint export, page by page, following nextCursor (at most 100 pages). */
    private static List<List<String>> touchpointPages(int limit) throws IOException {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page =
                    getJson("/exports/touchpoints?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            List<String> ids = new ArrayList<>();
            page.get("items").forEach(item -> ids.add(item.get("eventId").asText()));
            pages.add(ids);
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null && pages.size() < 100);
        return pages;
    }

    private double duplicates() {
        return metrics.find("leadpact.reporting.events").tag("result", "duplicate").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static BigDecimal sum(List<CSVRecord> lines, String dealId) {
        return lines.stream()
                .filter(r -> r.get("deal_id").equals(dealId))
                .map(r -> new BigDecimal(r.get("credit")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
