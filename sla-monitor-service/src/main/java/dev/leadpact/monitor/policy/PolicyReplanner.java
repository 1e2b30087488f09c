package dev.leadpact.monitor.policy;

import dev.leadpact.monitor.rules.PolicyVersions;
import dev.leadpact.monitor.tracking.SlaTracker;
import dev.leadpact.policy.SlaPolicy;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * On start-up, before the timer scanner runs: records the policy versions in force (a changed
 * policy that kept its version stops the start) and, for a new version that reaches open episodes
 * ({@code applies-to=OPEN_EPISODES}), moves the undecided commitments of every open lead to it, in
 * batches with progress in the log. A re-plan cut short by a stop is finished by the next start;
 * a lead already moved is not moved again.
 */
@ApplicationScoped
public class PolicyReplanner {
    private static final Logger LOG = Logger.getLogger(PolicyReplanner.class);
    private static final int BATCH = 500;

    private final PolicyVersions versions;
    private final PolicyStore store;
    private final SlaTracker tracker;

    PolicyReplanner(PolicyVersions versions, PolicyStore store, SlaTracker tracker) {
        this.versions = versions;
        this.store = store;
        this.tracker = tracker;
    }

    /** Before the scanner's start-up observer (default priority), so no timer fires under a stale plan. */
    void onStart(@Observes @Priority(1000) StartupEvent event) {
        replan();
    }

    /** @return how many commitments moved */
    public long replan() {
        List<SlaPolicy> policies = store.awaitingReplan(versions.current());
        if (policies.isEmpty()) {
            return 0;
        }
        String names = policies.stream().map(SlaPolicy::versionedId).collect(Collectors.joining(", "));
        LOG.infof("Re-planning open leads for %s (applies-to OPEN_EPISODES)", names);
        long started = System.nanoTime();
        String after = "";
        long leads = 0;
        long moved = 0;
        while (true) {
            SlaTracker.ReplanBatch batch = tracker.replan(policies, after, BATCH);
            if (batch.lastLeadId() == null) {
                break;
            }
            leads += batch.leads();
            moved += batch.moved();
            after = batch.lastLeadId();
            if (leads % (BATCH * 20L) == 0) {
                LOG.infof("Re-planning %s: %d open leads looked at, %d commitments moved", names, leads, moved);
            }
        }
        store.replanned(policies);
        LOG.infof(
                "Re-planned %s: %d open leads looked at, %d commitments moved, in %d ms",
                names, leads, moved, (System.nanoTime() - started) / 1_000_000);
        return moved;
    }
}
