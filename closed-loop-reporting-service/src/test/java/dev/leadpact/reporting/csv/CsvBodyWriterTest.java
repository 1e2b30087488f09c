package dev.leadpact.reporting.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.reporting.Reports;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvBodyWriterTest {

    record Row(LocalDate periodStart, Instant closedAt, String groupValue, BigDecimal revenue, Long medianSeconds) {}

    record Table(List<Row> rows) implements CsvTable {
        @Override
        public List<Row> csvRows() {
            return rows;
        }

        @Override
        public Class<Row> csvRowType() {
            return Row.class;
        }
    }

    private static String write(List<Row> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultivaluedHashMap<String, Object> headers = new MultivaluedHashMap<>();
        new CsvBodyWriter().writeTo(new Table(rows), Table.class, Table.class, null, null, headers, out);
        assertThat(headers.getFirst("Content-Type")).isEqualTo("text/csv; charset=UTF-8; header=present");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headerInSnakeCaseIsoValuesAndCrlf() throws IOException {
        String csv = write(List.of(new Row(
                LocalDate.of(2026, 11, 30),
                Instant.parse("2026-12-01T08:00:00Z"),
                "paid-search",
                new BigDecimal("1E+3").setScale(2),
                null)));
        assertThat(csv)
                .isEqualTo("period_start,closed_at,group_value,revenue,median_seconds\r\n"
                        + "2026-11-30,2026-12-01T08:00:00Z,paid-search,1000.00,\r\n");
    }

    @Test
    void anEmptyReportStillHasItsHeader() throws IOException {
        assertThat(write(List.of())).isEqualTo("period_start,closed_at,group_value,revenue,median_seconds\r\n");
    }

    @Test
    void awkwardValuesAreQuotedAndParseBack() throws IOException {
        String awkward = "Smith, \"Jr\"\r\nline two";
        String csv = write(List.of(new Row(null, null, awkward, BigDecimal.ONE, 7L)));
        List<CSVRecord> records = Reports.parse(csv);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("group_value")).isEqualTo(awkward);
        assertThat(records.get(0).get("period_start")).isEmpty();
        assertThat(records.get(0).get("median_seconds")).isEqualTo("7");
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() throws IOException {
        String csv = write(List.of(
                new Row(null, null, "=HYPERLINK(\"http://evil\")", new BigDecimal("-5.00"), -3L),
                new Row(null, null, "@SUM(A1)", BigDecimal.ONE, 1L),
                new Row(null, null, "paid-search", BigDecimal.ONE, 1L)));
        // text cells get an apostrophe, numbers keep their sign
        assertThat(csv)
                .contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",-5.00,-3\r\n")
                .contains(",'@SUM(A1),1,1\r\n")
                .contains(",paid-search,1,1\r\n");
    }
}
