package dev.leadpact.reporting.whatif;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.events.Segment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * A segment's first-contact deadline and attempt minimum in force: what the what-if panel shows
 * before anything is proposed. It is the monitor's current policy of the segment at its handoff
 * stage (where both clocks start) for leads of the default source; without that source, the first
 * other source's by policy id.
 *
 * @param firstContactSeconds {@code firstContact} in seconds, for the page's number and unit
 */
public record SegmentPolicy(
        Segment segment,
        String policyId,
        int version,
        String firstContact,
        long firstContactSeconds,
        int attemptsRequired) {

    /** One per segment that the monitor's {@code GET /sla/policies} answer has a current policy for. */
    static List<SegmentPolicy> of(JsonNode policies, String defaultSource) {
        List<SegmentPolicy> out = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            Optional<JsonNode> chosen = StreamSupport.stream(policies.spliterator(), false)
                    .filter(p -> p.path("current").asBoolean()
                            && segment.name().equals(p.path("segment").asText())
                            && p.path("stage")
                                    .asText()
                                    .equals(p.path("handoffStage").asText()))
                    .min(Comparator.comparing((JsonNode p) ->
                                    !defaultSource.equals(p.path("source").asText()))
                            .thenComparing(p -> p.path("id").asText()));
            chosen.ifPresent(p -> {
                Duration firstContact = Duration.parse(p.path("firstContact").asText());
                out.add(new SegmentPolicy(
                        segment,
                        p.path("id").asText(),
                        p.path("version").asInt(),
                        firstContact.toString(),
                        firstContact.toSeconds(),
                        p.path("attemptsRequired").asInt()));
            });
        }
        return out;
    }
}
