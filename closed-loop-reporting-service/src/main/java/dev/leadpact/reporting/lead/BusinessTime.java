package dev.leadpact.reporting.lead;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.time.Instant;

/** Open time between two instants in the calendar of the SLA policy of a segment and stage. */
@FunctionalInterface
public interface BusinessTime {

    /** Whole open seconds in [from, to); null when the segment is unknown. */
    Long seconds(Segment segment, Stage stage, Instant from, Instant to);
}
