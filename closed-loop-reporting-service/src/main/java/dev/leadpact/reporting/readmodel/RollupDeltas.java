package dev.leadpact.reporting.readmodel;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.reporting.attribution.AttributionDimension;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.CreditRow;
import dev.leadpact.reporting.lead.DealSummary;
import dev.leadpact.reporting.lead.LeadSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a change of read-model rows does to the rollups: the old rows are added with sign -1, the new
 * ones with +1, and what does not cancel out is added to the rollup tables. The keys are kept sorted,
 * so every transaction updates rollup rows in the same order and two of them never deadlock.
 */
public final class RollupDeltas {

    /** Rollups count in slots of this many seconds (UTC); see {@link #slotOf}. */
    public static final long SLOT_SECONDS = 900;

    private static final int MODELS = AttributionModel.values().length;

    /** The counts of {@code lead_rollup}, in table order; the column is the name in lower case. */
    public enum LeadCount {
        LEADS,
        MQLS,
        SQLS,
        SQLS_IN_TIME,
        SQLS_FEEDBACK_IN_TIME,
        CONTACTED,
        CONNECTED,
        MEETINGS,
        GIVEN_UP,
        GIVEN_UP_WITH_MINIMUM;

        public String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A row of {@code deal_rollup}: {@code currency} is "" for deals without one. */
    public record DealKey(Instant slot, String currency) {}

    /** The sums of one {@code deal_rollup} row. */
    public static final class DealSums {
        long won;
        long lost;
        BigDecimal wonRevenue = BigDecimal.ZERO;
        BigDecimal marketingRevenue = BigDecimal.ZERO;

        public long won() {
            return won;
        }

        public long lost() {
            return lost;
        }

        public BigDecimal wonRevenue() {
            return wonRevenue;
        }

        public BigDecimal marketingRevenue() {
            return marketingRevenue;
        }

        boolean isZero() {
            return won == 0 && lost == 0 && wonRevenue.signum() == 0 && marketingRevenue.signum() == 0;
        }
    }

    /** A row of {@code attribution_rollup}. */
    public record AttributionKey(String dimension, Instant slot, String currency, String groupValue) {}

    /** The sums of one {@code attribution_rollup} row, per model in {@link AttributionModel} order. */
    public static final class AttributionSums {
        long lines;
        final BigDecimal[] revenue = zeros();
        final BigDecimal[] weight = zeros();
        final long[] deals = new long[MODELS];

        public long lines() {
            return lines;
        }

        public BigDecimal revenue(AttributionModel model) {
            return revenue[model.ordinal()];
        }

        public BigDecimal weight(AttributionModel model) {
            return weight[model.ordinal()];
        }

        public long deals(AttributionModel model) {
            return deals[model.ordinal()];
        }

        boolean isZero() {
            return lines == 0
                    && Arrays.stream(deals).allMatch(d -> d == 0)
                    && Arrays.stream(revenue).allMatch(r -> r.signum() == 0)
                    && Arrays.stream(weight).allMatch(w -> w.signum() == 0);
        }

        private static BigDecimal[] zeros() {
            BigDecimal[] z = new BigDecimal[MODELS];
            Arrays.fill(z, BigDecimal.ZERO);
            return z;
        }
    }

    private final TreeMap<Instant, long[]> leads = new TreeMap<>();
    private final TreeMap<DealKey, DealSums> deals =
            new TreeMap<>(Comparator.comparing(DealKey::slot).thenComparing(DealKey::currency));
    private final TreeMap<AttributionKey, AttributionSums> attribution =
            new TreeMap<>(Comparator.comparing(AttributionKey::dimension)
                    .thenComparing(AttributionKey::slot)
                    .thenComparing(AttributionKey::currency)
                    .thenComparing(AttributionKey::groupValue));

    /** The slot an instant falls in: its start, a multiple of {@link #SLOT_SECONDS} since the epoch. */
    public static Instant slotOf(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), SLOT_SECONDS) * SLOT_SECONDS);
    }

    /** Adds ({@code sign} 1) or removes (-1) what a lead's summary counts. */
    public void lead(LeadSummary s, int sign) {
        count(s.firstTouchAt(), LeadCount.LEADS, sign);
        if (s.mql() != null) {
            count(s.mql().at(), LeadCount.MQLS, sign);
        }
        if (s.sql() != null) {
            count(s.sql().at(), LeadCount.SQLS, sign);
            if (s.sqlContactedInTime()) {
                count(s.sql().at(), LeadCount.SQLS_IN_TIME, sign);
            }
            if (s.sqlFeedbackInTime()) {
                count(s.sql().at(), LeadCount.SQLS_FEEDBACK_IN_TIME, sign);
            }
        }
        count(s.firstAttemptAt(), LeadCount.CONTACTED, sign);
        count(s.firstConnectAt(), LeadCount.CONNECTED, sign);
        count(s.meetingAt(), LeadCount.MEETINGS, sign);
        count(s.givenUpAt(), LeadCount.GIVEN_UP, sign);
        if (s.givenUpAt() != null && s.givenUpWithMinimum()) {
            count(s.givenUpAt(), LeadCount.GIVEN_UP_WITH_MINIMUM, sign);
        }
    }

    private void count(Instant at, LeadCount count, int sign) {
        if (at != null) {
            leads.computeIfAbsent(slotOf(at), s -> new long[LeadCount.values().length])[count.ordinal()] += sign;
        }
    }

    /** Adds or removes a deal's close: won or lost, and a won deal's revenue. */
    public void deal(DealSummary d, int sign) {
        DealSums sums =
                deals.computeIfAbsent(new DealKey(slotOf(d.closedAt()), currency(d.currency())), k -> new DealSums());
        if (d.outcome() == DealOutcome.LOST) {
            sums.lost += sign;
            return;
        }
        sums.won += sign;
        BigDecimal amount = sign > 0 ? d.amount() : d.amount().negate();
        sums.wonRevenue = sums.wonRevenue.add(amount);
        if (d.marketingSourced()) {
            sums.marketingRevenue = sums.marketingRevenue.add(amount);
        }
    }

    /**
     * Adds or removes the credit rows of one won deal: per dimension and group value, the credits and
     * weights of each model, and the deal once where any of its rows in the group got credit.
     */
    public void credits(List<CreditRow> dealRows, int sign) {
        for (AttributionDimension dimension : AttributionDimension.values()) {
            Map<String, AttributionSums> byValue = new HashMap<>();
            for (CreditRow row : dealRows) {
                AttributionSums sums = byValue.computeIfAbsent(dimension.valueOf(row), v -> new AttributionSums());
                sums.lines++;
                for (AttributionModel model : AttributionModel.values()) {
                    int m = model.ordinal();
                    sums.revenue[m] = sums.revenue[m].add(row.credit(model));
                    sums.weight[m] = sums.weight[m].add(row.weight(model));
                    if (row.credit(model).signum() > 0) {
                        sums.deals[m] = 1;
                    }
                }
            }
            CreditRow first = dealRows.get(0);
            byValue.forEach((value, one) -> {
                AttributionSums into = attribution.computeIfAbsent(
                        new AttributionKey(dimension.id(), slotOf(first.closedAt()), currency(first.currency()), value),
                        k -> new AttributionSums());
                into.lines += sign * one.lines;
                for (int m = 0; m < MODELS; m++) {
                    BigDecimal revenue = sign > 0 ? one.revenue[m] : one.revenue[m].negate();
                    BigDecimal weight = sign > 0 ? one.weight[m] : one.weight[m].negate();
                    into.revenue[m] = into.revenue[m].add(revenue);
                    into.weight[m] = into.weight[m].add(weight);
                    into.deals[m] += sign * one.deals[m];
                }
            });
        }
    }

    private static String currency(String currency) {
        return Objects.requireNonNullElse(currency, "");
    }

    /** Lead counts that changed, by slot in time order, counts in {@link LeadCount} order. */
    public List<Map.Entry<Instant, long[]>> leadSlots() {
        return leads.entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(c -> c != 0))
                .toList();
    }

    /** Deal sums that changed, in key order. */
    public List<Map.Entry<DealKey, DealSums>> dealRows() {
        return deals.entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
    }

    /** Attribution sums that changed, in key order. */
    public List<Map.Entry<AttributionKey, AttributionSums>> attributionRows() {
        return attribution.entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .toList();
    }
}
