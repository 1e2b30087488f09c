package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.HTTP;
import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static dev.leadpact.systemtest.SuiteClient.hasBreach;
import static dev.leadpact.systemtest.SuiteClient.header;
import static dev.leadpact.systemtest.SuiteClient.kindsFor;
import static dev.leadpact.systemtest.SuiteClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.Topics;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged suite, end to end, as a user meets it: the three service jars on a real Kafka and
 * PostgreSQL (started as {@code ./run.sh} does), a policy with a first-contact deadline of seconds,
 * HTML form posts and signed webhooks over HTTP, the breach topic read with a plain Kafka consumer,
 * and the reports read with an API key.
 */
class SuiteTest {
    private static final Duration FIRST_CONTACT = Duration.ofSeconds(12);
    private static final String SECRET = "system-test-webhook-secret";
    private static final String READER_KEY = "system-test-reader-key";

    private static DevStack suite;
    private static int intake;
    private static int monitor;
    private static int reporting;

    @BeforeAll
    static void startSuite() {
        intake = freePort();
        monitor = freePort();
        reporting = freePort();
        Path root = Path.of("../..").toAbsolutePath().normalize();
        suite = DevStack.start(
                root,
                Path.of("target/suite"),
                List.of(
                        new DevStack.Service("lead-intake-service", intake, null),
                        new DevStack.Service("sla-monitor-service", monitor, "sla_monitor"),
                        new DevStack.Service("closed-loop-reporting-service", reporting, "reporting")),
                Map.of(
                        "LEADPACT_WEBHOOKS_SECRET",
                        SECRET,
                        "LEADPACT_READER_KEY",
                        READER_KEY,
                        "LEADPACT_SLA_POLICIES_DEFAULT_CALENDAR",
                        "24x7",
                        "LEADPACT_SLA_POLICIES_DEFAULT_FIRST_CONTACT",
                        FIRST_CONTACT.toString(),
                        // marketing's pacing checked every 5 s, with a target no team can meet
                        "LEADPACT_SLA_COMMITMENT_CHECKPOINTS",
                        "PT5S",
                        "LEADPACT_SLA_COMMITMENT_QUALIFIED_LEADS_PER_REP_PER_MONTH",
                        "100000000"));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void formPostBecomesWarningAndBreachUnlessSalesCallsInTimeAndALateReportRetractsIt() throws Exception {
        try (KafkaConsumer<String, String> breaches = consumerAtEnd(Topics.SLA_BREACHES)) {
            String ignored = "ignored-" + UUID.randomUUID() + "@example.com";
            String called = "called-" + UUID.randomUUID() + "@example.com";

            String reportedLate = "late-" + UUID.randomUUID() + "@example.com";

            String ignoredLead = postDemoForm(ignored);
            String calledLead = postDemoForm(called);
            String lateLead = postDemoForm(reportedLate);
            HttpResponse<String> attempt = postSignedAttempt(called, Instant.now());
            assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(202);

            List<JsonNode> seen = new ArrayList<>();
            Instant deadline = Instant.now().plus(FIRST_CONTACT).plusSeconds(40);
            while (Instant.now().isBefore(deadline) && !hasBreach(seen, ignoredLead)) {
                for (ConsumerRecord<String, String> record : breaches.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    assertThat(record.key()).isEqualTo(event.get("leadId").asText());
                    assertThat(header(record, "ce_id"))
                            .isEqualTo(event.get("eventId").asText());
                    seen.add(event);
                }
            }
            // The call was made in time: give its deadline the same slack, then look once more.
            breaches.poll(Duration.ofSeconds(3)).forEach(r -> seen.add(read(r.value())));

            assertThat(kindsFor(seen, ignoredLead)).containsExactly("WARNING", "BREACH");
            JsonNode breach = seen.stream()
                    .filter(e -> e.get("leadId").asText().equals(ignoredLead))
                    .filter(e -> e.get("kind").asText().equals("BREACH"))
                    .findFirst()
                    .orElseThrow();
            assertThat(breach.get("rule").asText()).isEqualTo("FIRST_CONTACT_OVERDUE");
            assertThat(breach.get("stage").asText()).isEqualTo("SQL");
            assertThat(kindsFor(seen, calledLead)).isEmpty();

            // A call made two seconds after the conversion, reported only after the breach: the
            // breach it disproves is retracted, under the same breach id. The conversion's time is
            // the intake's (the breach's due time less the deadline, round the clock), not the
            // test's: on a loaded machine the form post may be stamped seconds after it was sent.
            Instant breachSeenBy = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(breachSeenBy) && !hasBreach(seen, lateLead)) {
                breaches.poll(Duration.ofMillis(500)).forEach(r -> seen.add(read(r.value())));
            }
            JsonNode lateBreach = seen.stream()
                    .filter(e -> e.get("leadId").asText().equals(lateLead))
                    .filter(e -> e.get("kind").asText().equals("BREACH"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no breach for " + lateLead));
            String lateBreachId = lateBreach.get("breachId").asText();
            Instant converted = Instant.parse(lateBreach.get("dueAt").asText()).minus(FIRST_CONTACT);
            HttpResponse<String> late = postSignedAttempt(reportedLate, converted.plusSeconds(2));
            assertThat(late.statusCode()).as(late.body()).isEqualTo(202);
            Instant retractionBy = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(retractionBy)
                    && !kindsFor(seen, lateLead).contains("RETRACTION")) {
                breaches.poll(Duration.ofMillis(500)).forEach(r -> seen.add(read(r.value())));
            }
            assertThat(seen.stream()
                            .filter(e -> e.get("leadId").asText().equals(lateLead))
                            .filter(e -> e.get("kind").asText().equals("RETRACTION"))
                            .map(e -> e.get("breachId").asText()))
                    .containsExactly(lateBreachId);

            // The reporting service saw the touch and the breach of the ignored lead.
            JsonNode journey = awaitJourney(ignoredLead, "SLA_BREACH");
            assertThat(journey.get("steps").findValuesAsText("type")).contains("TOUCHPOINT", "SLA_BREACH");
        }
    }

    @Test
    void breachThatFellDueWhileTheMonitorWasDownFiresOnceAfterRestart() throws Exception {
        try (KafkaConsumer<String, String> breaches = consumerAtEnd(Topics.SLA_BREACHES)) {
            String lead = postDemoForm("restart-" + UUID.randomUUID() + "@example.com");
            awaitMonitorHolds(lead);

            suite.stopService("sla-monitor-service");
            Instant stopped = Instant.now();
            Thread.sleep(FIRST_CONTACT.plusSeconds(2).toMillis());
            suite.startService("sla-monitor-service");

            List<JsonNode> seen = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(40);
            while (Instant.now().isBefore(deadline) && !hasBreach(seen, lead)) {
                breaches.poll(Duration.ofMillis(500)).forEach(r -> seen.add(read(r.value())));
            }
            // Anything doubled would come right after: keep listening a little longer.
            breaches.poll(Duration.ofSeconds(5)).forEach(r -> seen.add(read(r.value())));

            List<JsonNode> leadBreaches = seen.stream()
                    .filter(e -> e.get("leadId").asText().equals(lead))
                    .filter(e -> e.get("kind").asText().equals("BREACH"))
                    .toList();
            assertThat(leadBreaches).hasSize(1);
            assertThat(leadBreaches.get(0).get("rule").asText()).isEqualTo("FIRST_CONTACT_OVERDUE");
            // Fired by the restarted monitor: the deadline passed while it was down.
            assertThat(Instant.parse(leadBreaches.get(0).get("detectedAt").asText()))
                    .isAfter(stopped);
        }
    }

    @Test
    void aTeamNamedInAnOwnerAssignmentGetsMarketingShortfallsAtItsCheckpoints() throws Exception {
        try (KafkaConsumer<String, String> breaches = consumerAtEnd(Topics.SLA_BREACHES)) {
            String team = "system-team-" + UUID.randomUUID();
            String email = "owned-" + UUID.randomUUID() + "@example.com";
            postDemoForm(email);
            assignOwner(email, team);

            // A checkpoint may come between the two events (they travel on two topics): the first
            // checkpoint after both counts the lead.
            List<JsonNode> seen = new ArrayList<>();
            Predicate<JsonNode> countsTheLead = e -> e.get("leadId").asText().equals("team:" + team)
                    && e.get("delivered").asInt() == 1;
            Instant deadline = Instant.now().plusSeconds(40);
            while (Instant.now().isBefore(deadline) && seen.stream().noneMatch(countsTheLead)) {
                breaches.poll(Duration.ofMillis(500)).forEach(r -> seen.add(read(r.value())));
            }
            assertThat(seen.stream().filter(e -> e.get("leadId").asText().equals("team:" + team)))
                    .as("shortfalls of team " + team)
                    .isNotEmpty()
                    .allSatisfy(e -> {
                        assertThat(e.get("kind").asText()).isEqualTo("BREACH");
                        assertThat(e.get("rule").asText()).isEqualTo("LEAD_VOLUME_SHORTFALL");
                        assertThat(e.get("team").asText()).isEqualTo(team);
                    });
            JsonNode shortfall = seen.stream()
                    .filter(countsTheLead)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no shortfall counting the lead for team " + team));
            int expected = shortfall.get("expected").asInt();
            assertThat(expected).isGreaterThan(1);
            assertThat(shortfall.get("gap").asInt()).isEqualTo(expected - 1);
        }
    }

    @Test
    void theEvaluationShowsMarketingsDeliveryAsTheMonitorCountedIt() throws Exception {
        String team = "counted-team-" + UUID.randomUUID();
        String email = "counted-" + UUID.randomUUID() + "@example.com";
        postDemoForm(email);
        assignOwner(email, team);
        // The monitor counts every 5 s; the reporting service shows the latest count it consumed. Both
        // must agree on a checkpoint that counts the lead, on every number.
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        String evaluation =
                "/reports/sla-evaluation?period=month&from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        Instant deadline = Instant.now().plusSeconds(60);
        String monitorSays = null;
        String reportingSays = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode checkpoints = SuiteClient.getJson(monitor, "/sla/commitments?scope=team:" + team, READER_KEY);
            JsonNode latest = null;
            for (JsonNode c : checkpoints) {
                String verdict = c.get("verdict").asText();
                if (!verdict.equals("PENDING") && !verdict.equals("UNTRACKED")) {
                    latest = c;
                }
            }
            if (latest != null) {
                monitorSays = latest.get("delivered").asText() + "|"
                        + latest.get("expected").asText() + "|"
                        + !latest.get("verdict").asText().equals("SHORT");
            }
            reportingSays = null;
            for (JsonNode row :
                    SuiteClient.getJson(reporting, evaluation, READER_KEY).get("rows")) {
                if (row.get("metric").asText().equals("qualified_leads_delivered")
                        && row.get("scope").asText().equals("team:" + team)) {
                    reportingSays = row.get("value").asText() + "|"
                            + row.get("target").asText() + "|" + row.get("met").asText();
                }
            }
            if (monitorSays != null && monitorSays.startsWith("1|") && monitorSays.equals(reportingSays)) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(reportingSays)
                .as("the evaluation's delivery of team " + team + " against GET /sla/commitments")
                .isNotNull()
                .startsWith("1|")
                .isEqualTo(monitorSays);
    }

    @Test
    void theRebuildCommandRecomputesTheReportsFromTheFactsWhileTheServiceRuns() throws Exception {
        String lead = postDemoForm("rebuilt-" + UUID.randomUUID() + "@example.com");
        awaitJourney(lead, "TOUCHPOINT");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        String range = "from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        List<String> urls = List.of(
                "/reports/funnel?period=week&" + range,
                "/reports/speed-to-lead?groupBy=source&" + range,
                "/reports/attribution?model=linear&groupBy=channel&" + range);
        List<String> before = new ArrayList<>();
        for (String url : urls) {
            before.add(SuiteClient.getJson(reporting, url, READER_KEY).toString());
        }
        DevStack.CommandResult rebuild =
                suite.runCommand("closed-loop-reporting-service", Duration.ofMinutes(3), "rebuild-read-models");
        assertThat(rebuild.exitCode()).as(rebuild.output()).isZero();
        assertThat(rebuild.output()).contains("rebuilt: read models of").contains("leads rebuilt (100.0 %)");
        for (int i = 0; i < urls.size(); i++) {
            assertThat(SuiteClient.getJson(reporting, urls.get(i), READER_KEY).toString())
                    .as(urls.get(i))
                    .isEqualTo(before.get(i));
        }
    }

    /**
     * A visitor's form, then their erasure request by email, as a privacy tool would send it: the
     * monitor and the reporting service both forget the lead (404 for its SLA state and its journey).
     */
    @Test
    void anErasureByEmailForgetsTheLeadInTheMonitorAndInTheReports() throws Exception {
        String email = "forget-me-" + UUID.randomUUID() + "@example.com";
        String lead = postDemoForm(email);
        awaitJourney(lead, "TOUCHPOINT");
        assertThat(awaitStatus(monitor, "/sla/leads/" + lead, 200)).isEqualTo(200);

        String body = JSON.createObjectNode()
                .put("id", "dsr-" + UUID.randomUUID())
                .put("email", email.toUpperCase(java.util.Locale.ROOT))
                .toString();
        HttpResponse<String> erased = postSigned("/webhooks/crm/erasures", body);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        assertThat(JSON.readTree(erased.body()).get("leadId").asText()).isEqualTo(lead);

        assertThat(awaitStatus(monitor, "/sla/leads/" + lead, 404)).isEqualTo(404);
        assertThat(awaitStatus(reporting, "/leads/" + lead + "/journey", 404)).isEqualTo(404);
    }

    /** The status of a GET with the reader key once it is {@code expected}, or the last one after 60 s. */
    private static int awaitStatus(int port, String path, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        int status = statusOf(port, path);
        while (status != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            status = statusOf(port, path);
        }
        return status;
    }

    private static int statusOf(int port, String path) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Bearer " + READER_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void theMonitorsOpsApiNeedsTheReaderKey() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + monitor + "/sla/breaches"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(SuiteClient.getJson(monitor, "/sla/breaches", READER_KEY).has("total"))
                .isTrue();
    }

    @Test
    void reportsNeedAKey() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + reporting + "/leads/anyone/journey"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private static String postDemoForm(String email) throws Exception {
        HttpResponse<String> response = SuiteClient.postDemoForm(intake, email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(response.body());
        assertThat(accepted.get("stage").asText()).isEqualTo("SQL");
        return accepted.get("leadId").asText();
    }

    /** Assigns the lead of {@code email} to a new rep of {@code team}, as the CRM's webhook does. */
    private static void assignOwner(String email, String team) throws Exception {
        String body = JSON.createObjectNode()
                .put("id", "owner-" + UUID.randomUUID())
                .put("email", email)
                .put("occurredAt", Instant.now().toString())
                .put("ownerId", "rep-" + UUID.randomUUID())
                .put("team", team)
                .toString();
        HttpResponse<String> assigned = postSigned("/webhooks/crm/owner-assignments", body);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(202);
    }

    private static HttpResponse<String> postSignedAttempt(String email, Instant occurredAt) throws Exception {
        String body = JSON.createObjectNode()
                .put("id", "attempt-" + UUID.randomUUID())
                .put("email", email)
                .put("occurredAt", occurredAt.toString())
                .put("repId", "rep-jane")
                .put("channel", "PHONE")
                .put("outcome", "CONNECTED")
                .toString();
        return postSigned("/webhooks/crm/contact-attempts", body);
    }

    /** Posts a CRM webhook signed as the CRM would (see the README's signature recipe). */
    private static HttpResponse<String> postSigned(String path, String body) throws Exception {
        return SuiteClient.postSigned(intake, SECRET, path, body);
    }

    private static JsonNode awaitJourney(String leadId, String stepType) throws Exception {
        return SuiteClient.awaitJourney(reporting, READER_KEY, leadId, stepType, Duration.ofSeconds(30));
    }

    /** Waits until the monitor has consumed the lead's conversion and holds its SLA state. */
    private static void awaitMonitorHolds(String leadId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + monitor + "/sla/leads/" + leadId))
                            .header("Authorization", "Bearer " + READER_KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the monitor never saw lead " + leadId + ": " + response.statusCode());
            }
            Thread.sleep(250);
        }
    }

    private static KafkaConsumer<String, String> consumerAtEnd(String topic) {
        return SuiteClient.consumerAtEnd(suite.bootstrapServers(), topic);
    }
}
