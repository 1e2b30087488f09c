package dev.leadpact.reporting.attribution;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

public record AttributionReport(
        String model,
        String groupBy,
        String period,
        LocalDate from,
        LocalDate to,
        String zone,
        List<AttributionRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<AttributionRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<AttributionRow> csvRowType() {
        return AttributionRow.class;
    }
}
