package dev.leadpact.reporting.funnel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

public record FunnelReport(
        String period, LocalDate from, LocalDate to, String zone, String currency, List<FunnelRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<FunnelRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<FunnelRow> csvRowType() {
        return FunnelRow.class;
    }
}
