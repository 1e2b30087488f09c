package dev.leadpact.events;

/**
 * Values of the {@code ce_type} header. Records travel as JSON in CloudEvents binary mode: the value
 * is the event, the headers {@code ce_id} (= {@code eventId}), {@code ce_type}, {@code ce_source},
 * {@code ce_time} (= {@code occurredAt}) and {@code ce_specversion} describe it.
 */
public final class CloudEventTypes {
    public static final String SPEC_VERSION = "1.0";

    public static final String CONVERSION = "dev.leadpact.conversion.v1";
    public static final String CONTACT_ATTEMPT = "dev.leadpact.contact-attempt.v1";
    public static final String LEAD_STATUS_CHANGED = "dev.leadpact.lead-status-changed.v1";
    public static final String OWNER_ASSIGNED = "dev.leadpact.owner-assigned.v1";
    public static final String DEAL_CLOSED = "dev.leadpact.deal-closed.v1";
    public static final String LEAD_ERASED = "dev.leadpact.lead-erased.v1";
    public static final String COMMITMENT_CHECKPOINT = "dev.leadpact.commitment-checkpoint.v1";

    /** SLA events: {@code dev.leadpact.sla.<kind>.v1}, kind in lower case (warning, breach, ...). */
    public static final String SLA_PREFIX = "dev.leadpact.sla.";

    private CloudEventTypes() {}

    public static String of(SlaEventKind kind) {
        return SLA_PREFIX + kind.name().toLowerCase(java.util.Locale.ROOT) + ".v1";
    }

    public static String of(SalesActivity activity) {
        if (activity instanceof ContactAttempt) {
            return CONTACT_ATTEMPT;
        }
        if (activity instanceof LeadStatusChanged) {
            return LEAD_STATUS_CHANGED;
        }
        return OWNER_ASSIGNED;
    }
}
