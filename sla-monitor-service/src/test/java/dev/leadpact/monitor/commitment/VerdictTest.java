package dev.leadpact.monitor.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.SlaEventKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static void expect(Verdict previous, long delivered, long expected, Verdict verdict, SlaEventKind emit) {
        assertThat(Verdict.count(previous, delivered, expected))
                .isEqualTo(new Verdict.Outcome(verdict, Optional.ofNullable(emit)));
    }

    @Test
    void theFirstCountBreachesOnlyWhenShort() {
        expect(null, 79, 80, Verdict.SHORT, SlaEventKind.BREACH);
        expect(null, 80, 80, Verdict.MET, null);
        expect(null, 0, 0, Verdict.MET, null);
    }

    @Test
    void aRecountRetractsADisprovedShortfallOnce() {
        expect(Verdict.SHORT, 80, 80, Verdict.RETRACTED, SlaEventKind.RETRACTION);
        expect(Verdict.SHORT, 70, 80, Verdict.SHORT, null);
        expect(Verdict.RETRACTED, 70, 80, Verdict.RETRACTED, null);
        expect(Verdict.RETRACTED, 90, 80, Verdict.RETRACTED, null);
    }

    @Test
    void aRecountBreachesAMetCheckpointThatDisqualificationsMadeShort() {
        expect(Verdict.MET, 79, 80, Verdict.SHORT, SlaEventKind.BREACH);
        expect(Verdict.MET, 81, 80, Verdict.MET, null);
    }
}
