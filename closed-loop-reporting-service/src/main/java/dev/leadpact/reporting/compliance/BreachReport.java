package dev.leadpact.reporting.compliance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

public record BreachReport(String groupBy, String rule, LocalDate from, LocalDate to, String zone, List<BreachRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<BreachRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<BreachRow> csvRowType() {
        return BreachRow.class;
    }
}
