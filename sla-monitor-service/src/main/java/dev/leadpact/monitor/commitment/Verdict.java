package dev.leadpact.monitor.commitment;

import dev.leadpact.events.SlaEventKind;
import java.util.Optional;

/**
 * A checkpoint's standing, and what a (re)count of it announces. A checkpoint is counted when it
 * falls due and again whenever a late fact changes what was delivered before it (a conversion
 * that arrived late, an owner assignment that moves a lead to the team, a disqualification).
 */
public enum Verdict {
    /** Delivered at least what was due. */
    MET,
    /** Delivered less than was due: a {@code LEAD_VOLUME_SHORTFALL} breach was emitted. */
    SHORT,
    /** A shortfall that late facts disproved: its retraction was emitted, and it stays retracted. */
    RETRACTED;

    /** The verdict of a count, and the event to emit for it, if any. */
    public record Outcome(Verdict verdict, Optional<SlaEventKind> emit) {}

    /**
     * @param previous the verdict so far, {@code null} at the first count
     */
    public static Outcome count(Verdict previous, long delivered, long expected) {
        boolean shortfall = delivered < expected;
        if (previous == null || previous == MET) {
            return shortfall
                    ? new Outcome(SHORT, Optional.of(SlaEventKind.BREACH))
                    : new Outcome(MET, Optional.empty());
        }
        if (previous == SHORT && !shortfall) {
            return new Outcome(RETRACTED, Optional.of(SlaEventKind.RETRACTION));
        }
        return new Outcome(previous, Optional.empty());
    }
}
