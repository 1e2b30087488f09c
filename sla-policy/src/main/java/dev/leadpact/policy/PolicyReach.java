package dev.leadpact.policy;

/**
 * Which stage episodes a policy version governs. The version in force when an episode starts is
 * pinned to it, as case-management systems pin entitlements; a new version reaches episodes
 * already running only when it says so.
 */
public enum PolicyReach {
    /** Episodes that start after the version came into force (the default). */
    NEW_EPISODES,
    /**
     * Also the commitments of running episodes that are still undecided (not yet met, cancelled
     * or breached): their timers move to the new deadlines when the monitor starts with it.
     */
    OPEN_EPISODES
}
