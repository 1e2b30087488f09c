package dev.leadpact.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error this service answers. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field; {@code field} is the JSON property or form field name. */
    public record FieldError(String field, String message) {}

    /** The last segment of {@code type}: a stable, short reason, also used as a metric tag. */
    public String reason() {
        return type.substring(type.lastIndexOf('/') + 1);
    }

    static String type(String reason) {
        return "https://leadpact.dev/problems/" + reason;
    }
}
