package dev.leadpact.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed CRM webhooks: valid ones are published, anything else is 401 with nothing published. */
@QuarkusTest
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"))
class CrmWebhookTest {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "leadpact.webhooks.secret")
    String secret;

    TopicProbe activities;
    TopicProbe deals;
    TopicProbe erasures;

    @BeforeEach
    void watchTopics() {
        activities = new TopicProbe(Topics.SALES_ACTIVITIES);
        deals = new TopicProbe(Topics.DEALS_CLOSED);
        erasures = new TopicProbe(Topics.LEAD_ERASURES);
    }

    @AfterEach
    void close() {
        activities.close();
        deals.close();
        erasures.close();
    }

    private String attempt(String id) {
        return "{\"id\": \"" + id + "\", \"email\": \"ada@example.com\", \"occurredAt\": \""
                + Instant.now().minusSeconds(60) + "\", \"repId\": \"rep-jane\", \"channel\": \"PHONE\","
                + " \"outcome\": \"VOICEMAIL\", \"note\": \"left a message\\nwill retry\"}";
    }

    private ValidatableResponse post(String path, String body, String timestamp, String signature) {
        var request = given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(WebhookSignature.SIGNATURE_HEADER, signature);
        }
        return request.when().post("/webhooks/crm" + path).then();
    }

    private ValidatableResponse signedPost(String path, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = new WebhookSignature(secret, Duration.ofMinutes(5))
                .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
        return post(path, body, timestamp, signature);
    }

    @Test
    void validSignatureIsPublishedToSalesActivities() throws Exception {
        String eventId = signedPost("/contact-attempts", attempt("crm-act-1"))
                .statusCode(202)
                .body("topic", equalTo(Topics.SALES_ACTIVITIES))
                .extract()
                .path("eventId");

        ConsumerRecord<String, String> record = activities.readOne();
        JsonNode event = json.readTree(record.value());
        assertThat(record.key()).isEqualTo(LeadIdentity.leadId("ada@example.com", null));
        assertThat(TopicProbe.header(record, "ce_id")).isEqualTo(eventId);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dev.leadpact.contact-attempt.v1");
        assertThat(event.get("type").asText()).isEqualTo("CONTACT_ATTEMPT");
        assertThat(event.get("outcome").asText()).isEqualTo("VOICEMAIL");
        assertThat(event.get("note").asText()).isEqualTo("left a message\nwill retry");
    }

    @Test
    void statusChangesAndOwnerAssignmentsAreSalesActivities() throws Exception {
        String now = Instant.now().toString();
        signedPost(
                        "/status-changes",
                        "{\"id\": \"crm-st-1\", \"leadId\": \"lead-42\", \"occurredAt\": \"" + now
                                + "\", \"status\": \"UNREACHABLE\", \"reason\": \"no answer\"}")
                .statusCode(202);
        signedPost(
                        "/owner-assignments",
                        "{\"id\": \"crm-ow-1\", \"leadId\": \"lead-42\", \"occurredAt\": \"" + now
                                + "\", \"ownerId\": \"rep-jane\", \"managerId\": \"mgr-omar\", \"team\": \"emea\"}")
                .statusCode(202);

        var records = activities.read(2, Duration.ofSeconds(10));
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("lead-42");
        assertThat(records)
                .extracting(r -> TopicProbe.header(r, "ce_type"))
                .containsExactlyInAnyOrder("dev.leadpact.lead-status-changed.v1", "dev.leadpact.owner-assigned.v1");
    }

    @Test
    void closedDealIsPublishedToDealsClosed() throws Exception {
        signedPost(
                        "/deals",
                        "{\"dealId\": \"deal-7\", \"leadId\": \"lead-42\", \"outcome\": \"WON\", \"amount\": 24000.50,"
                                + " \"currency\": \"eur\", \"closedAt\": \"" + Instant.now()
                                + "\", \"ownerId\": \"rep-jane\"}")
                .statusCode(202)
                .body("topic", equalTo(Topics.DEALS_CLOSED));

        ConsumerRecord<String, String> record = deals.readOne();
        JsonNode deal = json.readTree(record.value());
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dev.leadpact.deal-closed.v1");
        assertThat(deal.get("amount").decimalValue()).isEqualByComparingTo("24000.50");
        assertThat(deal.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void wonDealWithoutAmountIsRejected() {
        signedPost(
                        "/deals",
                        "{\"dealId\": \"deal-8\", \"leadId\": \"lead-42\", \"outcome\": \"WON\", \"closedAt\": \""
                                + Instant.now() + "\"}")
                .statusCode(422)
                .body("errors.field", hasItem("amount"));
        assertThat(deals.publishedSinceStart()).isZero();
    }

    @Test
    void unknownEnumValueNamesTheField() {
        signedPost("/contact-attempts", attempt("crm-act-9").replace("VOICEMAIL", "CARRIER_PIGEON"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("outcome"));
        assertThat(activities.publishedSinceStart()).isZero();
    }

    @Test
    void aSignedBodyThatIsNotStrictJsonIsRejected() {
        // the signature holds, but a CRM that sends a key twice or a tail after the value is refused
        signedPost("/deals", "{\"dealId\": \"deal-9\", \"dealId\": \"deal-10\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("dealId"));
        signedPost("/contact-attempts", attempt("crm-act-10") + " []")
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(activities.publishedSinceStart()).isZero();
        assertThat(deals.publishedSinceStart()).isZero();
    }

    @Test
    void aSignedErasureByEmailIsPublishedWithTheLeadIdAndNothingPersonal() throws Exception {
        Instant before = Instant.now();
        String leadId = signedPost("/erasures", "{\"id\": \"dsr-1\", \"email\": \" Ada@Example.com \"}")
                .statusCode(202)
                .body("topic", equalTo(Topics.LEAD_ERASURES))
                .extract()
                .path("leadId");
        assertThat(leadId).isEqualTo(LeadIdentity.leadId("ada@example.com", null));

        ConsumerRecord<String, String> record = erasures.readOne();
        assertThat(record.key()).isEqualTo(leadId);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("dev.leadpact.lead-erased.v1");
        JsonNode erasure = json.readTree(record.value());
        assertThat(erasure.get("leadId").asText()).isEqualTo(leadId);
        assertThat(erasure.get("requestId").asText()).isEqualTo("dsr-1");
        assertThat(Instant.parse(erasure.get("occurredAt").asText())).isBetween(before, Instant.now());
        assertThat(record.value()).doesNotContainIgnoringCase("ada");
    }

    @Test
    void anErasureByLeadIdKeepsTheIdAndARetryIsTheSameEvent() throws Exception {
        String body = "{\"id\": \"dsr-2\", \"leadId\": \"crm-lead-77\"}";
        String first = signedPost("/erasures", body).statusCode(202).extract().path("eventId");
        String retry = signedPost("/erasures", body.replace("{", "{ "))
                .statusCode(202)
                .extract()
                .path("eventId");
        assertThat(retry).isEqualTo(first);
        assertThat(erasures.read(2, Duration.ofSeconds(10)))
                .extracting(ConsumerRecord::key)
                .containsExactly("crm-lead-77", "crm-lead-77");
    }

    @Test
    void anErasureNeedsItsIdAndExactlyOneOfLeadIdAndEmailAndASignature() {
        signedPost("/erasures", "{\"email\": \"ada@example.com\"}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
        signedPost("/erasures", "{\"id\": \"dsr-3\"}").statusCode(422).body("errors.field", hasItem("leadId"));
        signedPost("/erasures", "{\"id\": \"dsr-4\", \"leadId\": \"lead-1\", \"email\": \"ada@example.com\"}")
                .statusCode(422)
                .body("errors.field", hasItem("email"));
        signedPost("/erasures", "{\"id\": \"dsr-5\", \"email\": \"not an email\"}")
                .statusCode(422)
                .body("errors.field", hasItem("email"));
        post("/erasures", "{\"id\": \"dsr-6\", \"leadId\": \"lead-1\"}", null, null)
                .statusCode(401)
                .contentType("application/problem+json");
        assertThat(erasures.publishedSinceStart()).isZero();
    }

    @Test
    void missingSignatureIs401() {
        post("/contact-attempts", attempt("crm-act-2"), null, null)
                .statusCode(401)
                .contentType("application/problem+json");
        assertThat(activities.publishedSinceStart()).isZero();
    }

    @Test
    void wrongSignatureIs401() {
        String body = attempt("crm-act-3");
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String forged = new WebhookSignature("some-other-secret-value", Duration.ofMinutes(5))
                .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
        post("/contact-attempts", body, timestamp, forged).statusCode(401);
        // A body changed after signing does not match either.
        String signed = new WebhookSignature(secret, Duration.ofMinutes(5))
                .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
        post("/contact-attempts", body.replace("VOICEMAIL", "CONNECTED"), timestamp, signed)
                .statusCode(401);
        assertThat(activities.publishedSinceStart()).isZero();
    }

    @Test
    void expiredTimestampIs401() {
        String body = attempt("crm-act-4");
        String old = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        String signature =
                new WebhookSignature(secret, Duration.ofMinutes(5)).sign(old, body.getBytes(StandardCharsets.UTF_8));
        post("/contact-attempts", body, old, signature)
                .statusCode(401)
                .body("detail", org.hamcrest.Matchers.containsString("window"));
        assertThat(activities.publishedSinceStart()).isZero();
    }

    @Test
    void replayedSignatureIs401() {
        String body = attempt("crm-act-5");
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = new WebhookSignature(secret, Duration.ofMinutes(5))
                .sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
        post("/contact-attempts", body, timestamp, signature).statusCode(202);
        post("/contact-attempts", body, timestamp, signature)
                .statusCode(401)
                .body("detail", org.hamcrest.Matchers.containsString("replay"));
        assertThat(activities.read(2, Duration.ofSeconds(3))).hasSize(1);
    }
}
