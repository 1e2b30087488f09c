package dev.leadpact.reporting.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

public record PlanReport(LocalDate from, LocalDate to, String zone, List<PlanRow> rows) implements CsvTable {

    @Override
    @JsonIgnore
    public List<PlanRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<PlanRow> csvRowType() {
        return PlanRow.class;
    }
}
