package dev.leadpact.monitor.ops;

import static dev.leadpact.monitor.ReaderKey.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.AdjustableClock;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read API on the real database; events go in through the use case the consumers call. */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class OpsApiTest {

    @Inject
    SlaTracker tracker;

    @Inject
    AdjustableClock clock;

    @Test
    void timersBreachesAndALeadsHistoryAreListedWithFilters() {
        String lead = "lead-" + UUID.randomUUID();
        String owner = "rep-" + UUID.randomUUID();
        tracker.apply(new ConversionEvent(
                UUID.randomUUID().toString(),
                lead,
                clock.instant(),
                null,
                null,
                "pricing",
                Stage.SQL,
                Segment.LARGE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        tracker.apply(new OwnerAssigned(UUID.randomUUID().toString(), lead, clock.instant(), owner, null, "team-a"));

        given().queryParam("owner", owner)
                .get("/sla/timers")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].leadId", equalTo(lead))
                .body("items[0].rule", equalTo("FIRST_CONTACT_OVERDUE"))
                .body("items[0].kind", equalTo("WARNING"))
                .body("items[0].segment", equalTo("LARGE"));
        given().queryParam("owner", owner)
                .queryParam("segment", "small")
                .get("/sla/timers")
                .then()
                .body("total", equalTo(0));

        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("owner", owner)
                .queryParam("type", "FIRST_CONTACT_OVERDUE")
                .get("/sla/breaches")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].breach.leadId", equalTo(lead))
                .body("items[0].breach.policyId", equalTo("web/large-sql"))
                .body("items[0].status", equalTo("OPEN")));
        given().queryParam("owner", owner)
                .queryParam("type", "PREMATURE_CONTACT")
                .get("/sla/breaches")
                .then()
                .body("total", equalTo(0));
        given().queryParam("lead", lead).get("/sla/breaches").then().body("total", equalTo(1));
        given().queryParam("lead", lead)
                .queryParam("kind", "warning")
                .get("/sla/breaches")
                .then()
                .body("total", equalTo(0));

        given().get("/sla/leads/{id}", lead)
                .then()
                .statusCode(200)
                .body("stage", equalTo("SQL"))
                .body("ownerId", equalTo(owner))
                .body("history.kind", hasItem("BREACH"))
                .body("openBreaches", hasSize(1));
    }

    @Test
    void policiesAreListedWithTheirVersionsAndTheOpenLeadsEachGoverns() {
        tracker.apply(dev.leadpact.monitor.rules.Events.conversion(
                UUID.randomUUID().toString(), "lead-" + UUID.randomUUID(), clock.instant(), Stage.SQL, Segment.SMALL));
        given().get("/sla/policies")
                .then()
                .statusCode(200)
                .body("$", hasSize(9))
                .body("find { it.id == 'web/mid-sql' && it.current }.version", equalTo(7))
                .body("find { it.id == 'web/mid-sql' && it.current }.firstContact", equalTo("PT10M"))
                .body("find { it.id == 'web/mid-sql' && it.current }.handoffStage", equalTo("SQL"))
                .body("find { it.id == 'web/mid-sql' && it.current }.calendar", equalTo("24x7"))
                .body("find { it.id == 'web/mid-sql' && it.current }.source", equalTo("web"))
                .body("find { it.id == 'web/mid-sql' && it.current }.appliesTo", equalTo("NEW_EPISODES"))
                .body("find { it.id == 'web/small-sql' }.openLeads", greaterThanOrEqualTo(1));
    }

    @Test
    void errorsAreProblemDetailsWithoutInternals() {
        given().get("/sla/leads/{id}", "nobody")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/not-found"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("nobody"));
        given().queryParam("from", "yesterday")
                .get("/sla/breaches")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/invalid-filter"))
                .body("parameter", equalTo("from"))
                .body("detail", containsString("ISO-8601"))
                .body(not(containsString("Exception")));
        given().queryParam("size", 100000)
                .get("/sla/timers")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("size"));
        // the framework's own errors and the service's failures have the same shape and a type of their own
        given().get("/sla/no-such-path")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/not-found"));
    }

    @Test
    void metricsCountOpenTimersPublishedEventsFiringLatenessAndConsumerLag() {
        String lead = "lead-" + UUID.randomUUID();
        tracker.apply(new ConversionEvent(
                UUID.randomUUID().toString(),
                lead,
                clock.instant(),
                null,
                null,
                "pricing",
                Stage.SQL,
                Segment.MID,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        clock.advance(Duration.ofMinutes(11));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("sla_timers_open"))
                .body(containsString("sla_outbox_unpublished"))
                .body(containsString("sla_events_published_total{kind=\"BREACH\",rule=\"FIRST_CONTACT_OVERDUE\"}"))
                .body(containsString("sla_timer_lateness_seconds_bucket"))
                .body(containsString(
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"sla-monitor-conversions\"")));
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/sla/timers"))
                .body(containsString("/sla/breaches"))
                .body(containsString("/sla/leads/{leadId}"))
                .body(containsString("/sla/policies"));
    }
}
