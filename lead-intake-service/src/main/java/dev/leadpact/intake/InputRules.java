package dev.leadpact.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Collects field errors with the checks every intake payload shares. Plain Java, no framework. */
final class InputRules {
    static final int MAX_TEXT = 200;
    static final int MAX_URL = 2048;
    static final int MAX_NOTE = 2000;
    /** Clocks of browsers and CRMs drift; an event time this far ahead is still accepted. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** Older event times are a client bug, not a late delivery. */
    static final Duration MAX_AGE = Duration.ofDays(366);

    private static final Pattern EMAIL = Pattern.compile(
            "^[\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-]{1,64}@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?"
                    + "(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?)+$");
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:@/-]{1,128}$");

    private final List<FieldError> errors = new ArrayList<>();

    List<FieldError> errors() {
        return errors;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            error(field, "is required");
            return false;
        }
        return true;
    }

    void email(String field, String value) {
        if (required(field, value) && text(field, value, 254)) {
            if (!EMAIL.matcher(value.strip()).matches()) {
                error(field, "is not an email address");
            }
        }
    }

    /** Free text on one line: names, titles, companies. */
    boolean text(String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            error(field, "is longer than " + max + " characters");
            return false;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            error(field, "contains control characters");
            return false;
        }
        return true;
    }

    /** Free text that may span lines (notes, reasons): tabs and line breaks allowed. */
    void multiline(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_NOTE) {
            error(field, "is longer than " + MAX_NOTE + " characters");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            error(field, "contains control characters");
        }
    }

    void id(String field, String value) {
        if (value != null && !ID.matcher(value).matches()) {
            error(field, "must be 1 to 128 letters, digits or . _ : @ / -");
        }
    }

    /** An absolute http(s) URL when {@code webOnly}, any absolute URI otherwise. */
    void url(String field, String value, boolean webOnly) {
        if (value == null || !text(field, value, MAX_URL)) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || (webOnly && !scheme.equals("http") && !scheme.equals("https"))) {
                error(field, webOnly ? "must be an absolute http(s) URL" : "must be an absolute URI");
            }
        } catch (URISyntaxException e) {
            error(field, "is not a valid URL");
        }
    }

    void country(String field, String value) {
        if (value != null && !value.matches("[A-Za-z]{2}")) {
            error(field, "must be an ISO 3166 two-letter country code");
        }
    }

    void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            error(field, "must be between " + min + " and " + max);
        }
    }

    void eventTime(String field, Instant value, Clock clock) {
        if (value == null) {
            return;
        }
        Instant now = clock.instant();
        if (value.isAfter(now.plus(FUTURE_TOLERANCE))) {
            error(field, "is in the future");
        } else if (value.isBefore(now.minus(MAX_AGE))) {
            error(field, "is more than a year ago");
        }
    }
}
