package dev.leadpact.monitor.policy;

import dev.leadpact.monitor.rules.PolicyVersions;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Builds the policies once at start-up: a broken policy stops the service from starting, and so
 * does a changed policy that kept its version ({@link PolicyStore#record}).
 */
public class PolicyProducer {
    @Produces
    @Singleton
    PolicyBook policyBook(SlaSettings settings) {
        return PolicyBook.from(settings);
    }

    @Produces
    @Singleton
    PolicyVersions versions(PolicyBook policies, PolicyStore store) {
        return store.record(policies);
    }

    @Produces
    @Singleton
    SlaEngine engine(PolicyVersions policies) {
        return new SlaEngine(policies);
    }
}
