package dev.leadpact.events;

/** Lead stage along the buying journey. Declaration order is rank: a lead's stage only rises. */
public enum Stage {
    /** Information qualified (awareness): neutral content only, never a sales call. */
    IQL,
    /** Marketing qualified (consideration): looks for a concrete solution. */
    MQL,
    /** Sales qualified (decision): sales takes over. */
    SQL;

    public boolean isAtLeast(Stage other) {
        return compareTo(other) >= 0;
    }
}
