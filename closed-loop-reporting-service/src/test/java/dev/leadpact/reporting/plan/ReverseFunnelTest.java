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
}
