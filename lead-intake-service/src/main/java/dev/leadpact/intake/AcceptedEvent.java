package dev.leadpact.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted post: the event is on its topic (Kafka acknowledged it). */
@Schema(name = "Accepted")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcceptedEvent(
        String eventId, String leadId, String topic, Stage stage, Segment segment, JourneyPhase journeyPhase) {

    static AcceptedEvent of(String eventId, String leadId, String topic) {
        return new AcceptedEvent(eventId, leadId, topic, null, null, null);
    }
}
