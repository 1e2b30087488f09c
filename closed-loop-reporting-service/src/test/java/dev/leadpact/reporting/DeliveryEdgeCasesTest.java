package dev.leadpact.reporting;

import static dev.leadpact.reporting.Reports.KEY;
import static dev.leadpact.reporting.Reports.csvRows;
import static dev.leadpact.reporting.Reports.getCsv;
import static dev.leadpact.reporting.Reports.getJson;
import static dev.leadpact.reporting.Reports.rows;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.CheckpointVerdict;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.events.Utm;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events that come late, out of order or broken, each test in a namespace of its own: a deal before
 * its lead ({@code late-}, rep {@code rep-late}), a recount before the count of a
 * checkpoint ({@code ckp-dq-}, team {@code dq-team}), unreadable records ({@code poison}). A stack
 * of its own, apart from the scenario; within it each test's reports are of data only it makes
 * (deals, checkpoints, a journey), so that any of them could be on any date.
 */
@QuarkusTest
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "stack", value = "delivery"))
class DeliveryEdgeCasesTest {

    @Inject
    AgroalDataSource database;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @AfterAll
    static void closeProducer() {
        Scenario.closeProducer();
    }

    @Test
    void aDealBeforeItsLeadIsKeptAndAttributedWhenTheTouchArrives() throws IOException {
        String url = "/reports/attribution?model=first-touch&groupBy=channel&from=2026-10-01&to=2026-10-31";
        String[] columns = {"groupValue", "revenue", "deals"};
        Scenario.publish(List.of(new DealClosed(
                "late-d-6",
                "deal-late-6",
                "lead-late-6",
                DealOutcome.WON,
                new BigDecimal("500.00"),
                "EUR",
                Scenario.at("2026-10-20T12:00:00Z"),
                "rep-late")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(rows(getJson(url).get("rows"), columns)).containsExactly("(unattributed)|500.00|1"));
        Scenario.publish(List.of(Scenario.conversion(
                "late-c-6",
                "lead-late-6",
                "2026-10-10T09:00:00Z",
                Stage.SQL,
                Segment.LARGE,
                "events",
                "booth-scan",
                new Utm("expo", "offline", "expo-2026", null, null),
                "https://www.example.com/expo")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(rows(getJson(url).get("rows"), columns)).containsExactly("events|500.00|1"));
    }

    /**
     * An erased lead ({@code erase-}, August 2026): every report over its period reads the same
     * before and after, no row holds its id or its company, page or referrer, its journey is gone,
     * and a conversion from before the erasure that comes later is dropped while one after it
     * starts the lead anew.
     */
    @Test
    void anErasedLeadLeavesNoTraceButEveryReportReadsTheSame() throws IOException {
        String lead = "lead-erase-1";
        Scenario.publish(List.of(
                Scenario.conversion(
                        "erase-c-1",
                        lead,
                        "2026-08-03T09:00:00Z",
                        Stage.SQL,
                        Segment.MID,
                        "erase-web",
                        "demo-request",
                        new Utm("erase-news", "email", "erase-aug", null, null),
                        "https://www.example.com/demo"),
                Scenario.conversion(
                        "erase-c-2",
                        "lead-erase-2",
                        "2026-08-04T09:00:00Z",
                        Stage.SQL,
                        Segment.MID,
                        "erase-web",
                        "demo-request",
                        null,
                        "https://www.example.com/demo"),
                Scenario.attempt("erase-a-1", lead, "2026-08-03T09:40:00Z", "rep-erase", AttemptOutcome.CONNECTED),
                Scenario.sla(
                        "erase-s-1",
                        "erase-b-1",
                        SlaEventKind.BREACH,
                        SlaRule.FIRST_CONTACT_OVERDUE,
                        "lead-erase-2",
                        "rep-erase",
                        Segment.MID,
                        "2026-08-04T10:00:00Z",
                        "2026-08-04T10:00:01Z"),
                new DealClosed(
                        "erase-d-1",
                        "deal-erase-1",
                        lead,
                        DealOutcome.WON,
                        new BigDecimal("800.00"),
                        "EUR",
                        Scenario.at("2026-08-20T12:00:00Z"),
                        "rep-erase")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.storedEvents(database, "erase-%") == 5);
        List<String> reports = List.of(
                "/reports/funnel?from=2026-08-01&to=2026-08-31&format=csv",
                "/reports/attribution?model=linear&groupBy=campaign&from=2026-08-01&to=2026-08-31&format=csv",
                "/reports/speed-to-lead?from=2026-08-01&to=2026-08-31&format=csv",
                "/reports/sla-breaches?groupBy=owner&from=2026-08-01&to=2026-08-31&format=csv",
                "/reports/sla-evaluation?from=2026-08-01&to=2026-08-31&format=csv");
        List<String> before = reports.stream().map(Reports::getCsv).toList();
        assertThat(String.join("\n", before)).contains("erase-aug", "800", "rep-erase");
        given().header("Authorization", KEY)
                .get("/leads/" + lead + "/journey")
                .then()
                .statusCode(200);

        Scenario.publishErasure(new LeadErased("erase-e-1", lead, Instant.now(), "dsr-1"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ServiceDatabase.count(database, "SELECT count(*) FROM erased_lead WHERE lead_id = ?", lead)
                        == 1);

        for (String table : List.of(
                "touchpoint",
                "sales_activity",
                "deal",
                "sla_event",
                "lead_summary",
                "deal_summary",
                "attribution_credit",
                "sla_breach")) {
            assertThat(ServiceDatabase.count(database, "SELECT count(*) FROM " + table + " WHERE lead_id = ?", lead))
                    .as(table)
                    .isZero();
        }
        assertThat(ServiceDatabase.count(
                        database,
                        "SELECT count(*) FROM touchpoint WHERE event_id = 'erase-c-1' AND lead_id LIKE 'erased-%'"
                                + " AND company IS NULL AND page_url IS NULL AND referrer IS NULL"))
                .as("the touchpoint, kept under a pseudonym without what could name the person")
                .isEqualTo(1);
        assertThat(ServiceDatabase.count(
                        database,
                        "SELECT count(*) FROM touchpoint WHERE event_id = 'erase-c-2' AND company IS NOT NULL"))
                .as("the other lead keeps its company")
                .isEqualTo(1);
        assertThat(reports.stream().map(Reports::getCsv).toList()).isEqualTo(before);
        given().header("Authorization", KEY)
                .get("/leads/" + lead + "/journey")
                .then()
                .statusCode(404);

        // from before the erasure, late: dropped; after it: the lead starts anew
        Scenario.publish(List.of(
                Scenario.conversion(
                        "erase-c-late",
                        lead,
                        "2026-08-05T09:00:00Z",
                        Stage.SQL,
                        Segment.MID,
                        "erase-web",
                        "demo",
                        null,
                        null),
                Scenario.conversion(
                        "erase-c-anew",
                        lead,
                        Instant.now().toString(),
                        Stage.MQL,
                        Segment.MID,
                        "erase-web",
                        "demo",
                        null,
                        null)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ServiceDatabase.count(database, "SELECT count(*) FROM touchpoint WHERE lead_id = ?", lead)
                        == 1);
        assertThat(ServiceDatabase.count(database, "SELECT count(*) FROM touchpoint WHERE event_id = 'erase-c-late'"))
                .isZero();
        assertThat(reports.stream().map(Reports::getCsv).toList()).isEqualTo(before);
    }

    @Test
    void marketingDeliveryIsTheMonitorsLatestCountOfEachCheckpoint() throws IOException {
        String url = "/reports/sla-evaluation?period=month&from=2026-03-01&to=2026-03-31&format=csv";
        String[] columns = {"periodStart", "metric", "scope", "value", "target", "met"};
        // the month's end counted short, then recounted after a late SQL: the recount arrives first
        CommitmentCheckpoint counted =
                Scenario.checkpoint("dq", "team:dq-team", "dq-team", null, "2026-04-01", 1, 2, 2, 1);
        CommitmentCheckpoint recounted = new CommitmentCheckpoint(
                "ckp-dq-recount",
                counted.scope(),
                counted.team(),
                null,
                counted.monthStart(),
                counted.dueAt(),
                true,
                counted.countedAt().plusSeconds(3600),
                1,
                2,
                2,
                2,
                0,
                CheckpointVerdict.RETRACTED,
                "marketing-volume",
                1);
        Scenario.publishCheckpoints(List.of(recounted, counted));
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.storedEvents(database, "ckp-dq-%") == 2);
        assertThat(csvRows(getCsv(url), columns).stream()
                        .filter(r -> r.contains("|qualified_leads_delivered|"))
                        .toList())
                // a disproved shortfall is kept: 2 of 2, met
                .containsExactly(
                        "2026-03-01|qualified_leads_delivered|all|2|2|true",
                        "2026-03-01|qualified_leads_delivered|team:dq-team|2|2|true");
        // a month without any checkpoint counted yet: nothing to show, nothing guessed
        assertThat(csvRows(getCsv(url.replace("2026-03", "2026-02").replace("-31", "-28")), columns).stream()
                        .filter(r -> r.contains("|qualified_leads_delivered|"))
                        .toList())
                .containsExactly("2026-02-01|qualified_leads_delivered|all|||");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        ConsumerTask<String, String> dlq = companion
                .consumeStrings()
                .fromTopics(Topics.deadLetterOf(Topics.CONVERSIONS), 2, Duration.ofSeconds(60));
        Scenario.publishRaw(Topics.CONVERSIONS, "lead-poison", "{not json");
        Scenario.publishRaw(Topics.CONVERSIONS, "lead-poison", "{\"eventId\":\"poison-2\",\"leadId\":\"lead-poison\"}");
        Scenario.publish(List.of(Scenario.conversion(
                "after-poison",
                "lead-after-poison",
                "2025-01-10T09:00:00Z",
                Stage.IQL,
                Segment.SMALL,
                "direct",
                "ebook",
                null,
                "https://www.example.com/")));

        List<ConsumerRecord<String, String>> dead = dlq.awaitCompletion().getRecords();
        assertThat(dead)
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("{not json", "{\"eventId\":\"poison-2\",\"leadId\":\"lead-poison\"}");
        assertThat(dead).allSatisfy(r -> {
            String reason =
                    new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).isNotBlank().doesNotContain("Exception");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", KEY)
                .get("/leads/lead-after-poison/journey")
                .then()
                .statusCode(200));
    }
}
