package dev.leadpact.events;

/** Kafka topic names. Versioned: a breaking change is a new topic, never an edit of an old one. */
public final class Topics {
    public static final String CONVERSIONS = "leads.conversions.v1";
    public static final String SALES_ACTIVITIES = "sales.activities.v1";
    public static final String DEALS_CLOSED = "deals.closed.v1";
    public static final String SLA_BREACHES = "sla.breaches.v1";
    /** Counts of marketing's pacing checkpoints ({@link CommitmentCheckpoint}), keyed by scope. */
    public static final String MARKETING_COMMITMENTS = "marketing.commitments.v1";

    /** Suffix of the dead-letter topic of each consumed topic: {@code <topic>.dlq}. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {}

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
