package dev.leadpact.intake;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body into its fields (UTF-8, as browsers send
 * it), in place of Quarkus REST's reader, which fails with a 500 on a field without a name
 * ({@code a=1&=2}). A field without a name is skipped; an encoding that is not valid ({@code %zz},
 * a cut-off {@code %4}) is a 400 {@code malformed} naming the field; nothing is stored.
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormBody implements MessageBodyReader<MultivaluedMap<String, String>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MultivaluedMap.class.isAssignableFrom(type);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(
            Class<MultivaluedMap<String, String>> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        return parse(new String(entityStream.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    /** The fields of a form body (its bytes as ISO-8859-1, so that percent escapes stay as sent). */
    static MultivaluedMap<String, String> parse(String body) {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            String name = decode(rawName, "a field name");
            if (!name.isEmpty()) {
                fields.add(name, decode(rawValue, name));
            }
        }
        return fields;
    }

    private static String decode(String raw, String field) {
        try {
            String text = URLDecoder.decode(raw, StandardCharsets.ISO_8859_1);
            return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.malformed(field, "is not URL-encoded (a % must be followed by two hex digits)");
        }
    }
}
