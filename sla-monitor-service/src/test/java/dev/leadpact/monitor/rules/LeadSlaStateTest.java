package dev.leadpact.monitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeadSlaStateTest {
    private final ObjectMapper json =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void emptyFactsAreLeftOutOfTheStoredDocumentAndReadBackAsEmpty() throws Exception {
        LeadSlaState state = new LeadSlaState("lead-1");
        state.stages.add(
                new LeadSlaState.StageMark("c-1", Instant.parse("2026-12-01T09:00:00Z"), Stage.SQL, Segment.MID));

        String stored = json.writeValueAsString(state);
        assertThat(stored)
                .isEqualTo("{\"leadId\":\"lead-1\",\"stages\":[{\"eventId\":\"c-1\",\"at\":\"2026-12-01T09:00:00Z\","
                        + "\"stage\":\"SQL\",\"segment\":\"MID\"}]}");

        LeadSlaState read = json.readValue(stored, LeadSlaState.class);
        assertThat(read.attempts).isEmpty();
        assertThat(read.giveUps).isEmpty();
        assertThat(read.owners).isEmpty();
        assertThat(read.closes).isEmpty();
        assertThat(read.emitted).isEmpty();
        assertThat(read.openBreaches).isEmpty();
        assertThat(read.pins).isEmpty();
        read.emitted.add("b-1/WARNING");
        assertThat(read.knows("c-1")).isTrue();
    }

    @Test
    void aDocumentStoredWithEmptyListsStillReads() throws Exception {
        LeadSlaState read = json.readValue(
                "{\"leadId\":\"lead-1\",\"stages\":[],\"attempts\":[],\"giveUps\":[],\"owners\":[],\"closes\":[],"
                        + "\"emitted\":[],\"openBreaches\":{}}",
                LeadSlaState.class);
        assertThat(read.leadId).isEqualTo("lead-1");
        assertThat(read.stages).isEmpty();
        assertThat(read.openBreaches).isEmpty();
    }
}
