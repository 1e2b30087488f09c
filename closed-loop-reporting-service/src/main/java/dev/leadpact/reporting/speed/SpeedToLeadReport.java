package dev.leadpact.reporting.speed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

public record SpeedToLeadReport(
        String stage, String groupBy, LocalDate from, LocalDate to, String zone, List<SpeedToLeadRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<SpeedToLeadRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<SpeedToLeadRow> csvRowType() {
        return SpeedToLeadRow.class;
    }
}
