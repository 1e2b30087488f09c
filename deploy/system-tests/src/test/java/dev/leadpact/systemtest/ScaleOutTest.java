package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service against one broker and one PostgreSQL, as an operator scales them
 * out: forms and signed webhooks are posted to both intakes, the monitors share the consumer group
 * and the timers, the reporting services share the consumer group and the database. Every timer
 * fires once, every conversion is counted once, and both reporting instances answer every report
 * the same.
 */
class ScaleOutTest {
    private static final Duration FIRST_CONTACT = Duration.ofSeconds(15);
    private static final String SECRET = "scale-out-secret";
    private static final String READER_KEY = "scale-out-reader-key";
    private static final int LEADS = 60;

    private static DevStack suite;
    private static final List<Integer> intakes = new ArrayList<>();
    private static final List<Integer> reportings = new ArrayList<>();

    @BeforeAll
    static void startSuite() {
        List<DevStack.Service> services = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            int intake = freePort();
            int reporting = freePort();
            intakes.add(intake);
            reportings.add(reporting);
            services.add(new DevStack.Service("lead-intake-service", intake, null, "lead-intake-service-" + i));
            services.add(
                    new DevStack.Service("sla-monitor-service", freePort(), "sla_monitor", "sla-monitor-service-" + i));
            services.add(new DevStack.Service(
                    "closed-loop-reporting-service", reporting, "reporting", "closed-loop-reporting-service-" + i));
        }
        suite = DevStack.start(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/scale-out"),
                services,
                SuiteClient.suiteSettings(SECRET, READER_KEY, FIRST_CONTACT));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * Sixty leads posted by four clients to the two intakes in turn; every third lead gets a contact
     * attempt in time, through the other intake. The other forty breach, each once.
     */
    @Test
    void twoOfEveryServiceFireEachTimerOnceCountEachConversionOnceAndAgreeOnEveryReport() throws Exception {
        Map<String, String> leadOfEmail = new ConcurrentHashMap<>();
        Set<String> contacted = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < LEADS; i++) {
                int n = i;
                posts.add(clients.submit(() -> {
                    String email = "scale-" + n + "-" + UUID.randomUUID() + "@example.com";
                    HttpResponse<String> accepted = SuiteClient.postDemoForm(intakes.get(n % 2), email);
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                    String lead = JSON.readTree(accepted.body()).get("leadId").asText();
                    leadOfEmail.put(email, lead);
                    if (n % 3 == 0) {
                        contacted.add(lead);
                        HttpResponse<String> attempt = SuiteClient.postSigned(
                                intakes.get((n + 1) % 2), SECRET, "/webhooks/crm/contact-attempts", attempt(email));
                        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(202);
                    }
                    return null;
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            clients.shutdown();
        }
        Set<String> leads = Set.copyOf(leadOfEmail.values());
        assertThat(leads).hasSize(LEADS);

        Map<String, Set<String>> breachIdsPerLead = new HashMap<>();
        Map<String, Integer> recordsPerEvent = new HashMap<>();
        try (KafkaConsumer<String, String> breaches = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
            breaches.subscribe(List.of(Topics.SLA_BREACHES));
            Instant deadline = Instant.now().plus(FIRST_CONTACT).plusSeconds(90);
            // until the forty breaches are in, then a while longer: a doubled one would come right after
            Instant quietUntil = Instant.MAX;
            while (Instant.now().isBefore(deadline) && Instant.now().isBefore(quietUntil)) {
                for (ConsumerRecord<String, String> record : breaches.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(record.value());
                    if (leads.contains(record.key())
                            && event.get("kind").asText().equals("BREACH")) {
                        breachIdsPerLead
                                .computeIfAbsent(record.key(), l -> new HashSet<>())
                                .add(event.get("breachId").asText());
                        recordsPerEvent.merge(event.get("eventId").asText(), 1, Integer::sum);
                    }
                }
                if (quietUntil == Instant.MAX && breachIdsPerLead.size() == LEADS - contacted.size()) {
                    quietUntil = Instant.now().plusSeconds(5);
                }
            }
        }
        System.out.printf(
                "[scale out] 2 intakes, 2 monitors, 2 reporting services: %d leads, %d contacted in time, %d breached,"
                        + " %d breach records for %d event ids%n",
                leads.size(),
                contacted.size(),
                breachIdsPerLead.size(),
                recordsPerEvent.values().stream().mapToInt(Integer::intValue).sum(),
                recordsPerEvent.size());
        Set<String> uncontacted = new HashSet<>(leads);
        uncontacted.removeAll(contacted);
        assertThat(breachIdsPerLead.keySet()).containsExactlyInAnyOrderElementsOf(uncontacted);
        assertThat(breachIdsPerLead.values()).allMatch(ids -> ids.size() == 1);
        assertThat(recordsPerEvent.values()).as("records per breach event").allMatch(count -> count == 1);

        assertThat(SuiteClient.count(
                        suite.jdbcUrl("sla_monitor"),
                        "SELECT count(*) FROM lead_sla_state WHERE lead_id = ANY(?)",
                        leads))
                .isEqualTo(LEADS);
        SuiteClient.awaitCount(
                suite.jdbcUrl("reporting"), "SELECT count(*) FROM touchpoint WHERE lead_id = ANY(?)", leads, LEADS);
        SuiteClient.awaitCount(
                suite.jdbcUrl("reporting"),
                "SELECT count(*) FROM sla_breach WHERE lead_id = ANY(?)",
                leads,
                uncontacted.size());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String period = "from=" + today + "&to=" + today + "&zone=UTC";
        JsonNode funnel = SuiteClient.getJson(reportings.get(0), "/reports/funnel?" + period, READER_KEY);
        assertThat(funnel.get("rows").get(0).get("leads").asLong()).isEqualTo(LEADS);
        assertThat(funnel.get("rows").get(0).get("contacted").asLong()).isEqualTo(contacted.size());
        for (String report : List.of(
                "/reports/funnel?" + period,
                "/reports/speed-to-lead?groupBy=segment&" + period,
                "/reports/sla-breaches?" + period,
                "/reports/sla-compliance?" + period,
                "/reports/attribution?model=linear&groupBy=source&" + period,
                "/leads/" + uncontacted.iterator().next() + "/journey")) {
            assertThat(SuiteClient.getJson(reportings.get(1), report, READER_KEY))
                    .as(report)
                    .isEqualTo(SuiteClient.getJson(reportings.get(0), report, READER_KEY));
        }
    }

    private static String attempt(String email) {
        return JSON.createObjectNode()
                .put("id", "attempt-" + UUID.randomUUID())
                .put("email", email)
                .put("occurredAt", Instant.now().toString())
                .put("repId", "rep-scale")
                .put("channel", "PHONE")
                .put("outcome", "CONNECTED")
                .toString();
    }
}
