package dev.leadpact.reporting;

import static dev.leadpact.reporting.Reports.JSON;
import static dev.leadpact.reporting.Reports.KEY;
import static dev.leadpact.reporting.Reports.getJson;
import static dev.leadpact.reporting.Reports.rows;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Utm;
import dev.leadpact.reporting.readmodel.Queries;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What bounds a report: its rows ({@code leadpact.reporting.max-rows}, 50 in tests) and its statement
 * time. A stack of its own, so that the 51 SQLs of namespace {@code big-} are all its speed report
 * counts, whatever their date.
 */
@QuarkusTest
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "stack", value = "limits"))
class ReportLimitsTest {

    @Inject
    AgroalDataSource database;

    @Inject
    Queries queries;

    @AfterAll
    static void closeProducer() {
        Scenario.closeProducer();
    }

    @Test
    void aReportWithMoreRowsThanOneAnswerMayHoldIsAProblem() throws IOException {
        // %test: at most 50 rows; January 2025 gets 51 sources (any month would do: they are all this stack has)
        List<LeadEvent> conversions = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            conversions.add(Scenario.conversion(
                    "big-c-" + i,
                    "lead-big-" + i,
                    "2025-01-15T10:00:00Z",
                    Stage.SQL,
                    Segment.SMALL,
                    "paid-search",
                    "demo-request",
                    new Utm("source-" + i, "cpc", null, null, null),
                    "https://www.example.com/demo"));
        }
        Scenario.publish(conversions);
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.storedEvents(database, "big-c-%") == 51);
        String url = "/reports/speed-to-lead?groupBy=source&from=2025-01-01&to=2025-01-31";
        JsonNode problem = JSON.readTree(given().header("Authorization", KEY)
                .get(url)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .extract()
                .asString());
        assertThat(problem.get("type").asText()).isEqualTo("https://leadpact.dev/problems/report-too-large");
        assertThat(problem.get("detail").asText()).contains("more than 50 rows");
        // grouped more coarsely the same leads answer
        assertThat(rows(getJson(url.replace("source", "segment")).get("rows"), "groupValue", "leads"))
                .containsExactly("SMALL|51");
    }

    @Test
    void everyReportStatementIsBoundedByTheQueryTimeout() {
        String timeout = queries.read(connection -> {
            try (var show = connection.createStatement();
                    var rs = show.executeQuery("SHOW statement_timeout")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(timeout).isEqualTo("30s");
    }
}
