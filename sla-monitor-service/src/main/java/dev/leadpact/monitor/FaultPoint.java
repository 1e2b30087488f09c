package dev.leadpact.monitor;

import org.jboss.logging.Logger;

/**
 * The steps of the timer cycle at which the fault suite stops the monitor ({@link
 * MonitorSettings#faultHaltAt}): due timers claimed but no state changed, the state and the outbox
 * committed but nothing published, published and acknowledged but not yet marked published. The
 * process halts there with {@link Runtime#halt}: no shutdown hook runs, the open transaction is never
 * committed, and the operating system closes its connections, as after SIGKILL.
 */
public enum FaultPoint {
    /** In the scanner's transaction: due timers are claimed and evaluated, nothing is written. */
    BEFORE_STATE_CHANGE,
    /** In the relay: unpublished outbox rows are read, nothing is sent. */
    BEFORE_PUBLISH,
    /** In the relay: the broker acknowledged the rows, which are not yet marked published. */
    AFTER_PUBLISH;

    /** The exit status of a halt, so that a test tells it from any other exit. */
    public static final int HALT_STATUS = 86;

    private static final Logger LOG = Logger.getLogger(FaultPoint.class);

    /** Halts the process if the settings name this point. */
    public void reached(MonitorSettings settings) {
        if (settings.faultHaltAt().filter(this::equals).isPresent()) {
            LOG.errorf("Halting at fault point %s (leadpact.monitor.fault-halt-at)", this);
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
