package dev.leadpact.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A second app instance pointed at a port where no broker listens: posts answer 503 with
 * Retry-After within the publish bound, never hang and never claim 202.
 */
@QuarkusTest
@TestProfile(BrokerUnavailableTest.DeadBroker.class)
class BrokerUnavailableTest {

    public static class DeadBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the shipped ratio: send() may block for half the publish bound
            return Map.of(
                    "kafka.bootstrap.servers",
                    "localhost:1",
                    "leadpact.publish.timeout",
                    "PT1S",
                    "mp.messaging.outgoing.lead-events.max.block.ms",
                    "500");
        }
    }

    @Test
    void conversionAnswers503WithinTheBound() {
        // Warm the request path up (class loading, JIT) with a post that is rejected before publishing.
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/conversions")
                .then()
                .statusCode(422);
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            given().contentType(ContentType.JSON)
                    .body("{\"email\": \"a" + i + "@example.com\", \"offer\": \"demo-request\"}")
                    .when()
                    .post("/conversions")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("title", equalTo("Event store unavailable"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            // It waited for the acknowledgement (the 1 s bound), then answered: 3 s of slack for a loaded
            // 2-core machine, far below the producer's own give-up (delivery.timeout.ms, 8 s) or a hang.
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void readinessIsDownWithoutBroker() {
        given().get("/q/health/ready").then().statusCode(503);
    }
}
