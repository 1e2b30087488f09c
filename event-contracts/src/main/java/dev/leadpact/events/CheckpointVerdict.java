package dev.leadpact.events;

/** The standing of a pacing checkpoint of marketing's lead commitment after a count. */
public enum CheckpointVerdict {
    /** Delivered at least what was due. */
    MET,
    /** Delivered less than was due: a {@code LEAD_VOLUME_SHORTFALL} breach went out. */
    SHORT,
    /** A shortfall that late facts disproved: its retraction went out, and it stays retracted. */
    RETRACTED
}
