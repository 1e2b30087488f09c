package dev.leadpact.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 9457 problem detail: the body of every error a LeadPact service answers, as {@value
 * #MEDIA_TYPE}. {@code type}, {@code title}, {@code status} and {@code detail} are the standard
 * members; a type may add members of its own (extensions), written after them at the top level of
 * the JSON object, such as {@code "parameter": "month"} or {@code "errors": [...]}.
 *
 * @param type the stable URI of the reason ({@link ProblemType#uri()})
 * @param detail this occurrence, for a human; absent when there is nothing to add to the title
 * @param extensions the type's own members in the order added; never null, empty values left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Map<String, Object> kept = new LinkedHashMap<>();
        if (extensions != null) {
            extensions.forEach((name, value) -> {
                if (STANDARD.contains(name)) {
                    throw new IllegalArgumentException(name + " is a standard member, not an extension");
                }
                if (!isEmpty(value)) {
                    kept.put(name, value);
                }
            });
        }
        extensions = Collections.unmodifiableMap(kept);
    }

    public static Problem of(ProblemType type, String detail) {
        return type.problem(detail);
    }

    /** This problem with one more member; a null value or an empty collection adds nothing. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, more);
    }

    /** The last segment of {@code type}: the short reason, e.g. for a metric tag. */
    @JsonIgnore
    public String reason() {
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** The extensions as top-level members of the JSON object. */
    @JsonAnyGetter
    public Map<String, Object> members() {
        return extensions;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof CharSequence s && s.isEmpty();
    }
}
