package dev.leadpact.reporting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The reports over HTTP as a BI tool reads them: JSON and RFC 4180 CSV, with the test's reader key. */
public final class Reports {
    static final String KEY = "Bearer test-reader-key";
    // decimals exactly as sent: 1000.00 stays 1000.00
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private Reports() {}

    static JsonNode getJson(String url) throws IOException {
        Response response =
                given().header("Authorization", KEY).accept("application/json").get(url);
        assertThat(response.statusCode()).as(url + ": " + response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    static String getCsv(String url) {
        Response response = given().header("Authorization", KEY).get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        return response.asString();
    }

    static String getCsvByAccept(String url) {
        Response response =
                given().header("Authorization", KEY).accept("text/csv").get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        return response.asString();
    }

    /** A 400 problem+json naming the parameter, without internals. */
    static void assertProblem(String url, String parameter) throws IOException {
        Response response = given().header("Authorization", KEY).get(url);
        assertThat(response.statusCode()).as(url).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.asString());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("parameter").asText()).as(url).isEqualTo(parameter);
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("dev.leadpact");
    }

    /** Rows as "a|b|c" of the given fields; absent values are empty, like in CSV. */
    static List<String> rows(JsonNode rows, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            for (String f : fields) {
                JsonNode v = row.get(f);
                cells.add(v == null || v.isNull() ? "" : v.asText());
            }
            out.add(String.join("|", cells));
        }
        return out;
    }

    /** Parses with commons-csv as a BI tool would: RFC 4180, the first row is the header. */
    public static List<CSVRecord> parse(String csv) throws IOException {
        assertThat(csv).contains("\r\n");
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }

    /** CSV rows as "a|b|c" of the given fields (camelCase, as in JSON). */
    static List<String> csvRows(String csv, String... fields) throws IOException {
        List<String> out = new ArrayList<>();
        for (CSVRecord record : parse(csv)) {
            List<String> cells = new ArrayList<>();
            for (String f : fields) {
                cells.add(record.get(snake(f)));
            }
            out.add(String.join("|", cells));
        }
        return out;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
