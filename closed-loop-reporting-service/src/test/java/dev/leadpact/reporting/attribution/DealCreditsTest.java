package dev.leadpact.reporting.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.Touchpoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A won deal's credit rows hold every model's split, the touch's dimensions, and sum to the amount. */
class DealCreditsTest {
    private static final DealCredits CREDITS = new DealCredits(new AttributionCalculator(Duration.ofDays(7)));

    private static Deal deal(DealOutcome outcome) {
        Deal d = new Deal();
        d.dealId = "d";
        d.leadId = "l";
        d.outcome = outcome;
        d.amount = new BigDecimal("1000.00");
        d.currency = "EUR";
        d.closedAt = Instant.parse("2026-11-20T12:00:00Z");
        return d;
    }

    private static Touchpoint touch(String id, String at, Stage stage, String channel) {
        Touchpoint t = new Touchpoint();
        t.eventId = id;
        t.leadId = "l";
        t.occurredAt = Instant.parse(at);
        t.stage = stage;
        t.channel = channel;
        t.utmCampaign = "c-" + id;
        return t;
    }

    @Test
    void everyModelInOneRowPerTouchBeforeTheClose() {
        List<CreditRow> rows = CREDITS.of(
                deal(DealOutcome.WON),
                List.of(
                        touch("a", "2026-11-02T09:00:00Z", Stage.IQL, "organic-search"),
                        touch("b", "2026-11-05T10:00:00Z", Stage.MQL, "paid-social"),
                        touch("c", "2026-11-09T10:00:00Z", Stage.SQL, "paid-search"),
                        touch("late", "2026-11-25T08:00:00Z", Stage.SQL, "email")));
        assertThat(rows).extracting(CreditRow::touchEventId).containsExactly("a", "b", "c");
        assertThat(rows).extracting(CreditRow::seq).containsExactly(0, 1, 2);
        assertThat(rows).extracting(CreditRow::channel).containsExactly("organic-search", "paid-social", "paid-search");
        assertThat(rows)
                .extracting(r -> r.credit(AttributionModel.FIRST_TOUCH).toPlainString())
                .containsExactly("1000.00", "0.00", "0.00");
        assertThat(rows)
                .extracting(r -> r.credit(AttributionModel.U_SHAPED).toPlainString())
                .containsExactly("400.00", "200.00", "400.00");
        assertThat(rows)
                .extracting(r -> r.weight(AttributionModel.W_SHAPED).toPlainString())
                .containsExactly("0.333333", "0.333333", "0.333333");
        for (AttributionModel model : AttributionModel.values()) {
            assertThat(rows.stream().map(r -> r.credit(model)).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .as(model.id())
                    .isEqualByComparingTo("1000.00");
        }
        // what the credit export shows under one model
        CreditLine line = rows.get(2).line(AttributionModel.LAST_TOUCH);
        assertThat(line.model()).isEqualTo("last-touch");
        assertThat(line.credit()).isEqualByComparingTo("1000.00");
        assertThat(line.campaign()).isEqualTo("c-c");
    }

    @Test
    void aDealWithoutTouchesHasOneRowWithTheWholeAmountAndALostDealNone() {
        List<CreditRow> rows = CREDITS.of(deal(DealOutcome.WON), List.of());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).touchEventId()).isNull();
        assertThat(AttributionDimension.CHANNEL.valueOf(rows.get(0))).isEqualTo(AttributionDimension.UNATTRIBUTED);
        for (AttributionModel model : AttributionModel.values()) {
            assertThat(rows.get(0).weight(model).toPlainString()).isEqualTo("1.000000");
            assertThat(rows.get(0).credit(model).toPlainString()).isEqualTo("1000.00");
        }
        assertThat(CREDITS.of(deal(DealOutcome.LOST), List.of(touch("a", "2026-11-02T09:00:00Z", Stage.SQL, "x"))))
                .isEmpty();
    }
}
