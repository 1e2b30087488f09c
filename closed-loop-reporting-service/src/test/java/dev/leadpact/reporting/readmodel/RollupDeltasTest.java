package dev.leadpact.reporting.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.Segment;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.CreditRow;
import dev.leadpact.reporting.lead.DealSummary;
import dev.leadpact.reporting.lead.LeadSummary;
import dev.leadpact.reporting.readmodel.RollupDeltas.LeadCount;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a change of read-model rows adds to and takes from the rollups. */
class RollupDeltasTest {

    private static Instant at(String time) {
        return Instant.parse("2026-11-10T" + time + "Z");
    }

    private static LeadSummary sql(String sqlAt, boolean inTime) {
        return new LeadSummary(
                "l",
                at("08:00:00"),
                new LeadSummary.Qualified(at("08:00:00"), Segment.MID, null, null, null),
                new LeadSummary.Qualified(at(sqlAt), Segment.MID, null, 60L, 60L),
                inTime,
                false,
                at("09:20:00"),
                null,
                null,
                null,
                false,
                "rep",
                null);
    }

    private static String slots(RollupDeltas deltas) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Instant, long[]> slot : deltas.leadSlots()) {
            for (LeadCount c : LeadCount.values()) {
                long n = slot.getValue()[c.ordinal()];
                if (n != 0) {
                    out.add(slot.getKey() + " " + c.column() + " " + n);
                }
            }
        }
        return String.join(", ", out);
    }

    @Test
    void slotsAreQuartersOfAnHourFromTheEpoch() {
        assertThat(RollupDeltas.slotOf(at("09:14:59.999"))).isEqualTo(at("09:00:00"));
        assertThat(RollupDeltas.slotOf(at("09:15:00"))).isEqualTo(at("09:15:00"));
        assertThat(RollupDeltas.slotOf(Instant.parse("1969-12-31T23:59:59Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:45:00Z"));
    }

    @Test
    void aNewLeadCountsEachMilestoneInTheSlotItHappenedIn() {
        RollupDeltas deltas = new RollupDeltas();
        deltas.lead(LeadSummary.empty("l"), -1);
        deltas.lead(sql("08:40:00", true), 1);
        assertThat(slots(deltas))
                .isEqualTo("2026-11-10T08:00:00Z leads 1, 2026-11-10T08:00:00Z mqls 1,"
                        + " 2026-11-10T08:30:00Z sqls 1, 2026-11-10T08:30:00Z sqls_in_time 1,"
                        + " 2026-11-10T09:15:00Z contacted 1");
    }

    @Test
    void aLateEventMovesOnlyWhatChanged() {
        // a late SQL touch moved the lead's SQL from 08:40 to 09:05, and the breach it had stands now
        RollupDeltas deltas = new RollupDeltas();
        deltas.lead(sql("08:40:00", true), -1);
        deltas.lead(sql("09:05:00", false), 1);
        assertThat(slots(deltas))
                .isEqualTo("2026-11-10T08:30:00Z sqls -1, 2026-11-10T08:30:00Z sqls_in_time -1,"
                        + " 2026-11-10T09:00:00Z sqls 1");
        RollupDeltas same = new RollupDeltas();
        same.lead(sql("08:40:00", true), -1);
        same.lead(sql("08:40:00", true), 1);
        assertThat(same.leadSlots()).isEmpty();
    }

    @Test
    void aDealCountsByCloseAndCurrencyAndItsRevenueIfWon() {
        RollupDeltas deltas = new RollupDeltas();
        deltas.deal(
                new DealSummary("d1", "l", DealOutcome.WON, new BigDecimal("1000.00"), "EUR", at("10:20:00"), true), 1);
        deltas.deal(
                new DealSummary("d2", "l", DealOutcome.WON, new BigDecimal("500.00"), "EUR", at("10:25:00"), false), 1);
        deltas.deal(
                new DealSummary("d3", "l", DealOutcome.LOST, new BigDecimal("9.00"), null, at("10:25:00"), true), 1);
        assertThat(deltas.dealRows())
                .extracting(e -> e.getKey().slot() + " " + e.getKey().currency() + " "
                        + e.getValue().won() + " "
                        + e.getValue().lost() + " " + e.getValue().wonRevenue() + " "
                        + e.getValue().marketingRevenue())
                .containsExactly("2026-11-10T10:15:00Z  0 1 0 0", "2026-11-10T10:15:00Z EUR 2 0 1500.00 1000.00");
        // taking the first deal out again leaves the second
        deltas.deal(
                new DealSummary("d1", "l", DealOutcome.WON, new BigDecimal("1000.00"), "EUR", at("10:20:00"), true),
                -1);
        assertThat(deltas.dealRows())
                .extracting(e -> e.getKey().currency() + " " + e.getValue().won() + " "
                        + e.getValue().wonRevenue() + " " + e.getValue().marketingRevenue())
                .containsExactly(" 0 0 0", "EUR 1 500.00 0.00");
    }

    private static CreditRow row(int seq, String channel, String campaign, String weight, String credit) {
        int models = AttributionModel.values().length;
        return new CreditRow(
                "d",
                seq,
                "l",
                at("10:20:00"),
                "EUR",
                new BigDecimal("900.00"),
                "t" + seq,
                at("09:00:00"),
                channel,
                campaign,
                null,
                null,
                null,
                null,
                null,
                Collections.nCopies(models, new BigDecimal(weight)),
                Collections.nCopies(models, new BigDecimal(credit)));
    }

    @Test
    void creditsAddUpPerDimensionValueAndADealCountsOncePerGroup() {
        RollupDeltas deltas = new RollupDeltas();
        // two touches on paid search (one without a campaign), one on email with no credit
        deltas.credits(
                List.of(
                        row(0, "paid-search", "q4", "0.500000", "450.00"),
                        row(1, "paid-search", null, "0.500000", "450.00"),
                        row(2, "email", null, "0.000000", "0.00")),
                1);
        List<String> channel = deltas.attributionRows().stream()
                .filter(e -> e.getKey().dimension().equals("channel"))
                .map(e -> e.getKey().groupValue() + " lines " + e.getValue().lines() + " revenue "
                        + e.getValue().revenue(AttributionModel.LINEAR) + " weight "
                        + e.getValue().weight(AttributionModel.LINEAR) + " deals "
                        + e.getValue().deals(AttributionModel.LINEAR))
                .toList();
        assertThat(channel)
                .containsExactly(
                        "email lines 1 revenue 0.00 weight 0.000000 deals 0",
                        "paid-search lines 2 revenue 900.00 weight 1.000000 deals 1");
        assertThat(deltas.attributionRows().stream()
                        .filter(e -> e.getKey().dimension().equals("campaign"))
                        .map(e -> e.getKey().groupValue() + " " + e.getValue().revenue(AttributionModel.U_SHAPED)))
                .containsExactly("(none) 450.00", "q4 450.00");
        assertThat(deltas.attributionRows())
                .allSatisfy(e -> assertThat(e.getKey().slot()).isEqualTo(at("10:15:00")))
                .allSatisfy(e -> assertThat(e.getKey().currency()).isEqualTo("EUR"));
    }

    @Test
    void replacingADealsCreditsByTheSameCancelsOut() {
        List<CreditRow> rows = List.of(row(0, "paid-search", "q4", "1.000000", "900.00"));
        RollupDeltas deltas = new RollupDeltas();
        deltas.credits(rows, -1);
        deltas.credits(rows, 1);
        assertThat(deltas.attributionRows()).isEmpty();
    }
}
