package dev.leadpact.reporting.csv;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes any {@link CsvTable} as RFC 4180 CSV: a header row, CRLF line ends, quotes where needed,
 * ISO-8601 dates and instants, plain decimals, empty cells for absent values, and text that a
 * spreadsheet would take for a formula prefixed with an apostrophe.
 */
@Provider
@Produces(CsvBodyWriter.TEXT_CSV)
public class CsvBodyWriter implements MessageBodyWriter<CsvTable> {
    public static final String TEXT_CSV = "text/csv";

    /** First characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(
            CsvTable table,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> headers,
            OutputStream out)
            throws IOException, WebApplicationException {
        headers.putSingle("Content-Type", "text/csv; charset=UTF-8; header=present");
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        RecordComponent[] columns = table.csvRowType().getRecordComponents();
        List<String> header = new ArrayList<>(columns.length);
        for (RecordComponent c : columns) {
            header.add(snakeCase(c.getName()));
        }
        writeLine(writer, header);
        for (Record row : table.csvRows()) {
            List<String> cells = new ArrayList<>(columns.length);
            for (RecordComponent c : columns) {
                cells.add(cell(read(c, row)));
            }
            writeLine(writer, cells);
        }
        writer.flush();
    }

    /** One RFC 4180 record: fields with a comma, quote or line break quoted, quotes doubled, CRLF. */
    static void writeLine(Writer writer, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(escape(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String escape(String cell) {
        boolean quote =
                cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static Object read(RecordComponent component, Record row) {
        try {
            return component.getAccessor().invoke(row);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unreadable column " + component.getName(), e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof String text && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            // UTM values and offers come from public web forms: a spreadsheet must not run "=HYPERLINK(..)"
            return "'" + text;
        }
        return value.toString();
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
