package dev.leadpact.reporting.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.Segment;
import org.junit.jupiter.api.Test;

class SegmentPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String policy(
            String source, String segment, String stage, String handoff, boolean current, String fc, int attempts) {
        String id = source + "/" + segment.toLowerCase() + "-" + stage.toLowerCase();
        return "{\"id\":\"" + id + "\",\"version\":2,\"source\":\"" + source + "\",\"current\":" + current
                + ",\"segment\":\"" + segment + "\",\"stage\":\"" + stage + "\",\"handoffStage\":\"" + handoff
                + "\",\"firstContact\":\"" + fc + "\",\"attemptsRequired\":" + attempts + "}";
    }

    @Test
    void theCurrentPolicyAtTheHandoffStageOfTheDefaultSource() throws Exception {
        JsonNode policies = JSON.readTree("["
                // not at the handoff stage, an earlier version, another source: none of these
                + policy("web", "MID", "MQL", "SQL", true, "PT5M", 1) + ","
                + policy("web", "MID", "SQL", "SQL", false, "PT10M", 2) + ","
                + policy("events", "MID", "SQL", "SQL", true, "PT15M", 3) + ","
                + policy("web", "MID", "SQL", "SQL", true, "PT1H30M", 6) + ","
                // large hands off at MQL; small has only another source's policies
                + policy("web", "LARGE", "SQL", "MQL", true, "PT1H", 6) + ","
                + policy("web", "LARGE", "MQL", "MQL", true, "P1D", 9) + ","
                + policy("partner", "SMALL", "SQL", "SQL", true, "PT20S", 4) + ","
                + policy("events", "SMALL", "SQL", "SQL", true, "PT30S", 5)
                + "]");
        assertThat(SegmentPolicy.of(policies, "web"))
                .containsExactly(
                        new SegmentPolicy(Segment.SMALL, "events/small-sql", 2, "PT30S", 30, 5),
                        new SegmentPolicy(Segment.MID, "web/mid-sql", 2, "PT1H30M", 5400, 6),
                        new SegmentPolicy(Segment.LARGE, "web/large-mql", 2, "PT24H", 86400, 9));
    }

    @Test
    void aSegmentWithoutACurrentPolicyIsLeftOut() throws Exception {
        JsonNode policies = JSON.readTree("[" + policy("web", "MID", "SQL", "SQL", true, "PT1H", 6) + "]");
        assertThat(SegmentPolicy.of(policies, "web"))
                .extracting(SegmentPolicy::segment)
                .containsExactly(Segment.MID);
    }
}
