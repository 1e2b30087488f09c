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
import dev.leadpact.events.CheckpointVerdict;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.Segment;
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
