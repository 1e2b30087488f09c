package dev.leadpact.reporting.lead;

import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Business time as the monitor's deadlines run: open time in the calendar of the lead's SLA policy
 * for its segment and stage, from the same {@code leadpact.sla.*} settings and defaults (module
 * sla-policy). A broken policy stops the service from starting, as it stops the monitor.
 */
public class PolicyBusinessTime {

    @Produces
    @Singleton
    BusinessTime businessTime(SlaSettings settings) {
        PolicyBook policies = PolicyBook.from(settings);
        return (segment, stage, from, to) -> segment == null
                ? null
                : policies.of(segment, stage)
                        .calendar()
                        .openTimeBetween(from, to)
                        .toSeconds();
    }
}
