package dev.leadpact.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets its 4xx as problem+json, and nothing reaches the topic. */
@QuarkusTest
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "postgres", value = "false"))
class RejectedInputTest {

    TopicProbe conversions;

    @BeforeEach
    void watchTopic() {
        conversions = new TopicProbe(Topics.CONVERSIONS);
    }

    @AfterEach
    void nothingWasPublished() {
        try {
            assertThat(conversions.publishedSinceStart()).isZero();
        } finally {
            conversions.close();
        }
    }

    static Stream<Arguments> badConversions() {
        String future = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        return Stream.of(
                Arguments.of("missing email", "{\"offer\": \"ebook\"}", 422, "email"),
                Arguments.of("malformed email", "{\"email\": \"ada@\", \"offer\": \"ebook\"}", 422, "email"),
                Arguments.of(
                        "email with spaces", "{\"email\": \"a b@example.com\", \"offer\": \"ebook\"}", 422, "email"),
                Arguments.of("missing offer", "{\"email\": \"a@example.com\"}", 422, "offer"),
                Arguments.of(
                        "unknown offer", "{\"email\": \"a@example.com\", \"offer\": \"free-lunch\"}", 422, "offer"),
                Arguments.of(
                        "employees not a number",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"employees\": \"many\"}",
                        400,
                        "employees"),
                Arguments.of(
                        "negative employees",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"employees\": -3}",
                        422,
                        "employees"),
                Arguments.of(
                        "date that is not a date",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"occurredAt\": \"yesterday\"}",
                        400,
                        "occurredAt"),
                Arguments.of(
                        "date in the future",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"occurredAt\": \"" + future + "\"}",
                        422,
                        "occurredAt"),
                Arguments.of(
                        "control characters",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"firstName\": \"Ada\\u0000\\u0007\"}",
                        422,
                        "firstName"),
                Arguments.of(
                        "page that is not a web URL",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"pageUrl\": \"javascript:alert(1)\"}",
                        422,
                        "pageUrl"),
                Arguments.of(
                        "country that is not a code",
                        "{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"country\": \"Germany\"}",
                        422,
                        "country"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConversions")
    void badConversionIsRejectedWithTheField(String name, String body, int status, String field) {
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/conversions")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("errors.field", hasItem(field));
    }

    @Test
    void unparseableJsonIs400() {
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@example.com\", \"offer\": ")
                .when()
                .post("/conversions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request"))
                .body(not(containsString("Exception")));
    }

    @Test
    void contentAfterTheJsonValueIs400() {
        // a second value, as a smuggled second lead would be
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@example.com\", \"offer\": \"ebook\"} {\"email\": \"b@example.com\"}")
                .when()
                .post("/conversions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/malformed"))
                .body("detail", equalTo("The body has more after its JSON value; nothing was stored."));
        // and anything else after it
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@example.com\", \"offer\": \"ebook\"} x")
                .when()
                .post("/conversions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/malformed"));
    }

    @Test
    void aKeyGivenTwiceIs400NamingIt() {
        // read naively the last one wins: the lead would be the attacker's address, not the first
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"email\": \"b@example.com\"}")
                .when()
                .post("/conversions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("email"))
                .body("errors.message", hasItem("appears more than once"));
    }

    @Test
    void emptyBodyIs400() {
        given().contentType(ContentType.JSON)
                .when()
                .post("/conversions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "x".repeat(70 * 1024);
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@example.com\", \"offer\": \"ebook\", \"note\": \"" + huge + "\"}")
                .when()
                .post("/conversions")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/too-large"))
                .body("status", equalTo(413));
    }

    @Test
    void overlongUriIs414() {
        // past leadpact.http.max-uri-length (8192) and well within what the HTTP layer itself reads
        given().contentType(ContentType.JSON)
                .body("{\"email\": \"a@example.com\", \"offer\": \"ebook\"}")
                .when()
                .post("/conversions?utm_source=" + "x".repeat(9000))
                .then()
                .statusCode(414)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/uri-too-long"));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().contentType(ContentType.XML)
                .body("<conversion/>")
                .when()
                .post("/conversions")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void unknownFormIs404() {
        given().contentType("application/x-www-form-urlencoded")
                .formParam("email", "a@example.com")
                .when()
                .post("/forms/no-such-form")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("formId"));
    }

    @Test
    void formWithBadDateAnswersProblemToJsonClients() {
        given().contentType("application/x-www-form-urlencoded")
                .accept(ContentType.JSON)
                .formParam("email", "a@example.com")
                .formParam("occurredAt", "31/12/2026")
                .when()
                .post("/forms/ebook")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("occurredAt"));
    }

    @Test
    void formWithoutErrorPageAnswersProblemEvenToBrowsers() {
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .accept("text/html")
                .formParam("email", "")
                .when()
                .post("/forms/ebook")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("email"));
    }

    @Test
    void aFormBodyThatIsNotUrlEncodedIs400NamingTheField() {
        given().contentType("application/x-www-form-urlencoded")
                .accept(ContentType.JSON)
                .body("email=a%40example.com&company=%zz")
                .when()
                .post("/forms/ebook")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadpact.dev/problems/malformed"))
                .body("errors.field", hasItem("company"));
    }
}
