package dev.leadpact.monitor.rules;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies in force ({@link #current()}) and every earlier version still pinned to a stage
 * episode. An episode is governed by the version in force when its conversion arrived, unless a
 * later version that reaches open episodes moved it ({@link SlaEngine#replan}).
 */
public final class PolicyVersions {
    private final PolicyBook current;
    private final Map<String, SlaPolicy> recorded;
    private final boolean pinned;

    private PolicyVersions(PolicyBook current, Map<String, SlaPolicy> recorded, boolean pinned) {
        this.current = current;
        this.recorded = recorded;
        this.pinned = pinned;
    }

    /** The current book and the versions recorded before it. */
    public static PolicyVersions of(PolicyBook current, Collection<SlaPolicy> recorded) {
        Map<String, SlaPolicy> byVersion = new HashMap<>();
        recorded.forEach(p -> byVersion.put(p.versionedId(), p));
        current.all().forEach(p -> byVersion.put(p.versionedId(), p));
        return new PolicyVersions(current, Map.copyOf(byVersion), true);
    }

    /** One book that governs every episode whatever its pinned version: a what-if's proposal. */
    public static PolicyVersions only(PolicyBook book) {
        return new PolicyVersions(book, Map.of(), false);
    }

    public PolicyBook current() {
        return current;
    }

    /**
     * The policy of a source, segment and stage at {@code version}; the current one when no version
     * is pinned (state stored before versions were pinned) or the version is not recorded.
     */
    public SlaPolicy of(String source, Segment segment, Stage stage, Integer version) {
        SlaPolicy now = current.of(source, segment, stage);
        if (!pinned || version == null || version == now.version()) {
            return now;
        }
        return recorded.getOrDefault(SlaPolicy.idOf(now.source(), segment, stage) + "@" + version, now);
    }

    /** Every recorded version, current ones included. */
    public List<SlaPolicy> all() {
        return new ArrayList<>(recorded.isEmpty() ? current.all() : recorded.values());
    }
}
