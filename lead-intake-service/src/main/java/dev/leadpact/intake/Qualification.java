package dev.leadpact.intake;

import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a conversion's stage, journey phase and segment from configuration: the offer gives the
 * stage (and so the phase), the employee count gives the segment.
 */
public final class Qualification {

    public record Verdict(Stage stage, JourneyPhase journeyPhase, Segment segment) {}

    private final Map<String, Stage> stageByOffer;
    private final int midFrom;
    private final int largeFrom;

    public Qualification(Map<String, Stage> stageByOffer, int midFrom, int largeFrom) {
        if (midFrom <= 0 || largeFrom <= midFrom) {
            throw new IllegalArgumentException(
                    "Segment thresholds need 0 < mid-from < large-from, got " + midFrom + " and " + largeFrom);
        }
        this.stageByOffer = Map.copyOf(stageByOffer);
        this.midFrom = midFrom;
        this.largeFrom = largeFrom;
    }

    public boolean knowsOffer(String offer) {
        return stageOf(offer).isPresent();
    }

    /** @throws IllegalArgumentException for an offer that is not configured */
    public Verdict qualify(String offer, Integer employees) {
        Stage stage = stageOf(offer).orElseThrow(() -> new IllegalArgumentException("Unknown offer " + offer));
        return new Verdict(stage, phaseOf(stage), segmentOf(employees));
    }

    /** Unknown company size counts as SMALL: the segment with the fastest, simplest handling. */
    public Segment segmentOf(Integer employees) {
        if (employees == null || employees < midFrom) {
            return Segment.SMALL;
        }
        return employees < largeFrom ? Segment.MID : Segment.LARGE;
    }

    static JourneyPhase phaseOf(Stage stage) {
        switch (stage) {
            case IQL:
                return JourneyPhase.AWARENESS;
            case MQL:
                return JourneyPhase.CONSIDERATION;
            default:
                return JourneyPhase.DECISION;
        }
    }

    private Optional<Stage> stageOf(String offer) {
        return offer == null
                ? Optional.empty()
                : Optional.ofNullable(stageByOffer.get(offer.trim().toLowerCase(Locale.ROOT)));
    }
}
