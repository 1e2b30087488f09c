package dev.leadpact.reporting.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitmentsTest {
    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    private static final LocalDate NOV_30 = LocalDate.of(2026, 11, 30);

    @Test
    void teamsMakeTheWholeCommitment() {
        Commitments c = new Commitments(150, Map.of("emea", 2, "na", 1), Map.of("MID", 1));
        assertThat(c.scopes()).containsExactly("all", "segment:MID", "team:emea", "team:na");
        assertThat(c.due("all", NOV_1, NOV_30)).isEqualTo(450);
        assertThat(c.due("team:emea", NOV_1, NOV_30)).isEqualTo(300);
        assertThat(c.due("segment:MID", NOV_1, NOV_30)).isEqualTo(150);
        // the week of 2-8 November: ceil(300 × 8 / 30) - ceil(300 × 1 / 30) = 80 - 10
        assertThat(c.due("team:emea", LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8)))
                .isEqualTo(70);
        assertThat(c.due("team:apac", NOV_1, NOV_30)).isNull();
    }

    @Test
    void segmentsWhenNoTeamIsConfiguredAndNothingWithoutReps() {
        assertThat(new Commitments(150, Map.of(), Map.of("SMALL", 1, "LARGE", 3)).due("all", NOV_1, NOV_30))
                .isEqualTo(600);
        Commitments none = new Commitments(150, Map.of(), Map.of());
        assertThat(none.scopes()).isEmpty();
        assertThat(none.due("all", NOV_1, NOV_30)).isNull();
    }

    @Test
    void verdicts() {
        assertThat(Verdicts.atLeast(new BigDecimal("5"), new BigDecimal("300"))).isFalse();
        assertThat(Verdicts.atLeast(new BigDecimal("1.0000"), new BigDecimal("1.0000")))
                .isTrue();
        assertThat(Verdicts.atMost(new BigDecimal("2400"), new BigDecimal("3600")))
                .isTrue();
        assertThat(Verdicts.atMost(new BigDecimal("1"), BigDecimal.ZERO)).isFalse();
        assertThat(Verdicts.atLeast(null, BigDecimal.ONE)).isNull();
        assertThat(Verdicts.atMost(BigDecimal.ONE, null)).isNull();
    }
}
