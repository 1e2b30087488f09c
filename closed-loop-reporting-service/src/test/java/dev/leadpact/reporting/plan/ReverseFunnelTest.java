package dev.leadpact.reporting.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ReverseFunnelTest {

    @Test
    void theDesignExample() {
        // 5 customers <- 15 meetings <- 150 qualified leads
        assertThat(ReverseFunnel.needed(5, new BigDecimal("0.3333333333"))).isEqualTo(15L);
        assertThat(ReverseFunnel.needed(15, new BigDecimal("0.1"))).isEqualTo(150L);
        // a clearly lower rate needs one more meeting: 5 / 0.33 = 15.15
        assertThat(ReverseFunnel.needed(5, new BigDecimal("0.33"))).isEqualTo(16L);
    }

    @Test
    void roundsUpAndNeedsAKnownRate() {
        assertThat(ReverseFunnel.needed(5, new BigDecimal("0.25"))).isEqualTo(20L);
        assertThat(ReverseFunnel.needed(3, new BigDecimal("0.4"))).isEqualTo(8L); // 7.5 -> 8
        assertThat(ReverseFunnel.needed(5, null)).isNull();
        assertThat(ReverseFunnel.needed(5, BigDecimal.ZERO)).isNull();
    }

    @Test
    void theSeedExampleWithExactFractions() {
        // 5 customers at 1/3 -> 15 meetings at 1/10 -> 150 qualified leads per rep and month
        Long meetings = ReverseFunnel.neededAt(5, Rate.parse("1/3"));
        assertThat(meetings).isEqualTo(15L);
        assertThat(ReverseFunnel.neededAt(meetings, Rate.parse("1/10"))).isEqualTo(150L);
        // 2/7 of meetings close: 5 * 7 / 2 = 17.5 -> 18
        assertThat(ReverseFunnel.neededAt(5, Rate.parse(" 2 / 7 "))).isEqualTo(18L);
    }

    @Test
    void observedRatesAreExactFractionsOfTheCounts() {
        // 4 won of 12 meetings is exactly 1/3, 12 meetings of 120 qualified leads exactly 1/10
        Rate toCustomer = Rate.observed(4, 12);
        Rate toMeeting = Rate.observed(12, 120);
        assertThat(toCustomer.shown()).isEqualByComparingTo("0.3333");
        Long meetings = ReverseFunnel.neededAt(5, toCustomer);
        assertThat(meetings).isEqualTo(15L);
        assertThat(ReverseFunnel.neededAt(meetings, toMeeting)).isEqualTo(150L);
        // nothing observed: no rate, no plan
        assertThat(Rate.observed(3, 0)).isNull();
        assertThat(ReverseFunnel.neededAt(5, Rate.observed(0, 7))).isNull();
    }

    @Test
    void ratesParseAsDecimalsOrFractions() {
        assertThat(Rate.parse("0.1").shown()).isEqualByComparingTo("0.1");
        assertThat(Rate.parse("0.1").isPositiveAndAtMostOne()).isTrue();
        assertThat(Rate.parse("1/3").shown()).isEqualByComparingTo("0.3333");
        assertThat(Rate.parse("3/2").isPositiveAndAtMostOne()).isFalse();
        assertThat(Rate.parse("0/5").isPositiveAndAtMostOne()).isFalse();
        assertThat(Rate.parse("1/0")).isNull();
        assertThat(Rate.parse("-1/3")).isNull();
        assertThat(Rate.parse("a third")).isNull();
    }
}
