package dev.leadpact.reporting.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResponseBucketsTest {

    private static List<Optional<Long>> times(Long... seconds) {
        return Stream.of(seconds).map(Optional::ofNullable).toList();
    }

    private static List<String> summary(List<SpeedBucketRow> rows) {
        return rows.stream()
                .map(r -> r.bucket() + "|" + r.minSeconds() + "|" + r.maxSeconds() + "|" + r.leads() + "|" + r.share()
                        + "|" + r.withinDeadline())
                .toList();
    }

    @Test
    void edgesAreInclusiveAboveAndTheDeadlineIsWithin() {
        // 300 is the last second of the first bucket, 301 the first of the next; 3600 is the deadline
        List<SpeedBucketRow> rows = ResponseBuckets.of(times(0L, 300L, 301L, 3600L, 3601L, 86_401L, null, null), 3600);
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
        List<SpeedBucketRow> rows = ResponseBuckets.of(times(120L, 121L), 120);
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
        assertThat(ResponseBuckets.of(List.of(), 3600))
                .allSatisfy(r -> {
                    assertThat(r.leads()).isZero();
                    assertThat(r.share()).isNull();
                })
                .hasSize(8);
    }

    @Test
    void durationsAreExact() {
        assertThat(ResponseBuckets.duration(0)).isEqualTo("0 s");
        assertThat(ResponseBuckets.duration(2400)).isEqualTo("40 min");
        assertThat(ResponseBuckets.duration(5400)).isEqualTo("1 h 30 min");
        assertThat(ResponseBuckets.duration(90_061)).isEqualTo("1 d 1 h 1 min 1 s");
    }
}
