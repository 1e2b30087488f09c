package dev.leadpact.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartupCatchUpTest {

    @Test
    void deferredWorkWaitsForTheScannerToCatchUp() {
        StartupCatchUp catchUp = new StartupCatchUp(true, Duration.ofHours(1));
        AtomicInteger ran = new AtomicInteger();
        catchUp.afterwards(ran::incrementAndGet);
        assertThat(ran).as("nothing runs while timers may still be overdue").hasValue(0);

        catchUp.caughtUp();
        assertThat(ran).hasValue(1);
        catchUp.caughtUp();
        assertThat(ran).as("saying so again runs nothing twice").hasValue(1);

        catchUp.afterwards(ran::incrementAndGet);
        assertThat(ran).as("work deferred after the catch-up runs at once").hasValue(2);
    }

    @Test
    void withoutAScannerNothingWaits() {
        StartupCatchUp catchUp = new StartupCatchUp(false, Duration.ofHours(1));
        AtomicInteger ran = new AtomicInteger();
        catchUp.afterwards(ran::incrementAndGet);
        assertThat(ran).hasValue(1);
    }

    @Test
    void aScannerThatNeverCatchesUpStillLetsTheWorkRunAfterTheLongestWait() throws InterruptedException {
        StartupCatchUp catchUp = new StartupCatchUp(true, Duration.ofMillis(200));
        CountDownLatch ran = new CountDownLatch(1);
        long started = System.nanoTime();
        catchUp.afterwards(ran::countDown);
        assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
