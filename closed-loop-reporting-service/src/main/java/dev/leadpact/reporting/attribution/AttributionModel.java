package dev.leadpact.reporting.attribution;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The attribution models a report can ask for; {@link #id()} is the query parameter value. */
public enum AttributionModel {
    FIRST_TOUCH,
    LAST_TOUCH,
    LINEAR,
    /** 40 % first touch, 40 % last touch, 20 % spread over the touches in between. */
    U_SHAPED,
    /** 30 % each to first touch, lead creation (first MQL) and opportunity creation (first SQL); 10 % spread. */
    W_SHAPED,
    /** 22.5 % each to the three W anchors and the won-deal touch (last touch before close); 10 % spread. */
    FULL_PATH,
    /** Weight halves every half-life before the close. */
    TIME_DECAY;

    /** Lower case with dashes, as in {@code ?model=w-shaped}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<AttributionModel> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
    }
}
