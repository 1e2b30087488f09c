package dev.leadpact.reporting.export;

import dev.leadpact.reporting.problem.InvalidFilterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Keyset position in an export: the (time, id) of the last row of the previous page, opaque to the
 * client. Rows are ordered by (time, id), so a page never skips or repeats a row, even while new
 * facts arrive.
 */
public record Cursor(Instant at, String id) {

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((at.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new Cursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidFilterException("cursor", "cursor is not one this service handed out");
        }
    }
}
