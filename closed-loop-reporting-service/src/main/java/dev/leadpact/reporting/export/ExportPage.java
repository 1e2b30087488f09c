package dev.leadpact.reporting.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.leadpact.reporting.csv.CsvTable;
import java.util.List;

/**
 * One page of an export. {@code nextCursor} is absent on the last page; in CSV it travels in the
 * {@code X-Next-Cursor} header and a {@code Link: <...>; rel="next"} header.
 */
@JsonIgnoreProperties({"rowType", "csvRows", "csvRowType"})
public record ExportPage<R extends Record>(List<R> items, String nextCursor, Class<R> rowType) implements CsvTable {

    @Override
    @JsonIgnore
    public Class<R> rowType() {
        return rowType;
    }

    @Override
    @JsonIgnore
    public List<R> csvRows() {
        return items;
    }

    @Override
    @JsonIgnore
    public Class<R> csvRowType() {
        return rowType;
    }
}
