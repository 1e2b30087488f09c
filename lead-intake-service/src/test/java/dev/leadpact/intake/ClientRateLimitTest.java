package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClientRateLimitTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theRequestsOfAWindowPassAndTheNextWaitsForTheWindowToTurn() {
        HandClock clock = new HandClock();
        ClientRateLimit limit = new ClientRateLimit(3, Duration.ofMinutes(1), 100, clock);
        clock.now = clock.now.plusSeconds(15);
        assertThat(limit.admit("10.0.0.1")).isZero();
        assertThat(limit.admit("10.0.0.1")).isZero();
        assertThat(limit.admit("10.0.0.1")).isZero();
        // 10:00:15: the window of 10:00 turns in 45 s
        assertThat(limit.admit("10.0.0.1")).isEqualTo(45);
        // another client has a count of its own
        assertThat(limit.admit("10.0.0.2")).isZero();
        clock.now = clock.now.plusMillis(44_500);
        assertThat(limit.admit("10.0.0.1")).isEqualTo(1);
        clock.now = clock.now.plusMillis(500);
        assertThat(limit.admit("10.0.0.1")).isZero();
    }

    @Test
    void pastTheTrackedClientsANewClientIsRefusedUntilTheWindowTurns() {
        HandClock clock = new HandClock();
        ClientRateLimit limit = new ClientRateLimit(10, Duration.ofSeconds(10), 2, clock);
        assertThat(limit.admit("a")).isZero();
        assertThat(limit.admit("b")).isZero();
        assertThat(limit.admit("c")).isEqualTo(10);
        assertThat(limit.admit("a")).isZero();
        clock.now = clock.now.plusSeconds(10);
        assertThat(limit.admit("c")).isZero();
    }

    @Test
    void aLimitOfNothingIsASettingMistake() {
        assertThatThrownBy(() -> new ClientRateLimit(0, Duration.ofMinutes(1), 10, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
