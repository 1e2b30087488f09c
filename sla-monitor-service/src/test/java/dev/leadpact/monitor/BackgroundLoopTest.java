package dev.leadpact.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackgroundLoopTest {

    @Test
    void runsStepAfterStepAndGoesOnAfterAFailure() {
        AtomicInteger steps = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop(
                "test-loop",
                "A test step failed",
                () -> {
                    if (steps.incrementAndGet() == 2) {
                        throw new IllegalStateException("the database is away");
                    }
                    return Duration.ZERO;
                },
                Duration.ofMillis(10));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> steps.get() > 5);
            assertThat(loop.running()).isTrue();
        } finally {
            loop.stop();
        }
        assertThat(loop.running()).isFalse();
    }

    @Test
    void aStopInterruptsThePauseAndNoStepRunsAfterIt() {
        AtomicInteger steps = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop(
                "test-loop",
                "A test step failed",
                () -> {
                    steps.incrementAndGet();
                    return Duration.ofHours(1);
                },
                Duration.ofMillis(10));
        loop.start();
        loop.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> steps.get() == 1);

        long before = System.nanoTime();
        loop.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(steps.get())
                .as("start is idempotent, and a paused loop runs nothing more")
                .isEqualTo(1);
    }

    @Test
    void aWakeEndsThePauseAndAWakeDuringAStepIsNotLost() throws InterruptedException {
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch inSecondStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BackgroundLoop loop = new BackgroundLoop(
                "test-loop",
                "A test step failed",
                () -> {
                    if (steps.incrementAndGet() == 2) {
                        inSecondStep.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Duration.ofHours(1);
                },
                Duration.ofMillis(10));
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> steps.get() == 1);
            loop.wake();
            assertThat(inSecondStep.await(5, TimeUnit.SECONDS))
                    .as("a wake ends an hour's pause")
                    .isTrue();
            // new work arrives while the step runs: the pause after it ends at once
            loop.wake();
            loop.wake();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> steps.get() == 3);
            Thread.sleep(200);
            assertThat(steps.get())
                    .as("two wakes in one step give one more step")
                    .isEqualTo(3);
        } finally {
            loop.stop();
        }
    }
}
