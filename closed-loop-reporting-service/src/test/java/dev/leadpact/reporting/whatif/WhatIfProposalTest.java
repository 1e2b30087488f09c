package dev.leadpact.reporting.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.Segment;
import dev.leadpact.reporting.problem.InvalidProposalException;
import dev.leadpact.reporting.whatif.WhatIfProposal.SegmentProposal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhatIfProposalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WhatIfProposal.Simulation simulation(String month, Map<String, SegmentProposal> segments) {
        return new WhatIfProposal(month, segments).simulation(ZoneOffset.UTC);
    }

    @Test
    void theMonthRunsFromMidnightToMidnightInTheReportsZone() {
        WhatIfProposal.Simulation utc = simulation("2026-11", null);
        assertThat(utc.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(utc.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(utc.settings()).isEmpty();
        // Berlin: winter time from 25 October, so November starts at 23:00 UTC the day before
        WhatIfProposal.Simulation berlin =
                new WhatIfProposal("2026-11", Map.of()).simulation(ZoneId.of("Europe/Berlin"));
        assertThat(berlin.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(berlin.to()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(simulation("2026-12", null).to()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void eachProposedValueBecomesTheSegmentsPolicySettingInSizeOrder() {
        Map<String, SegmentProposal> segments = new LinkedHashMap<>();
        segments.put("large", new SegmentProposal(null, "8"));
        segments.put("MID", new SegmentProposal("PT120M", null));
        segments.put("small", new SegmentProposal("P1D", " 3 "));
        assertThat(simulation("2026-11", segments).settings())
                .containsExactly(
                        Map.entry("policies.small.first-contact", "PT24H"),
                        Map.entry("policies.small.attempts-required", "3"),
                        Map.entry("policies.mid.first-contact", "PT2H"),
                        Map.entry("policies.large.attempts-required", "8"));
    }

    @Test
    void theMonitorsBodyIsTheSimulationAsJson() throws Exception {
        WhatIfProposal proposal = JSON.readValue(
                "{\"month\":\"2026-11\",\"segments\":{\"mid\":{\"firstContact\":\"PT2H\",\"attemptsRequired\":8}}}",
                WhatIfProposal.class);
        assertThat(proposal.segments().get("mid").attemptsRequired()).isEqualTo("8");
        assertThat(proposal.simulation(ZoneOffset.UTC).settings())
                .containsExactly(
                        Map.entry("policies.mid.first-contact", "PT2H"),
                        Map.entry("policies.mid.attempts-required", "8"));
    }

    @Test
    void whatCannotBeUsedIsRefusedNamingTheField() {
        assertRefused(null, null, "month", "month must be a month as YYYY-MM, e.g. 2026-11");
        assertRefused("2026-13", null, "month", "month must be a month as YYYY-MM");
        assertRefused("November", null, "month", "month must be a month as YYYY-MM");
        assertRefused(
                "2026-11",
                Map.of("huge", new SegmentProposal("PT1H", null)),
                "segments",
                "segments are small, mid and large, not 'huge'");
        for (String bad : List.of("2h", "PT", "", "PT1.5H")) {
            assertRefused(
                    "2026-11",
                    Map.of("mid", new SegmentProposal(bad, null)),
                    "segments.mid.firstContact",
                    "segments.mid.firstContact must be an ISO-8601 duration such as PT30M or PT2H, not '" + bad + "'");
        }
        for (String bad : List.of("PT0S", "-PT1H")) {
            assertRefused(
                    "2026-11",
                    Map.of("small", new SegmentProposal(bad, null)),
                    "segments.small.firstContact",
                    "segments.small.firstContact must be longer than zero, not " + bad);
        }
        for (String bad : List.of("0", "101", "2.5", "eight", "")) {
            assertRefused(
                    "2026-11",
                    Map.of("large", new SegmentProposal(null, bad)),
                    "segments.large.attemptsRequired",
                    "segments.large.attemptsRequired must be a whole number from 1 to 100, not '" + bad + "'");
        }
    }

    @Test
    void everySegmentOfTheEventsCanBeProposedFor() {
        Map<String, SegmentProposal> all = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            all.put(segment.name().toLowerCase(), new SegmentProposal(null, "1"));
        }
        assertThat(simulation("2026-11", all).settings()).hasSize(Segment.values().length);
    }

    private static void assertRefused(
            String month, Map<String, SegmentProposal> segments, String field, String message) {
        assertThatThrownBy(() -> simulation(month, segments))
                .isInstanceOfSatisfying(InvalidProposalException.class, e -> assertThat(e.field())
                        .isEqualTo(field))
                .hasMessageStartingWith(message);
    }
}
