package dev.leadpact.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Kafka topic names. Versioned: a breaking change is a new topic, never an edit of an old one. */
public final class Topics {
    public static final String CONVERSIONS = "leads.conversions.v1";
    public static final String SALES_ACTIVITIES = "sales.activities.v1";
    public static final String DEALS_CLOSED = "deals.closed.v1";
    public static final String SLA_BREACHES = "sla.breaches.v1";
    /** Counts of marketing's pacing checkpoints ({@link CommitmentCheckpoint}), keyed by scope. */
    public static final String MARKETING_COMMITMENTS = "marketing.commitments.v1";
    /** Erasure requests ({@link LeadErased}), keyed by lead id; kept, compacted, as the record of them. */
    public static final String LEAD_ERASURES = "leads.erasures.v1";

    /** Suffix of the dead-letter topic of each consumed topic: {@code <topic>.dlq}. */
    public static final String DLQ_SUFFIX = ".dlq";

    /**
     * How long a record with personal data stays on {@link #CONVERSIONS} (email, name, phone, job
     * title, company, the pages it came from), {@link #SALES_ACTIVITIES} (the CRM's free-text notes
     * and reasons) and their dead-letter topics: erasing a lead's personal data from the services'
     * stores is immediate, from these topics it takes this retention plus one segment ({@link
     * #SEGMENT}), within GDPR's one month.
     */
    public static final Duration PERSONAL_DATA_RETENTION = Duration.ofDays(28);

    /** The segment roll time of the topics with personal data: retention deletes whole segments. */
    public static final Duration SEGMENT = Duration.ofDays(1);

    /** The lead topics, then the two topics of the monitor; each has a {@code <topic>.dlq}. */
    public static final List<String> ALL =
            List.of(CONVERSIONS, SALES_ACTIVITIES, DEALS_CLOSED, LEAD_ERASURES, SLA_BREACHES, MARKETING_COMMITMENTS);

    private static final List<String> PERSONAL_DATA =
            List.of(CONVERSIONS, deadLetterOf(CONVERSIONS), SALES_ACTIVITIES, deadLetterOf(SALES_ACTIVITIES));

    private Topics() {}

    /**
     * The topic settings LeadPact relies on, for whoever creates the topics: the retention of
     * personal data ({@link #PERSONAL_DATA_RETENTION}), and compaction of {@link
     * #LEAD_ERASURES}, which is kept as the record of every erasure (one per lead, no personal data).
     * Other topics take the broker's defaults.
     */
    public static Map<String, String> settingsOf(String topic) {
        if (PERSONAL_DATA.contains(topic)) {
            return Map.of(
                    "retention.ms", String.valueOf(PERSONAL_DATA_RETENTION.toMillis()),
                    "segment.ms", String.valueOf(SEGMENT.toMillis()));
        }
        if (topic.equals(LEAD_ERASURES)) {
            return Map.of("cleanup.policy", "compact");
        }
        return Map.of();
    }

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
