package dev.leadpact.reporting.attribution;

import java.util.function.Function;

/** What attributed revenue is grouped by ({@code ?groupBy=}); a touch without the value counts as "(none)". */
public enum AttributionDimension {
    CHANNEL(CreditLine::channel),
    CAMPAIGN(CreditLine::campaign),
    OFFER(CreditLine::offer),
    SOURCE(CreditLine::source),
    MEDIUM(CreditLine::medium),
    SOURCE_MEDIUM(
            l -> l.source() == null && l.medium() == null ? null : orNone(l.source()) + " / " + orNone(l.medium())),
    CONTENT(CreditLine::content),
    LANDING_PAGE(CreditLine::landingPage);

    public static final String NONE = "(none)";
    /** The group of won deals that have no touch before their close (yet). */
    public static final String UNATTRIBUTED = "(unattributed)";

    private final Function<CreditLine, String> value;

    AttributionDimension(Function<CreditLine, String> value) {
        this.value = value;
    }

    /** The group of a credit line; a line without a touch is {@link #UNATTRIBUTED}. */
    public String valueOf(CreditLine line) {
        if (line.touchEventId() == null) {
            return UNATTRIBUTED;
        }
        return orNone(value.apply(line));
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }
}
