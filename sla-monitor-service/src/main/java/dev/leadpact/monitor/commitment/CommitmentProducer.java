package dev.leadpact.monitor.commitment;

import dev.leadpact.policy.SlaSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Resolves the commitment once at start-up: a bad setting stops the service from starting. */
public class CommitmentProducer {
    @Produces
    @Singleton
    MarketingCommitment commitment(CommitmentSettings settings, SlaSettings sla) {
        return new MarketingCommitment(settings, sla);
    }
}
