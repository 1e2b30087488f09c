package dev.leadpact.reporting.attribution;

import java.util.Locale;
import java.util.function.Function;

/** What attributed revenue is grouped by ({@code ?groupBy=}); a touch without the value counts as "(none)". */
public enum AttributionDimension {
    CHANNEL(CreditRow::channel),
    CAMPAIGN(CreditRow::campaign),
    OFFER(CreditRow::offer),
    SOURCE(CreditRow::source),
    MEDIUM(CreditRow::medium),
    SOURCE_MEDIUM(
            l -> l.source() == null && l.medium() == null ? null : orNone(l.source()) + " / " + orNone(l.medium())),
    CONTENT(CreditRow::content),
    LANDING_PAGE(CreditRow::landingPage);

    public static final String NONE = "(none)";
    /** The group of won deals that have no touch before their close (yet). */
    public static final String UNATTRIBUTED = "(unattributed)";

    private final Function<CreditRow, String> value;

    AttributionDimension(Function<CreditRow, String> value) {
        this.value = value;
    }

    /** Lower case with dashes, as in {@code ?groupBy=landing-page}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The group of a credit row; a row without a touch is {@link #UNATTRIBUTED}. */
    public String valueOf(CreditRow row) {
        if (row.touchEventId() == null) {
            return UNATTRIBUTED;
        }
        return orNone(value.apply(row));
    }

    private static String orNone(String s) {
        return s == null || s.isBlank() ? NONE : s;
    }
}
