package dev.leadpact.reporting.whatif;

import dev.leadpact.events.Segment;
import dev.leadpact.reporting.problem.InvalidProposalException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the dashboard's what-if panel proposes: a month, and per segment a first-contact deadline
 * and an attempt minimum. What a segment leaves out stays as configured.
 *
 * @param segments {@code small}, {@code mid} or {@code large} to what is proposed for it
 */
public record WhatIfProposal(
        @Schema(description = "The month, YYYY-MM, in leadpact.reporting.zone", example = "2026-11")
        String month,

        @Schema(description = "small, mid or large to its proposal")
        Map<String, SegmentProposal> segments) {

    /** The largest attempt minimum a proposal may set: more is a typo, not a policy. */
    static final int MAX_ATTEMPTS = 100;

    /**
     * @param firstContact ISO-8601, positive
     * @param attemptsRequired a whole number from 1 to {@value #MAX_ATTEMPTS}, as a JSON number or its text
     */
    public record SegmentProposal(
            @Schema(description = "First-contact deadline, a positive ISO-8601 duration", example = "PT2H")
            String firstContact,

            @Schema(
                    type = SchemaType.INTEGER,
                    description = "Contact attempts before a lead may be given up, 1 to 100",
                    example = "8")
            String attemptsRequired) {}

    /** The monitor's {@code POST /sla/simulations} body: the month's instants and the proposed settings. */
    public record Simulation(Instant from, Instant to, Map<String, String> settings) {}

    /**
     * The simulation of this proposal: the month from its first midnight in {@code zone} to the
     * next month's, and {@code policies.<segment>.first-contact} and {@code .attempts-required} for
     * what is proposed, segments in size order.
     *
     * @throws InvalidProposalException naming the first field that cannot be used
     */
    public Simulation simulation(ZoneId zone) {
        YearMonth yearMonth = yearMonth();
        Map<String, SegmentProposal> bySegment = new LinkedHashMap<>();
        if (segments != null) {
            segments.forEach((name, proposal) -> bySegment.put(segment(name).name(), proposal));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Segment segment : Segment.values()) {
            SegmentProposal proposal = bySegment.get(segment.name());
            if (proposal == null) {
                continue;
            }
            String name = segment.name().toLowerCase(Locale.ROOT);
            String field = "segments." + name + ".";
            if (proposal.firstContact() != null) {
                settings.put(
                        "policies." + name + ".first-contact",
                        firstContact(field + "firstContact", proposal.firstContact())
                                .toString());
            }
            if (proposal.attemptsRequired() != null) {
                settings.put(
                        "policies." + name + ".attempts-required",
                        String.valueOf(attempts(field + "attemptsRequired", proposal.attemptsRequired())));
            }
        }
        return new Simulation(
                yearMonth.atDay(1).atStartOfDay(zone).toInstant(),
                yearMonth.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant(),
                settings);
    }

    private YearMonth yearMonth() {
        if (month != null && month.strip().matches("\\d{4}-\\d{2}")) {
            try {
                return YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                // answered below like any other text
            }
        }
        throw new InvalidProposalException("month", "month must be a month as YYYY-MM, e.g. 2026-11");
    }

    private static Segment segment(String name) {
        for (Segment segment : Segment.values()) {
            if (name != null && segment.name().equalsIgnoreCase(name.strip())) {
                return segment;
            }
        }
        throw new InvalidProposalException("segments", "segments are small, mid and large, not '" + name + "'");
    }

    private static Duration firstContact(String field, String text) {
        Duration deadline;
        try {
            deadline = Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidProposalException(
                    field, field + " must be an ISO-8601 duration such as PT30M or PT2H, not '" + text + "'");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new InvalidProposalException(field, field + " must be longer than zero, not " + text);
        }
        return deadline;
    }

    private static int attempts(String field, String text) {
        try {
            int attempts = Integer.parseInt(text.strip());
            if (attempts >= 1 && attempts <= MAX_ATTEMPTS) {
                return attempts;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range number
        }
        throw new InvalidProposalException(
                field, field + " must be a whole number from 1 to " + MAX_ATTEMPTS + ", not '" + text + "'");
    }
}
