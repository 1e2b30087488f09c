package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualificationTest {

    /** The documented defaults of application.properties. */
    private final Qualification defaults = new Qualification(
            Map.of(
                    "ebook", Stage.IQL,
                    "checklist", Stage.IQL,
                    "blog-subscription", Stage.IQL,
                    "webinar", Stage.MQL,
                    "case-study", Stage.MQL,
                    "product-comparison", Stage.MQL,
                    "demo-request", Stage.SQL,
                    "contact-sales", Stage.SQL,
                    "pricing-request", Stage.SQL),
            50,
            1000);

    @ParameterizedTest
    @CsvSource({
        "ebook, IQL, AWARENESS",
        "checklist, IQL, AWARENESS",
        "blog-subscription, IQL, AWARENESS",
        "webinar, MQL, CONSIDERATION",
        "case-study, MQL, CONSIDERATION",
        "product-comparison, MQL, CONSIDERATION",
        "demo-request, SQL, DECISION",
        "contact-sales, SQL, DECISION",
        "pricing-request, SQL, DECISION",
        "' Demo-Request ', SQL, DECISION"
    })
    void offerDecidesStageAndPhase(String offer, Stage stage, JourneyPhase phase) {
        Qualification.Verdict verdict = defaults.qualify(offer, 10);

        assertThat(verdict.stage()).isEqualTo(stage);
        assertThat(verdict.journeyPhase()).isEqualTo(phase);
    }

    @ParameterizedTest
    @CsvSource({"0, SMALL", "49, SMALL", "50, MID", "999, MID", "1000, LARGE", "250000, LARGE"})
    void employeesDecideSegmentAtTheThresholds(int employees, Segment segment) {
        assertThat(defaults.segmentOf(employees)).isEqualTo(segment);
    }

    @Test
    void unknownSizeIsSmall() {
        assertThat(defaults.segmentOf(null)).isEqualTo(Segment.SMALL);
    }

    @Test
    void thresholdsAreConfiguration() {
        Qualification custom = new Qualification(Map.of("ebook", Stage.MQL), 10, 20);

        assertThat(custom.qualify("ebook", 15))
                .isEqualTo(new Qualification.Verdict(Stage.MQL, JourneyPhase.CONSIDERATION, Segment.MID));
        assertThat(custom.segmentOf(20)).isEqualTo(Segment.LARGE);
    }

    @Test
    void unknownOfferIsNotQualified() {
        assertThat(defaults.knowsOffer("free-lunch")).isFalse();
        assertThat(defaults.knowsOffer(null)).isFalse();
        assertThatThrownBy(() -> defaults.qualify("free-lunch", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inconsistentThresholdsAreRefused() {
        assertThatThrownBy(() -> new Qualification(Map.of(), 100, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mid-from");
    }
}
