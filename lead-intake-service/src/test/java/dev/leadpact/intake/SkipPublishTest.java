package dev.leadpact.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark-only switch {@code leadpact.benchmark.skip-publish} (the B_http baseline): a valid
 * conversion is answered 202 as usual and nothing reaches the topic, though the broker is up.
 */
@QuarkusTest
@TestProfile(SkipPublishTest.SkipPublish.class)
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"))
class SkipPublishTest {

    public static class SkipPublish implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadpact.benchmark.skip-publish", "true");
        }
    }

    @Test
    void conversionIsAnswered202AndNotPublished() {
        try (TopicProbe conversions = new TopicProbe(Topics.CONVERSIONS)) {
            given().contentType(ContentType.JSON)
                    .body("""
                            {"email": "bench@example.com", "offer": "demo-request", "employees": 240}
                            """)
                    .when()
                    .post("/conversions")
                    .then()
                    .statusCode(202)
                    .body("eventId", notNullValue())
                    .body("stage", equalTo("SQL"))
                    .body("segment", equalTo("MID"));
            // still validated: a bad one is refused as without the switch
            given().contentType(ContentType.JSON)
                    .body("{\"email\": \"not an email\", \"offer\": \"demo-request\"}")
                    .post("/conversions")
                    .then()
                    .statusCode(422);

            // a published record would be on the topic within milliseconds (linger.ms=5)
            assertThat(conversions.read(1, Duration.ofSeconds(2))).isEmpty();
            assertThat(conversions.publishedSinceStart()).isZero();
        }
    }
}
