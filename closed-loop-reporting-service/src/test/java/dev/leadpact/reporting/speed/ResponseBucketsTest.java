package dev.leadpact.reporting.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseBucketsTest {

    private static List<String> summary(List<SpeedBucketRow> rows) {
        return rows.stream()
                .map(r -> r.bucket() + "|" + r.minSeconds() + "|" + r.maxSeconds() + "|" + r.leads() + "|" + r.share()
                        + "|" + r.withinDeadline())
                .toList();
    }

    /** The bucket a response time falls in, as SQL's width_bucket(t, bound + 1) finds it. */
    private static long[] count(long deadline, long... seconds) {
        List<Long> bounds = ResponseBuckets.upperBounds(deadline);
        long[] counts = new long[bounds.size() + 1];
        for (long s : seconds) {
            int bucket = 0;
            while (bucket < bounds.size() && s > bounds.get(bucket)) {
                bucket++;
            }
            counts[bucket]++;
        }
        return counts;
    }

    @Test
    void edgesAreInclusiveAboveAndTheDeadlineIsWithin() {
        // 300 is the last second of the first bucket, 301 the first of the next; 3600 is the deadline
        List<SpeedBucketRow> rows = ResponseBuckets.rows(count(3600, 0, 300, 301, 3600, 3601, 86_401), 2, 3600);
        assertThat(summary(rows))
                .containsExactly(
                        "up to 5 min|0|300|2|0.2500|true",
                        "5 min to 15 min|301|900|1|0.1250|true",
                        "15 min to 30 min|901|1800|0|0.0000|true",
                        "30 min to 1 h|1801|3600|1|0.1250|true",
                        "1 h to 4 h|3601|14400|1|0.1250|false",
                        "4 h to 1 d|14401|86400|0|0.0000|false",
                        "over 1 d|86401|null|1|0.1250|false",
                        "not contacted|null|null|2|0.2500|false");
    }

    @Test
    void aDeadlineBetweenTheEdgesBecomesAnEdge() {
        // a two-minute demo deadline: no bucket is partly within it
        assertThat(ResponseBuckets.upperBounds(120)).containsExactly(120L, 300L, 900L, 1800L, 3600L, 14_400L, 86_400L);
        List<SpeedBucketRow> rows = ResponseBuckets.rows(count(120, 120, 121), 0, 120);
        assertThat(summary(rows).subList(0, 3))
                .containsExactly(
                        "up to 2 min|0|120|1|0.5000|true",
                        "2 min to 5 min|121|300|1|0.5000|false",
                        "5 min to 15 min|301|900|0|0.0000|false");
        assertThat(rows).hasSize(9);
        assertThat(rows.stream().mapToLong(SpeedBucketRow::leads).sum()).isEqualTo(2);
    }

    @Test
    void noLeadsGiveEmptySharesNotZeroes() {
        assertThat(ResponseBuckets.rows(count(3600), 0, 3600))
                .allSatisfy(r -> {
                    assertThat(r.leads()).isZero();
                    assertThat(r.share()).isNull();
                })
                .hasSize(8);
        assertThatThrownBy(() -> ResponseBuckets.rows(new long[2], 0, 3600))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durationsAreExact() {
        assertThat(ResponseBuckets.duration(0)).isEqualTo("0 s");
        assertThat(ResponseBuckets.duration(2400)).isEqualTo("40 min");
        assertThat(ResponseBuckets.duration(5400)).isEqualTo("1 h 30 min");
        assertThat(ResponseBuckets.duration(90_061)).isEqualTo("1 d 1 h 1 min 1 s");
    }
}
