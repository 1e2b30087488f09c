package dev.leadpact.monitor.whatif;

import static dev.leadpact.monitor.ReaderKey.given;
import static dev.leadpact.monitor.rules.Events.attempt;
import static dev.leadpact.monitor.rules.Events.conversion;
import static dev.leadpact.monitor.rules.Events.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What-if simulations on the real database, through the HTTP API as ops and the dashboard call it.
 * The test policy (application.properties, %test): first contact within 10 minutes, 3 attempts
 * within 2 hours, 24/7.
 */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class WhatIfApiTest {
    /** A Monday long past, so that no other test's lead has a clock starting near it. */
    private static final Instant T0 = Instant.parse("2025-01-06T10:00:00Z");

    @Inject
    SlaTracker tracker;

    @Inject
    EntityManager em;

    private static String id(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /**
     * Four SQLs at T0, each with its own owner ({@code rep-<name>-<run>}). late: first attempt after
     * 30 minutes; quick: connected after 5 minutes; never: first attempt after 150 minutes; busy:
     * three unanswered attempts in the first 3 minutes. No lead reports an outcome, so each misses its
     * feedback deadline (6 hours) under both policy sets.
     */
    private Map<String, String> fourLeads(String run) {
        Map<String, String> leads = Map.of(
                "late", id("late"),
                "quick", id("quick"),
                "never", id("never"),
                "busy", id("busy"));
        List<LeadEvent> events = new ArrayList<>();
        leads.forEach((name, lead) -> {
            events.add(conversion(id("c"), lead, T0, Stage.SQL, Segment.MID));
            events.add(owner(id("o"), lead, T0, "rep-" + name + "-" + run, null, "whatif-team-" + run));
        });
        events.add(attempt(id("a"), leads.get("late"), T0.plus(Duration.ofMinutes(30)), AttemptOutcome.NO_ANSWER));
        events.add(attempt(id("a"), leads.get("quick"), T0.plus(Duration.ofMinutes(5)), AttemptOutcome.CONNECTED));
        events.add(attempt(id("a"), leads.get("never"), T0.plus(Duration.ofMinutes(150)), AttemptOutcome.VOICEMAIL));
        for (int i = 1; i <= 3; i++) {
            events.add(attempt(id("a"), leads.get("busy"), T0.plus(Duration.ofMinutes(i)), AttemptOutcome.NO_ANSWER));
        }
        events.forEach(tracker::apply);
        return leads;
    }

    private static String start(Map<String, Object> body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/sla/simulations")
                .then()
                .log()
                .ifValidationFails()
                .statusCode(202)
                .header("Location", containsString("/sla/simulations/"))
                .extract()
                .header("Location");
    }

    private static JsonPath done(String location) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> given().get(location)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        json -> json.getString("status").equals("DONE"));
    }

    private static Map<String, Object> group(JsonPath result, String dimension, String value) {
        return result.getMap(
                "result.groups.find { it.dimension == '" + dimension + "' && it.value == '" + value + "' }");
    }

    @Test
    void aTwoHourDeadlineAndAnEightAttemptMinimumFlipTheHandComputedLeads() {
        String run = UUID.randomUUID().toString();
        Map<String, String> leads = fourLeads(run);
        long outboxBefore = outbox();
        long statesBefore = stateFingerprint();
        String location = start(Map.of(
                "from", T0.minus(Duration.ofHours(1)).toString(),
                "to", T0.plus(Duration.ofHours(1)).toString(),
                "settings",
                        Map.of(
                                "policies.default.first-contact", "PT2H",
                                "leadpact.sla.policies.default.attempts-required", "8")));
        JsonPath job = done(location);
        assertThat(job.getLong("progress.leadsDone")).isGreaterThanOrEqualTo(4);

        // late: first contact, attempt minimum (1 of 3) and feedback missed; under the proposal its
        // first contact is in time and the attempt minimum (1 of 8) still missed
        assertThat(side(group(job, "owner", "rep-late-" + run), "current"))
                .containsEntry("breaches", 3)
                .containsEntry("due", 3)
                .containsEntry("inTime", 0);
        assertThat(side(group(job, "owner", "rep-late-" + run), "proposed"))
                .containsEntry("breaches", 2)
                .containsEntry("inTime", 1);
        // busy: 3 attempts met the minimum of 3, not of 8
        assertThat(side(group(job, "owner", "rep-busy-" + run), "current")).containsEntry("breaches", 1);
        assertThat(side(group(job, "owner", "rep-busy-" + run), "proposed")).containsEntry("breaches", 2);
        // never (150 minutes) and quick (connected at 5) do not change
        assertThat(side(group(job, "owner", "rep-never-" + run), "current")).containsEntry("breaches", 3);
        assertThat(side(group(job, "owner", "rep-never-" + run), "proposed")).containsEntry("breaches", 3);
        assertThat(side(group(job, "owner", "rep-quick-" + run), "proposed")).containsEntry("breaches", 1);
        Map<String, Object> team = group(job, "team", "whatif-team-" + run);
        assertThat(side(team, "current"))
                .containsEntry("breaches", 8)
                .containsEntry("due", 12)
                .containsEntry("compliance", 0.3333f)
                .containsEntry("medianResponseSeconds", 300);
        assertThat(side(team, "proposed")).containsEntry("breaches", 8).containsEntry("due", 12);

        // the flips, paged: late's first contact is now in time, busy's attempts are now too few
        JsonPath flips = given().queryParam("size", 500)
                .get(location + "/flips")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> mine = new ArrayList<>();
        for (Map<String, Object> f : flips.<Map<String, Object>>getList("items")) {
            if (leads.containsValue((String) f.get("leadId"))) {
                mine.add(f.get("leadId") + ":" + f.get("rule") + ":" + f.get("currentStatus") + ">"
                        + f.get("proposedStatus"));
            }
        }
        assertThat(mine)
                .containsExactlyInAnyOrder(
                        leads.get("late") + ":FIRST_CONTACT_OVERDUE:BREACHED>MET",
                        leads.get("busy") + ":ATTEMPT_MINIMUM_MISSED:MET>BREACHED");

        // a simulation changes no state and emits nothing
        assertThat(outbox()).isEqualTo(outboxBefore);
        assertThat(stateFingerprint()).isEqualTo(statesBefore);
    }

    @Test
    void theResultAndTheFlipsComeAsCsvForABiTool() {
        String run = UUID.randomUUID().toString();
        fourLeads(run);
        String location = start(Map.of(
                "from", T0.minus(Duration.ofHours(1)).toString(),
                "to", T0.plus(Duration.ofHours(1)).toString(),
                "settings", Map.of("policies.default.first-contact", "PT2H")));
        JsonPath job = done(location);
        Map<String, Object> rule = group(job, "rule", "FIRST_CONTACT_OVERDUE");
        Number median = (Number) side(rule, "current").get("medianResponseSeconds");
        assertThat(median).isNotNull();

        String csv = given().accept("text/csv")
                .get(location)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0])
                .startsWith("dimension,value,current_due,current_in_time,current_breaches")
                .contains("proposed_p90_response_s");
        assertThat(lines).anyMatch(l -> l.startsWith("team,whatif-team-" + run + ",12,4,8,"));
        assertThat(lines.length).isEqualTo(job.getList("result.groups").size() + 1);
        String flips = given().queryParam("format", "csv")
                .get(location + "/flips")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(flips).startsWith("lead_id,rule,segment,stage,owner_id,team,started_at,current_status");
        assertThat(flips).contains(",FIRST_CONTACT_OVERDUE,MID,SQL,rep-late-" + run + ",whatif-team-" + run + ",");
    }

    @Test
    void aBadPeriodOrProposalIsRefusedAndStartsNothing() {
        given().contentType(ContentType.JSON)
                .body(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .post("/sla/simulations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("from must be before to"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "from", "2026-01-01T00:00:00Z",
                        "to", "2026-02-01T00:00:00Z",
                        "settings", Map.of("policies.default.first-contakt", "PT2H")))
                .post("/sla/simulations")
                .then()
                .statusCode(400)
                .body("detail", containsString("first-contakt"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "from", "2026-01-01T00:00:00Z",
                        "to", "2026-02-01T00:00:00Z",
                        "settings", Map.of("quarkus.http.port", "1")))
                .post("/sla/simulations")
                .then()
                .statusCode(400)
                .body("detail", containsString("not a policy setting"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "from", "2026-01-01T00:00:00Z",
                        "to", "2026-02-01T00:00:00Z",
                        "settings", Map.of("policies.default.calendar", "nowhere")))
                .post("/sla/simulations")
                .then()
                .statusCode(400)
                .body("detail", containsString("unknown calendar nowhere"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "from", "2026-01-01T00:00:00Z",
                        "to", "2026-02-01T00:00:00Z",
                        "settings", Map.of("policies.default.first-contact", "two hours")))
                .post("/sla/simulations")
                .then()
                .statusCode(400)
                .body(
                        "detail",
                        containsString(
                                "leadpact.sla.policies.default.first-contact: \"two hours\" is not a valid value"));
        given().get("/sla/simulations/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/sla/simulations/not-an-id").then().statusCode(404);
        assertThat(simulations("2026-01-01T00:00:00Z")).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> side(Map<String, Object> group, String side) {
        assertThat(group).as("group").isNotNull();
        return (Map<String, Object>) group.get(side);
    }

    @Transactional
    long outbox() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM sla_event").getSingleResult()).longValue();
    }

    /** Every state, timer and update time, as one number. */
    @Transactional
    long stateFingerprint() {
        return ((Number) em.createNativeQuery("SELECT coalesce(sum(hashtext(lead_id || state || coalesce("
                                + "next_due_at::text, '') || updated_at::text)), 0) FROM lead_sla_state")
                        .getSingleResult())
                .longValue();
    }

    @Transactional
    long simulations(String from) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM sla_simulation WHERE request LIKE :from")
                        .setParameter("from", "%" + from + "%")
                        .getSingleResult())
                .longValue();
    }
}
