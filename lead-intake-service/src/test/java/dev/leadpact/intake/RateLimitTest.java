package dev.leadpact.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One client posting past its limit: the posts within it are published, the next get 429 with
 * Retry-After and are not; forms count with conversions; signed webhooks are not limited.
 */
@QuarkusTest
@TestProfile(RateLimitTest.FivePerDay.class)
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"))
class RateLimitTest {

    /** A window of a day, so that it does not turn while the test runs. */
    public static class FivePerDay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "leadpact.http.rate-limit.enabled", "true",
                    "leadpact.http.rate-limit.requests", "5",
                    "leadpact.http.rate-limit.window", "P1D");
        }
    }

    @ConfigProperty(name = "leadpact.webhooks.secret")
    String secret;

    @Test
    void postsPastTheLimitAre429AndNotPublished() {
        try (TopicProbe conversions = new TopicProbe(Topics.CONVERSIONS);
                TopicProbe activities = new TopicProbe(Topics.SALES_ACTIVITIES)) {
            for (int i = 0; i < 4; i++) {
                given().contentType(ContentType.JSON)
                        .body("{\"email\": \"rl" + i + "@example.com\", \"offer\": \"ebook\"}")
                        .post("/conversions")
                        .then()
                        .statusCode(202);
            }
            given().contentType("application/x-www-form-urlencoded")
                    .accept(ContentType.JSON)
                    .formParam("email", "rl-form@example.com")
                    .post("/forms/ebook")
                    .then()
                    .statusCode(202);

            for (String path : new String[] {"/conversions", "/forms/ebook"}) {
                Response refused = path.equals("/conversions")
                        ? given().contentType(ContentType.JSON)
                                .body("{\"email\": \"rl-over@example.com\", \"offer\": \"ebook\"}")
                                .post(path)
                        : given().contentType("application/x-www-form-urlencoded")
                                .formParam("email", "rl-over@example.com")
                                .post(path);
                refused.then()
                        .statusCode(429)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://leadpact.dev/problems/rate-limited"))
                        .body("status", equalTo(429));
                long retryAfter = Long.parseLong(refused.header("Retry-After"));
                assertThat(retryAfter).as(path).isBetween(1L, Duration.ofDays(1).toSeconds());
            }

            // a CRM sync is signed and may post as often as it needs
            for (int i = 0; i < 6; i++) {
                String body = "{\"id\": \"rl-act-" + i + "\", \"email\": \"rl0@example.com\", \"occurredAt\": \""
                        + Instant.now().minusSeconds(60) + "\", \"repId\": \"rep-jane\", \"channel\": \"PHONE\","
                        + " \"outcome\": \"VOICEMAIL\"}";
                String timestamp = String.valueOf(Instant.now().getEpochSecond());
                given().contentType(ContentType.JSON)
                        .header(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                        .header(
                                WebhookSignature.SIGNATURE_HEADER,
                                new WebhookSignature(secret, Duration.ofMinutes(5))
                                        .sign(timestamp, body.getBytes(StandardCharsets.UTF_8)))
                        .body(body.getBytes(StandardCharsets.UTF_8))
                        .post("/webhooks/crm/contact-attempts")
                        .then()
                        .statusCode(202);
            }

            assertThat(conversions.read(6, Duration.ofSeconds(5))).hasSize(5);
            assertThat(activities.read(6, Duration.ofSeconds(10))).hasSize(6);
        }
    }
}
