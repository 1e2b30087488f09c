package dev.leadpact.reporting.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseTimesTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(ResponseTimes.median(List.of())).isNull();
        assertThat(ResponseTimes.median(List.of(60L))).isEqualTo(60L);
        assertThat(ResponseTimes.median(List.of(60L, 120L, 7200L))).isEqualTo(120L);
        // mean of the middle two, rounded down
        assertThat(ResponseTimes.median(List.of(60L, 121L, 200L, 7200L))).isEqualTo(160L);
    }

    @Test
    void nearestRankPercentile() {
        List<Long> ten = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(ResponseTimes.percentile(ten, 90)).isEqualTo(9L);
        assertThat(ResponseTimes.percentile(ten, 100)).isEqualTo(10L);
        assertThat(ResponseTimes.percentile(List.of(1800L, 2400L), 90)).isEqualTo(2400L);
        assertThat(ResponseTimes.percentile(List.of(42L), 90)).isEqualTo(42L);
        assertThat(ResponseTimes.percentile(List.of(), 90)).isNull();
    }
}
