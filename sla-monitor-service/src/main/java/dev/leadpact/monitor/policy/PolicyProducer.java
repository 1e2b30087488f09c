package dev.leadpact.monitor.policy;

import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the policies once at start-up: a broken policy stops the service from starting. */
public class PolicyProducer {
    @Produces
    @Singleton
    PolicyBook policyBook(SlaSettings settings) {
        return PolicyBook.from(settings);
    }

    @Produces
    @Singleton
    SlaEngine engine(PolicyBook policies) {
        return new SlaEngine(policies);
    }
}
