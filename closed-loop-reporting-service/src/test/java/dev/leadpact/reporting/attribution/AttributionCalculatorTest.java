package dev.leadpact.reporting.attribution;

import static dev.leadpact.reporting.attribution.AttributionModel.FIRST_TOUCH;
import static dev.leadpact.reporting.attribution.AttributionModel.FULL_PATH;
import static dev.leadpact.reporting.attribution.AttributionModel.LAST_TOUCH;
import static dev.leadpact.reporting.attribution.AttributionModel.LINEAR;
import static dev.leadpact.reporting.attribution.AttributionModel.TIME_DECAY;
import static dev.leadpact.reporting.attribution.AttributionModel.U_SHAPED;
import static dev.leadpact.reporting.attribution.AttributionModel.W_SHAPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.events.Stage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-computed cases; the close is 35 days after day 0 so time decay weights are powers of two. */
class AttributionCalculatorTest {

    private static final Instant DAY0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant CLOSE = day(35);
    private final AttributionCalculator calculator = new AttributionCalculator(Duration.ofDays(7));

    private static Instant day(int d) {
        return DAY0.plus(Duration.ofDays(d));
    }

    private static Touch touch(String id, int day, Stage stage) {
        return new Touch(id, day(day), stage);
    }

    private List<String> credits(AttributionModel model, String amount, List<Touch> touches) {
        return calculator.attribute(model, new BigDecimal(amount), CLOSE, touches).stream()
                .map(c -> c.touchId() + "=" + c.amount().toPlainString())
                .toList();
    }

    @Test
    void oneTouchGetsEverythingInEveryModel() {
        List<Touch> one = List.of(touch("a", 10, Stage.IQL));
        for (AttributionModel model : AttributionModel.values()) {
            assertThat(credits(model, "1000.00", one)).as(model.id()).containsExactly("a=1000.00");
        }
    }

    @Test
    void twoTouches() {
        // a: IQL at day 7 (age 28 d = 4 half-lives), b: SQL at day 21 (age 14 d = 2 half-lives)
        List<Touch> two = List.of(touch("b", 21, Stage.SQL), touch("a", 7, Stage.IQL));
        assertThat(credits(FIRST_TOUCH, "1000.00", two)).containsExactly("a=1000.00", "b=0.00");
        assertThat(credits(LAST_TOUCH, "1000.00", two)).containsExactly("a=0.00", "b=1000.00");
        assertThat(credits(LINEAR, "1000.00", two)).containsExactly("a=500.00", "b=500.00");
        // U: 40 + 40, nothing in between: half each
        assertThat(credits(U_SHAPED, "1000.00", two)).containsExactly("a=500.00", "b=500.00");
        // W: a first touch 30; b lead creation 30 + opportunity creation 30 -> 30:60 -> 1/3, 2/3
        assertThat(credits(W_SHAPED, "1000.00", two)).containsExactly("a=333.33", "b=666.67");
        // full path: a 22.5; b MQL + SQL + won-deal touch 67.5 -> 1/4, 3/4
        assertThat(credits(FULL_PATH, "1000.00", two)).containsExactly("a=250.00", "b=750.00");
        // time decay: 1/16 : 1/4 -> 1/5, 4/5
        assertThat(credits(TIME_DECAY, "1000.00", two)).containsExactly("a=200.00", "b=800.00");
    }

    @Test
    void twoTouchesBothSqlUnderWShaped() {
        // the first touch is all three anchors (90), the other one gets the spread (10)
        List<Touch> two = List.of(touch("a", 7, Stage.SQL), touch("b", 21, Stage.SQL));
        assertThat(credits(W_SHAPED, "1000.00", two)).containsExactly("a=900.00", "b=100.00");
    }

    /** Five touches at days 0, 7, 14, 21, 28: IQL, IQL, MQL, MQL, SQL. */
    private static List<Touch> fiveTouches() {
        return List.of(
                touch("t1", 0, Stage.IQL),
                touch("t2", 7, Stage.IQL),
                touch("t3", 14, Stage.MQL),
                touch("t4", 21, Stage.MQL),
                touch("t5", 28, Stage.SQL));
    }

    @Test
    void fiveTouchesInEveryModel() {
        List<Touch> five = fiveTouches();
        assertThat(credits(FIRST_TOUCH, "1000.00", five))
                .containsExactly("t1=1000.00", "t2=0.00", "t3=0.00", "t4=0.00", "t5=0.00");
        assertThat(credits(LAST_TOUCH, "1000.00", five))
                .containsExactly("t1=0.00", "t2=0.00", "t3=0.00", "t4=0.00", "t5=1000.00");
        assertThat(credits(LINEAR, "1000.00", five))
                .containsExactly("t1=200.00", "t2=200.00", "t3=200.00", "t4=200.00", "t5=200.00");
        // 400, 3 x 66.666.. rounded to 66.67 (sum 1000.01), 400 - 0.01 remainder on the last touch
        assertThat(credits(U_SHAPED, "1000.00", five))
                .containsExactly("t1=400.00", "t2=66.67", "t3=66.67", "t4=66.67", "t5=399.99");
        // anchors t1 (first), t3 (first MQL), t5 (first SQL) 30 each; t2, t4 share 10
        assertThat(credits(W_SHAPED, "1000.00", five))
                .containsExactly("t1=300.00", "t2=50.00", "t3=300.00", "t4=50.00", "t5=300.00");
        // t5 is both first SQL and won-deal touch: 45; t1, t3 22.5; t2, t4 share 10
        assertThat(credits(FULL_PATH, "1000.00", five))
                .containsExactly("t1=225.00", "t2=50.00", "t3=225.00", "t4=50.00", "t5=450.00");
        // ages 35, 28, 21, 14, 7 days: weights 1, 2, 4, 8, 16 out of 31
        assertThat(credits(TIME_DECAY, "3100.00", five))
                .containsExactly("t1=100.00", "t2=200.00", "t3=400.00", "t4=800.00", "t5=1600.00");
    }

    @Test
    void fullPathWithFourDistinctAnchors() {
        List<Touch> path = List.of(
                touch("t1", 0, Stage.IQL),
                touch("t2", 7, Stage.MQL),
                touch("t3", 14, Stage.SQL),
                touch("t4", 21, Stage.SQL),
                touch("t5", 28, Stage.SQL));
        assertThat(credits(FULL_PATH, "1000.00", path))
                .containsExactly("t1=225.00", "t2=225.00", "t3=225.00", "t4=100.00", "t5=225.00");
        assertThat(credits(W_SHAPED, "1000.00", path))
                .containsExactly("t1=300.00", "t2=300.00", "t3=300.00", "t4=50.00", "t5=50.00");
    }

    @Test
    void missingAnchorsDropOut() {
        // never beyond IQL: only the first-touch anchor (30) and the spread (5 + 5) -> 75 %, 12.5 %, 12.5 %
        List<Touch> path = List.of(touch("a", 0, Stage.IQL), touch("b", 7, Stage.IQL), touch("c", 14, Stage.IQL));
        assertThat(credits(W_SHAPED, "1000.00", path)).containsExactly("a=750.00", "b=125.00", "c=125.00");
    }

    @Test
    void linearOverThreeRoundsToCentsAndTheLastTouchTakesTheRemainder() {
        List<Touch> three = List.of(touch("a", 0, Stage.IQL), touch("b", 1, Stage.MQL), touch("c", 2, Stage.SQL));
        assertThat(credits(LINEAR, "1000.00", three)).containsExactly("a=333.33", "b=333.33", "c=333.34");
        assertThat(credits(LINEAR, "0.05", three)).containsExactly("a=0.02", "b=0.02", "c=0.01");
        // whole-number amounts are credited in cents all the same
        assertThat(credits(LINEAR, "100", three)).containsExactly("a=33.33", "b=33.33", "c=33.34");
    }

    @Test
    void theRemainderNeverLandsOnAZeroWeightTouch() {
        List<Touch> three = List.of(touch("a", 0, Stage.IQL), touch("b", 1, Stage.MQL), touch("c", 2, Stage.SQL));
        assertThat(credits(FIRST_TOUCH, "99.99", three)).containsExactly("a=99.99", "b=0.00", "c=0.00");
    }

    @Test
    void touchesAfterTheCloseDoNotCount() {
        List<Touch> path = List.of(touch("before", 10, Stage.SQL), touch("after", 36, Stage.SQL));
        assertThat(credits(LINEAR, "500.00", path)).containsExactly("before=500.00");
        // a touch at the very instant of the close still counts
        assertThat(credits(LINEAR, "500.00", List.of(touch("at", 35, Stage.SQL))))
                .containsExactly("at=500.00");
    }

    @Test
    void noTouchBeforeTheCloseGivesNoCredit() {
        assertThat(calculator.attribute(LINEAR, new BigDecimal("10.00"), CLOSE, List.of()))
                .isEmpty();
        assertThat(calculator.attribute(LINEAR, new BigDecimal("10.00"), CLOSE, List.of(touch("x", 40, Stage.SQL))))
                .isEmpty();
    }

    @Test
    void weightsAreReportedAsFractions() {
        List<Credit> credits = calculator.attribute(W_SHAPED, new BigDecimal("1000.00"), CLOSE, fiveTouches());
        assertThat(credits)
                .extracting(c -> c.weight().toPlainString())
                .containsExactly("0.300000", "0.050000", "0.300000", "0.050000", "0.300000");
    }

    @Test
    void halfLifeIsConfigurable() {
        AttributionCalculator oneDay = new AttributionCalculator(Duration.ofDays(1));
        // ages 2 days and 1 day: 1/4 : 1/2 -> 1/3, 2/3
        List<Touch> two = List.of(touch("a", 33, Stage.MQL), touch("b", 34, Stage.SQL));
        assertThat(oneDay.attribute(TIME_DECAY, new BigDecimal("300.00"), CLOSE, two))
                .extracting(c -> c.amount().toPlainString())
                .containsExactly("100.00", "200.00");
        assertThatThrownBy(() -> new AttributionCalculator(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void creditsAlwaysSumExactlyToTheAmount() {
        Random random = new Random(42);
        Stage[] stages = Stage.values();
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(12);
            List<Touch> touches = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                touches.add(new Touch(
                        "t" + i, DAY0.plusSeconds(random.nextInt(35 * 86_400)), stages[random.nextInt(stages.length)]));
            }
            BigDecimal amount = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
            for (AttributionModel model : AttributionModel.values()) {
                List<Credit> credits = calculator.attribute(model, amount, CLOSE, touches);
                assertThat(credits.stream().map(Credit::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .as("%s over %d touches of %s", model, n, amount)
                        .isEqualByComparingTo(amount);
                assertThat(credits)
                        .allSatisfy(c -> assertThat(c.amount().signum()).isNotNegative());
            }
        }
    }

    @Test
    void modelIdsRoundTrip() {
        assertThat(AttributionModel.fromId("w-shaped")).contains(W_SHAPED);
        assertThat(AttributionModel.fromId("Time-Decay")).contains(TIME_DECAY);
        assertThat(AttributionModel.fromId("bogus")).isEmpty();
    }
}
