package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.HTTP;
import static dev.leadpact.systemtest.SuiteClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Property-based fuzzing of the intake's doors on the packaged jar (jqwik): JSON conversions, HTML
 * form posts and signed CRM webhooks, each a valid request with one field made hostile, or a body
 * that is not what the door takes at all (other JSON, deep nesting, a tail after the value, a key
 * given twice, text, huge). Every answer comes within 30 s, none is a 5xx, every answer but a 202 is
 * {@code application/problem+json} naming its own status, and after each property the intake's
 * topics hold exactly the events that got a 202.
 */
class IntakeFuzzTest {
    private static final String SECRET = "fuzz-webhook-secret";
    private static final List<String> INTAKE_TOPICS =
            List.of(Topics.CONVERSIONS, Topics.SALES_ACTIVITIES, Topics.DEALS_CLOSED, Topics.LEAD_ERASURES);
    private static final List<String> WEBHOOKS = List.of(
            "/webhooks/crm/contact-attempts",
            "/webhooks/crm/status-changes",
            "/webhooks/crm/owner-assignments",
            "/webhooks/crm/deals",
            "/webhooks/crm/erasures");

    /** quarkus.http.limits.max-initial-line-length of the intake: past it, Netty answers a bare 414. */
    private static final int MAX_REQUEST_LINE = 65_536;

    private static DevStack suite;
    private static int intake;
    /** The event ids of every 202, and of every event on the intake's topics. */
    private static final Set<String> accepted = ConcurrentHashMap.newKeySet();
    /** Requests sent a second time because the pooled connection was closed ({@link #answered}). */
    private static final AtomicInteger resent = new AtomicInteger();

    @BeforeContainer
    static void startSuite() {
        intake = SuiteClient.freePort();
        suite = DevStack.start(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/fuzz"),
                List.of(new DevStack.Service("lead-intake-service", intake, null)),
                Map.of("LEADPACT_WEBHOOKS_SECRET", SECRET, "LEADPACT_HTTP_RATE_LIMIT_ENABLED", "false"));
    }

    @AfterContainer
    static void stopSuite() {
        System.out.printf("[fuzz] %d requests sent again on a new connection%n", resent.get());
        if (suite != null) {
            suite.close();
        }
    }

    /** The generators start from requests the intake takes; if it did not, the fuzz would test little. */
    @Example
    void theValidRequestsTheGeneratorsStartFromAreAccepted() throws Exception {
        assertThat(check(postJson("/conversions", JSON.writeValueAsString(conversion()))))
                .isEqualTo(202);
        assertThat(check(postForm("/forms/demo", form(Map.of("email", "valid@example.com", "employees", "240")))))
                .isEqualTo(202);
        for (String path : WEBHOOKS) {
            assertThat(check(SuiteClient.postSigned(intake, SECRET, path, JSON.writeValueAsString(webhook(path)))))
                    .as(path)
                    .isEqualTo(202);
        }
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void aConversionIsAcceptedOrRefusedInProblemJsonNeverA5xx(@ForAll("conversionBodies") String body)
            throws Exception {
        Statistics.collect(check(answered(() -> postJson("/conversions", body))));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aFormPostIsAcceptedOrRefusedInProblemJsonNeverA5xx(
            @ForAll("formIds") String formId, @ForAll("formBodies") String body) throws Exception {
        Statistics.collect(check(answered(() -> postForm("/forms/" + formId, body))));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void aSignedWebhookIsAcceptedOrRefusedInProblemJsonNeverA5xx(
            @ForAll("webhookPaths") String path, @ForAll("webhookBodies") String body) throws Exception {
        Statistics.collect(check(answered(() -> SuiteClient.postSigned(intake, SECRET, path, body))));
    }

    @Property(tries = 100, shrinking = ShrinkingMode.BOUNDED)
    void aForgedOrStaleSignatureIs401(
            @ForAll("webhookPaths") String path, @ForAll("signatures") Tuple.Tuple2<String, String> forged)
            throws Exception {
        String body = JSON.writeValueAsString(webhook(path));
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + intake + path))
                        .header("Content-Type", "application/json")
                        .header("X-LeadPact-Timestamp", forged.get1())
                        .header("X-LeadPact-Signature", forged.get2())
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(check(response)).isEqualTo(401);
    }

    /** Nothing reached a topic that did not get a 202, and everything that did is there. */
    @AfterProperty
    void theTopicsHoldExactlyTheAcceptedEvents() {
        Set<String> published = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
            consumer.subscribe(INTAKE_TOPICS);
            Instant deadline = Instant.now().plusSeconds(30);
            Instant quiet = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(deadline)
                    && (!published.containsAll(accepted) || Instant.now().isBefore(quiet))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    published.add(SuiteClient.header(record, "ce_id"));
                }
            }
        }
        assertThat(published).containsExactlyInAnyOrderElementsOf(accepted);
    }

    /**
     * The answer's status; asserts what every answer must be: within 30 s (the client's timeout),
     * below 500, problem+json with its own status unless it is a 202.
     */
    private static int check(HttpResponse<String> response) throws IOException {
        int status = response.statusCode();
        assertThat(status).as(response.body()).isLessThan(500);
        if (status == 414 && requestLine(response.request()).length() > MAX_REQUEST_LINE) {
            // the HTTP layer's own answer, before the service sees the request (README, intake errors)
            return status;
        }
        if (status == 202) {
            accepted.add(JSON.readTree(response.body()).get("eventId").asText());
        } else {
            assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("%d %s", status, response.body())
                    .startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("type").asText()).startsWith("https://leadpact.dev/problems/");
        }
        return status;
    }

    /**
     * The answer to a request, sent again once on a new connection when the pooled one it went out
     * on turned out closed without an answer: after a refusal that ends the connection (a 413, a 414
     * of the HTTP layer), the client may reuse it before it sees the close. A request that gets no
     * answer on a new connection either fails the property.
     */
    private static HttpResponse<String> answered(Callable<HttpResponse<String>> send) throws Exception {
        try {
            return send.call();
        } catch (IOException closedWithoutAnswer) {
            resent.incrementAndGet();
            return send.call();
        }
    }

    private static String requestLine(HttpRequest request) {
        return request.method() + " " + request.uri().getRawPath()
                + (request.uri().getRawQuery() == null
                        ? ""
                        : "?" + request.uri().getRawQuery()) + " HTTP/1.1";
    }

    private static HttpResponse<String> postJson(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + intake + path))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + intake + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // --- generators ---

    @Provide
    Arbitrary<String> conversionBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, mutated(conversion())),
                Tuple.of(2, jsonValues(4).map(IntakeFuzzTest::write)),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, tails(conversion())),
                Tuple.of(1, duplicateKeys(conversion())),
                Tuple.of(1, texts()));
    }

    @Provide
    Arbitrary<String> formIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("demo", "contact-sales", "ebook", "webinar")),
                Tuple.of(
                        1, hostile().filter(s -> !s.isEmpty()).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8))));
    }

    @Provide
    Arbitrary<String> formBodies() {
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of("email", "employees", "company", "utm_source", "occurredAt"), hostile());
        Arbitrary<String> mutatedForm = Combinators.combine(keys, hostile()).as((key, value) -> {
            Map<String, String> fields = new LinkedHashMap<>(Map.of("email", "fuzz@example.com"));
            fields.put(key, value);
            return form(fields);
        });
        return Arbitraries.frequencyOf(
                Tuple.of(4, mutatedForm),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)),
                Tuple.of(1, texts()));
    }

    @Provide
    Arbitrary<String> webhookPaths() {
        return Arbitraries.of(WEBHOOKS);
    }

    @Provide
    Arbitrary<String> webhookBodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, webhookPaths().flatMap(path -> mutated(webhook(path)))),
                Tuple.of(2, jsonValues(4).map(IntakeFuzzTest::write)),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, webhookPaths().flatMap(path -> duplicateKeys(webhook(path)))),
                Tuple.of(1, texts()));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> signatures() {
        // as header values an HTTP client can send: visible ASCII
        Arbitrary<String> sendable = hostile().filter(IntakeFuzzTest::isHeaderValue);
        Arbitrary<String> timestamps = Arbitraries.oneOf(
                Arbitraries.just(String.valueOf(Instant.now().getEpochSecond())),
                Arbitraries.just(String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond())),
                sendable);
        Arbitrary<String> forged = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "v1=" + h), sendable);
        return Combinators.combine(timestamps, forged).as(Tuple::of);
    }

    private static boolean isHeaderValue(String value) {
        return !value.isEmpty() && value.length() < 4_000 && value.chars().allMatch(c -> c > ' ' && c < 127);
    }

    /** Strings an attacker or a broken client sends. */
    private static Arbitrary<String> hostile() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(60)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "",
                                " ",
                                "\u0000",
                                "a\u0000b@example.com",
                                "\uD800",
                                "\uDFFF@example.com",
                                "'; DROP TABLE touchpoint; --",
                                "<script>alert(1)</script>",
                                "${jndi:ldap://x/a}",
                                "2026-13-45T25:61:61Z",
                                "+999999999-01-01T00:00:00Z",
                                "9999-12-31T23:59:59Z",
                                "-1",
                                "99999999999999999999",
                                "NaN",
                                "1e400",
                                "null",
                                "@",
                                "a@b",
                                "x".repeat(70_000) + "@example.com")),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(1000)
                                .ofMaxLength(20_000)));
    }

    /** A JSON tree of at most {@code depth} levels: objects, arrays and every scalar type. */
    private static Arbitrary<Object> jsonValues(int depth) {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                hostile().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> jsonValues(depth - 1));
        return Arbitraries.oneOf(
                scalars,
                child.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(
                                Arbitraries.oneOf(
                                        Arbitraries.of("email", "offer", "occurredAt", "utm", "id", "amount"),
                                        hostile()),
                                child)
                        .ofMaxSize(4)
                        .map(m -> (Object) m));
    }

    /** A valid body with one field set to a hostile value of any JSON type, or removed. */
    private static Arbitrary<String> mutated(Map<String, Object> valid) {
        Arbitrary<String> keys =
                Arbitraries.oneOf(Arbitraries.of(List.copyOf(valid.keySet())), Arbitraries.of("utm", "extra"));
        return Combinators.combine(keys, jsonValues(2), Arbitraries.integers().between(0, 9))
                .as((key, value, remove) -> {
                    Map<String, Object> body = new LinkedHashMap<>(valid);
                    if (remove == 0) {
                        body.remove(key);
                    } else {
                        body.put(key, value);
                    }
                    return write(body);
                });
    }

    private static Arbitrary<String> deepNesting() {
        return Arbitraries.integers().between(500, 6000).flatMap(depth -> Arbitraries.of("[", "{\"a\":")
                .map(open -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth)));
    }

    private static Arbitrary<String> tails(Map<String, Object> valid) {
        return Arbitraries.of(" x", " {}", "{\"email\":\"other@example.com\"}", " ]", "\u0000", " // comment")
                .map(tail -> write(valid) + tail);
    }

    private static Arbitrary<String> duplicateKeys(Map<String, Object> valid) {
        return Arbitraries.of(List.copyOf(valid.keySet())).map(key -> {
            String body = write(valid);
            return body.substring(0, body.length() - 1) + ",\"" + key + "\":\"twice@example.com\"}";
        });
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.of("", "null", "[]", "\"a string\"", "42", "{", "}", "{\"email\":"),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(70_000));
    }

    private static Map<String, Object> conversion() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", "fuzz@example.com");
        body.put("offer", "demo-request");
        body.put("employees", 240);
        body.put("company", "Fuzz Ltd");
        body.put("occurredAt", Instant.now().minusSeconds(60).toString());
        body.put("utm", Map.of("source", "google", "medium", "cpc"));
        return body;
    }

    private static Map<String, Object> webhook(String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "fuzz-" + path.hashCode());
        body.put("email", "fuzz@example.com");
        body.put("occurredAt", Instant.now().minusSeconds(60).toString());
        switch (path) {
            case "/webhooks/crm/contact-attempts" -> {
                body.put("repId", "rep-fuzz");
                body.put("channel", "PHONE");
                body.put("outcome", "CONNECTED");
            }
            case "/webhooks/crm/status-changes" -> body.put("status", "WORKING");
            case "/webhooks/crm/erasures" -> body.remove("occurredAt");
            case "/webhooks/crm/owner-assignments" -> {
                body.put("ownerId", "rep-fuzz");
                body.put("team", "fuzz-team");
            }
            default -> {
                body.put("dealId", "deal-fuzz");
                body.put("outcome", "WON");
                body.put("closedAt", Instant.now().minusSeconds(60).toString());
                body.put("amount", 1200.5);
                body.put("currency", "EUR");
            }
        }
        return body;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
