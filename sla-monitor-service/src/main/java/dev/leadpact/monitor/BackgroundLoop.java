package dev.leadpact.monitor;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One daemon thread that runs a step again and again until stopped: the shape of the timer scanner
 * and the outbox relay. Each step says how long to pause before the next (zero: go on at once, a
 * full batch came back). A step that fails is logged and retried after the backoff; a stop
 * interrupts the pause and waits for the step in flight, so its transaction commits or rolls back
 * before the service goes down. {@link #wake} ends the pause early: new work is there.
 */
public final class BackgroundLoop {
    private static final Logger LOG = Logger.getLogger(BackgroundLoop.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final String failure;
    private final Supplier<Duration> step;
    private final Duration backoff;
    /** A permit when work arrived since the last pause began; more wakes add none. */
    private final Semaphore wakeups = new Semaphore(0);

    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param name the thread's name
     * @param failure what the log says when a step fails
     * @param step one round of work; returns the pause before the next
     * @param backoff the pause after a failed step
     */
    public BackgroundLoop(String name, String failure, Supplier<Duration> step, Duration backoff) {
        this.name = name;
        this.failure = failure;
        this.step = step;
        this.backoff = backoff;
    }

    /** Starts the thread; a loop already running is left alone. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread and waits (a while) for the step in flight. */
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    public boolean running() {
        return running;
    }

    /**
     * Ends the current pause, or the next one if a step is running, so the next step starts at once.
     * Cheap, and safe from any thread.
     */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void loop() {
        while (running) {
            Duration pause;
            try {
                pause = step.get();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf(e, "%s; retrying", failure);
                pause = backoff;
            }
            if (!pause.isZero() && !pause.isNegative() && !sleep(pause)) {
                return;
            }
        }
    }

    private boolean sleep(Duration pause) {
        try {
            wakeups.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
            wakeups.drainPermits();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
