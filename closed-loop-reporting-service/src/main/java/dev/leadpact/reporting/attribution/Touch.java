package dev.leadpact.reporting.attribution;

import dev.leadpact.events.Stage;
import java.time.Instant;
import java.util.Comparator;

/**
 * What attribution needs to know of a touchpoint: which one, when, and the stage the lead had after
 * it (for the lead-creation and opportunity-creation anchors).
 */
public record Touch(String touchId, Instant occurredAt, Stage stage) {

    /** Time order; the id breaks ties so the order (and so the rounding) is deterministic. */
    public static final Comparator<Touch> CHRONOLOGICAL =
            Comparator.comparing(Touch::occurredAt).thenComparing(Touch::touchId);
}
