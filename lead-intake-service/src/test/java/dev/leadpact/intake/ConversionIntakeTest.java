package dev.leadpact.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conversions posted as JSON and as a real HTML form land on Kafka; bad ones do not. */
@QuarkusTest
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"))
class ConversionIntakeTest {

    @Inject
    ObjectMapper json;

    TopicProbe conversions;

    @BeforeEach
    void watchTopic() {
        conversions = new TopicProbe(Topics.CONVERSIONS);
    }

    @AfterEach
    void closeProbe() {
        conversions.close();
    }

    @Test
    void jsonConversionIsOnTheTopicWithKeyHeadersStageAndSegment() throws Exception {
        String eventId = given().contentType(ContentType.JSON)
                .body("""
                        {"email": "  Ada.Lovelace@Example.com ", "offer": "demo-request", "firstName": "Ada",
                         "company": "Analytical Engines", "employees": 240, "country": "gb",
                         "pageUrl": "https://www.example.com/demo",
                         "utm": {"source": "google", "medium": "cpc", "campaign": "q4-demo"}}
                        """)
                .when()
                .post("/conversions")
                .then()
                .statusCode(202)
                .body("stage", equalTo("SQL"))
                .body("segment", equalTo("MID"))
                .body("leadId", equalTo(LeadIdentity.leadId("ada.lovelace@example.com", null)))
                .extract()
                .path("eventId");

        ConsumerRecord<String, String> record = conversions.readOne();
        JsonNode event = json.readTree(record.value());
        assertThat(record.key()).isEqualTo(LeadIdentity.leadId("ada.lovelace@example.com", null));
        assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(eventId);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dev.leadpact.conversion.v1");
        assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/leadpact/lead-intake");
        assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, "ce_time"))
                .isEqualTo(event.get("occurredAt").asText());
        assertThat(event.get("eventId").asText()).isEqualTo(eventId);
        assertThat(event.get("email").asText()).isEqualTo("ada.lovelace@example.com");
        assertThat(event.get("stage").asText()).isEqualTo("SQL");
        assertThat(event.get("segment").asText()).isEqualTo("MID");
        assertThat(event.get("journeyPhase").asText()).isEqualTo("DECISION");
        assertThat(event.get("channel").asText()).isEqualTo("paid-search");
        assertThat(event.get("country").asText()).isEqualTo("GB");
        assertThat(event.at("/utm/campaign").asText()).isEqualTo("q4-demo");
    }

    @Test
    void htmlFormPostRedirectsToThankYouPageAndIsOnTheTopic() throws Exception {
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .formParam("email", "grace@example.org")
                .formParam("firstName", "Grace")
                .formParam("employees", "12")
                .formParam("utm_source", "newsletter")
                .formParam("utm_medium", "email")
                .header("Referer", "https://www.example.com/resources/sla-guide")
                .formParam("submit", "Get the e-book")
                .when()
                .post("/forms/ebook")
                .then()
                .statusCode(303)
                .header("Location", "https://www.example.com/ebook/download");

        ConsumerRecord<String, String> record = conversions.readOne();
        JsonNode event = json.readTree(record.value());
        assertThat(record.key()).isEqualTo(LeadIdentity.leadId("grace@example.org", null));
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dev.leadpact.conversion.v1");
        assertThat(event.get("formId").asText()).isEqualTo("ebook");
        assertThat(event.get("offer").asText()).isEqualTo("ebook");
        assertThat(event.get("stage").asText()).isEqualTo("IQL");
        assertThat(event.get("journeyPhase").asText()).isEqualTo("AWARENESS");
        assertThat(event.get("segment").asText()).isEqualTo("SMALL");
        assertThat(event.get("channel").asText()).isEqualTo("email");
        assertThat(event.get("pageUrl").asText()).isEqualTo("https://www.example.com/resources/sla-guide");
    }

    @Test
    void formAnswersJsonToAClientThatAsksForIt() {
        given().contentType("application/x-www-form-urlencoded")
                .accept(ContentType.JSON)
                .formParam("email", "linus@example.net")
                .formParam("employees", "5000")
                .when()
                .post("/forms/webinar")
                .then()
                .statusCode(202)
                .body("stage", equalTo("MQL"))
                .body("segment", equalTo("LARGE"));
        assertThat(conversions.read(1, Duration.ofSeconds(10))).hasSize(1);
    }

    /** Found by the fuzz test: a field without a name used to make the form reader fail with a 500. */
    @Test
    void aFormFieldWithoutANameIsSkippedAndUtf8IsDecoded() throws Exception {
        given().contentType("application/x-www-form-urlencoded")
                .accept(ContentType.JSON)
                .body("email=ren%C3%A9%40example.net&=orphan&company=Caf%C3%A9+M%C3%BCller&&")
                .when()
                .post("/forms/webinar")
                .then()
                .statusCode(202);
        JsonNode event = json.readTree(conversions.readOne().value());
        assertThat(event.get("email").asText()).isEqualTo("rené@example.net");
        assertThat(event.get("company").asText()).isEqualTo("Café Müller");
    }

    @Test
    void invalidFormSendsTheBrowserToTheErrorPageAndPublishesNothing() {
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .accept("text/html")
                .formParam("email", "not-an-email")
                .when()
                .post("/forms/demo")
                .then()
                .statusCode(303)
                .header("Location", "https://www.example.com/demo/error?error=validation&fields=email");

        given().contentType("application/x-www-form-urlencoded")
                .accept(ContentType.JSON)
                .formParam("email", "x@example.com")
                .formParam("employees", "a few")
                .when()
                .post("/forms/demo")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("employees"));

        assertThat(conversions.publishedSinceStart()).isZero();
    }

    @Test
    void sameIdempotencyKeyGivesTheSameEventId() {
        String body = "{\"email\": \"retry@example.com\", \"offer\": \"webinar\"}";
        String first = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "submission-42")
                .body(body)
                .post("/conversions")
                .then()
                .statusCode(202)
                .extract()
                .path("eventId");
        String second = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "submission-42")
                .body(body)
                .post("/conversions")
                .then()
                .statusCode(202)
                .extract()
                .path("eventId");
        String other = given().contentType(ContentType.JSON)
                .header("Idempotency-Key", "submission-43")
                .body(body)
                .post("/conversions")
                .then()
                .statusCode(202)
                .extract()
                .path("eventId");

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(conversions.read(3, Duration.ofSeconds(10)))
                .extracting(r -> TopicProbe.header(r, "ce_id"))
                .containsExactly(first, first, other);
    }

    @Test
    void markupAndSqlAreStoredAsPlainData() throws Exception {
        String script = "<script>alert('x')</script>";
        String sql = "Robert'); DROP TABLE leads;--";
        given().contentType(ContentType.JSON)
                .body(json.createObjectNode()
                        .put("email", "bobby@example.com")
                        .put("offer", "ebook")
                        .put("firstName", script)
                        .put("company", sql)
                        .toString())
                .post("/conversions")
                .then()
                .statusCode(202)
                .contentType(ContentType.JSON);

        JsonNode event = json.readTree(conversions.readOne().value());
        assertThat(event.get("firstName").asText()).isEqualTo(script);
        assertThat(event.get("company").asText()).isEqualTo(sql);
    }

    @Test
    void corsAllowsConfiguredOriginsOnly() {
        given().header("Origin", "https://www.example.com")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/forms/demo")
                .then()
                .header("Access-Control-Allow-Origin", "https://www.example.com");
        given().header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST")
                .when()
                .options("/forms/demo")
                .then()
                .header("Access-Control-Allow-Origin", (String) null);
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/conversions"))
                .body(containsString("/forms/{formId}"))
                .body(containsString("/webhooks/crm/contact-attempts"));
    }

    @Test
    void metricsCountAcceptedAndRejectedAndTimeThePublish() {
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"metrics@example.com\", \"offer\": \"ebook\"}")
                .post("/conversions")
                .then()
                .statusCode(202);
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"metrics@\", \"offer\": \"ebook\"}")
                .post("/conversions")
                .then()
                .statusCode(422);

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("leadpact_intake_accepted_total{kind=\"conversion\"}"))
                .body(containsString("leadpact_intake_rejected_total{reason=\"validation\"}"))
                .body(containsString("leadpact_intake_publish_seconds_count"));
        conversions.read(1, Duration.ofSeconds(10));
    }

    @Test
    void readinessIncludesKafka() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name.contains('Messaging') }.data.lead-events", equalTo("[OK]"));
    }
}
