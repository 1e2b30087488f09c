package dev.leadpact.reporting.attribution;

import dev.leadpact.events.Stage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a deal's amount over the touches that came before its close. Pure arithmetic: no I/O, so
 * reports can recompute it at query time and late touches or deals need no stored state.
 *
 * <p>Position-based models (U, W, full path) give each anchor its fixed share, spread the rest equally
 * over the touches that are no anchor, and then normalise to 100 %. So an anchor that falls on the
 * same touch as another accumulates both shares, a missing anchor (no MQL touch, say) drops out, and
 * with no touch left to spread over the spread share goes to the anchors in proportion. One touch
 * always gets everything; two touches under U-shaped get half each.
 *
 * <p>Rounding: each credit is rounded half-even to the deal's money scale (at least cents); the
 * remainder (a few cents at most) goes to the latest touch with a non-zero weight, so the credits of
 * one deal sum exactly to its amount.
 */
public final class AttributionCalculator {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal U_ANCHOR = new BigDecimal("0.40");
    private static final BigDecimal U_SPREAD = new BigDecimal("0.20");
    private static final BigDecimal W_ANCHOR = new BigDecimal("0.30");
    private static final BigDecimal FULL_PATH_ANCHOR = new BigDecimal("0.225");
    private static final BigDecimal SPREAD = new BigDecimal("0.10");

    private final Duration halfLife;

    public AttributionCalculator(Duration halfLife) {
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("half-life must be positive");
        }
        this.halfLife = halfLife;
    }

    /** The touches that count for a deal closed at {@code closedAt}: at or before it, in time order. */
    public static List<Touch> eligible(List<Touch> touches, Instant closedAt) {
        return touches.stream()
                .filter(t -> !t.occurredAt().isAfter(closedAt))
                .sorted(Touch.CHRONOLOGICAL)
                .toList();
    }

    /**
     * Credits of one deal, in time order of the touches; empty when no touch came before the close
     * (the deal is then unattributed until its touches arrive).
     */
    public List<Credit> attribute(AttributionModel model, BigDecimal amount, Instant closedAt, List<Touch> touches) {
        List<Touch> path = eligible(touches, closedAt);
        if (path.isEmpty()) {
            return List.of();
        }
        BigDecimal[] weights = normalise(rawWeights(model, path, closedAt));
        return split(amount == null ? BigDecimal.ZERO : amount, path, weights);
    }

    BigDecimal[] rawWeights(AttributionModel model, List<Touch> path, Instant closedAt) {
        int n = path.size();
        BigDecimal[] w = zeros(n);
        switch (model) {
            case FIRST_TOUCH -> w[0] = BigDecimal.ONE;
            case LAST_TOUCH -> w[n - 1] = BigDecimal.ONE;
            case LINEAR -> {
                for (int i = 0; i < n; i++) {
                    w[i] = BigDecimal.ONE;
                }
            }
            case U_SHAPED -> positionBased(w, new int[] {0, n - 1}, U_ANCHOR, U_SPREAD);
            case W_SHAPED ->
                positionBased(
                        w,
                        new int[] {0, firstAtLeast(path, Stage.MQL), firstAtLeast(path, Stage.SQL)},
                        W_ANCHOR,
                        SPREAD);
            case FULL_PATH ->
                positionBased(
                        w,
                        new int[] {0, firstAtLeast(path, Stage.MQL), firstAtLeast(path, Stage.SQL), n - 1},
                        FULL_PATH_ANCHOR,
                        SPREAD);
            case TIME_DECAY -> {
                double halfLifeSeconds = halfLife.toMillis() / 1000.0;
                for (int i = 0; i < n; i++) {
                    double ageSeconds =
                            Duration.between(path.get(i).occurredAt(), closedAt).toMillis() / 1000.0;
                    w[i] = new BigDecimal(Math.pow(2, -ageSeconds / halfLifeSeconds), MC);
                }
            }
        }
        return w;
    }

    /** Anchors at -1 are absent (the lead never reached that stage before the close). */
    private static void positionBased(BigDecimal[] w, int[] anchors, BigDecimal anchorShare, BigDecimal spread) {
        boolean[] isAnchor = new boolean[w.length];
        for (int a : anchors) {
            if (a >= 0) {
                w[a] = w[a].add(anchorShare);
                isAnchor[a] = true;
            }
        }
        int others = 0;
        for (boolean anchor : isAnchor) {
            others += anchor ? 0 : 1;
        }
        if (others == 0) {
            return;
        }
        BigDecimal each = spread.divide(BigDecimal.valueOf(others), MC);
        for (int i = 0; i < w.length; i++) {
            if (!isAnchor[i]) {
                w[i] = w[i].add(each);
            }
        }
    }

    private static int firstAtLeast(List<Touch> path, Stage stage) {
        for (int i = 0; i < path.size(); i++) {
            Stage s = path.get(i).stage();
            if (s != null && s.isAtLeast(stage)) {
                return i;
            }
        }
        return -1;
    }

    private static BigDecimal[] normalise(BigDecimal[] w) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal x : w) {
            sum = sum.add(x);
        }
        BigDecimal[] out = new BigDecimal[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i].divide(sum, MC);
        }
        return out;
    }

    private static List<Credit> split(BigDecimal amount, List<Touch> path, BigDecimal[] weights) {
        int scale = Math.max(2, amount.scale());
        BigDecimal[] credits = new BigDecimal[weights.length];
        BigDecimal assigned = BigDecimal.ZERO;
        int remainderTo = 0;
        for (int i = 0; i < weights.length; i++) {
            credits[i] = amount.multiply(weights[i], MC).setScale(scale, RoundingMode.HALF_EVEN);
            assigned = assigned.add(credits[i]);
            if (weights[i].signum() > 0) {
                remainderTo = i;
            }
        }
        credits[remainderTo] =
                credits[remainderTo].add(amount.subtract(assigned)).setScale(scale, RoundingMode.UNNECESSARY);
        List<Credit> result = new ArrayList<>(weights.length);
        for (int i = 0; i < weights.length; i++) {
            result.add(new Credit(path.get(i).touchId(), weights[i].setScale(6, RoundingMode.HALF_EVEN), credits[i]));
        }
        return result;
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] w = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            w[i] = BigDecimal.ZERO;
        }
        return w;
    }
}
