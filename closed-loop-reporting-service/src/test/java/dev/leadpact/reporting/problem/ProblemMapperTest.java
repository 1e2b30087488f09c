package dev.leadpact.reporting.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a report that cannot be served answers: a problem with a type of its own, never a 500. */
class ProblemMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProblemMapper mapper = new ProblemMapper(JSON);

    private static JsonNode body(Response response) throws Exception {
        return JSON.readTree((String) response.getEntity());
    }

    @Test
    void aStatementPastTheQueryTimeoutIsA503ToRetryLater() throws Exception {
        RuntimeException failed = new IllegalStateException(
                new SQLException("ERROR: canceling statement due to statement timeout", "57014"));
        RuntimeException mapped = ReportUnavailableException.ifTransient(failed);
        assertThat(mapped).isInstanceOf(ReportUnavailableException.class);
        Response response = mapper.toResponse(mapped);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat(body(response).get("type").asText()).isEqualTo("https://leadpact.dev/problems/report-unavailable");
        assertThat(body(response).get("detail").asText()).contains("shorter range");
    }

    @Test
    void anUnreachableDatabaseIsA503AndOtherErrorsStayWhatTheyAre() throws Exception {
        RuntimeException down =
                ReportUnavailableException.ifTransient(new RuntimeException(new SQLException("refused", "08001")));
        Response response = mapper.toResponse(down);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        RuntimeException bug = new RuntimeException(new SQLException("syntax error", "42601"));
        assertThat(ReportUnavailableException.ifTransient(bug)).isSameAs(bug);
        assertThat(mapper.toResponse(bug).getStatus()).isEqualTo(500);
    }

    @Test
    void aReportTooLargeIs422NamingTheLimit() throws Exception {
        Response response = mapper.toResponse(new ReportTooLargeException(10_000));
        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(body(response).get("type").asText()).isEqualTo("https://leadpact.dev/problems/report-too-large");
        assertThat(body(response).get("detail").asText()).contains("more than 10000 rows");
    }
}
