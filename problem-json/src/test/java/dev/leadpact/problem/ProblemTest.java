package dev.leadpact.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON every service writes: standard members first, extensions after them, nothing empty. */
class ProblemTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void standardMembersThenExtensionsInTheOrderAdded() throws Exception {
        Problem problem = Problem.of(ProblemType.INVALID_FILTER, "month must look like 2026-11")
                .with("parameter", "month")
                .with("errors", List.of(Map.of("field", "month")));
        assertThat(JSON.writeValueAsString(problem))
                .isEqualTo("{\"type\":\"https://leadpact.dev/problems/invalid-filter\",\"title\":\"Invalid filter\","
                        + "\"status\":400,\"detail\":\"month must look like 2026-11\",\"parameter\":\"month\","
                        + "\"errors\":[{\"field\":\"month\"}]}");
        assertThat(problem.reason()).isEqualTo("invalid-filter");
    }

    @Test
    void absentDetailAndEmptyExtensionsAreLeftOut() throws Exception {
        Problem problem = Problem.of(ProblemType.NOT_FOUND, null)
                .with("errors", List.of())
                .with("parameter", null);
        assertThat(JSON.writeValueAsString(problem))
                .isEqualTo("{\"type\":\"https://leadpact.dev/problems/not-found\",\"title\":\"Not Found\","
                        + "\"status\":404}");
        assertThat(problem.extensions()).isEmpty();
    }

    @Test
    void anExtensionCannotShadowAStandardMember() {
        assertThatThrownBy(() -> Problem.of(ProblemType.INTERNAL, null).with("status", 200))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frameworkStatusesHaveStableTypes() {
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(415).uri()).isEqualTo("https://leadpact.dev/problems/unsupported-media-type");
        assertThat(ProblemType.forStatus(500)).isEqualTo(ProblemType.INTERNAL);
        assertThat(ProblemType.forStatus(409)).isEqualTo(new ProblemType("http-409", 409, "Conflict"));
        assertThat(ProblemType.forStatus(599).title()).isEqualTo("HTTP 599");
    }

    @Test
    void aReasonIsASlugSoThatTheUriStaysStable() {
        assertThatThrownBy(() -> new ProblemType("Invalid Filter", 400, "Invalid filter"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
