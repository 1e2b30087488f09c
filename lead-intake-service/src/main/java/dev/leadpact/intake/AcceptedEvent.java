package dev.leadpact.intake;

import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an accepted post: the event is on its topic (Kafka acknowledged it). */
@Schema(name = "Accepted")
public record AcceptedEvent(
        String eventId, String leadId, String topic, Stage stage, Segment segment, JourneyPhase journeyPhase) {

    static AcceptedEvent of(String eventId, String leadId, String topic) {
        return new AcceptedEvent(eventId, leadId, topic, null, null, null);
    }
}
