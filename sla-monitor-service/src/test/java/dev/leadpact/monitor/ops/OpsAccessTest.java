package dev.leadpact.monitor.ops;

import static org.hamcrest.Matchers.equalTo;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.monitor.ReaderKey;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The ops API answers only API keys with the reader role; health, metrics and the API's docs stay open. */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class OpsAccessTest {
    private static final String[] PATHS = {
        "/sla/timers", "/sla/breaches", "/sla/leads/anyone", "/sla/commitments", "/sla/policies"
    };

    @Test
    void withoutAKeyOrWithAnUnknownOneEveryPathIs401WithABearerChallenge() {
        for (String path : PATHS) {
            RestAssured.given()
                    .get(path)
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "Bearer realm=\"leadpact-sla-monitor\"");
            RestAssured.given()
                    .header("Authorization", "Bearer not-a-key")
                    .get(path)
                    .then()
                    .statusCode(401);
            RestAssured.given()
                    .queryParam("token", "not-a-key")
                    .get(path)
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void aKeyWithoutTheReaderRoleIs403() {
        for (String path : PATHS) {
            RestAssured.given()
                    .header("Authorization", "Bearer test-other-key")
                    .get(path)
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void theReaderKeyReadsAsHeaderOrAsToken() {
        ReaderKey.given().get("/sla/policies").then().statusCode(200);
        RestAssured.given()
                .queryParam("token", ReaderKey.KEY)
                .get("/sla/policies")
                .then()
                .statusCode(200);
        // a lead the monitor does not hold is 404 for a reader, not 401
        ReaderKey.given().get("/sla/leads/anyone").then().statusCode(404);
    }

    @Test
    void healthMetricsAndTheOpenApiDocumentNeedNoKey() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().get("/q/metrics").then().statusCode(200);
        RestAssured.given()
                .accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"));
    }
}
