package dev.leadpact.reporting.compliance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

public record ComplianceReport(String period, LocalDate from, LocalDate to, String zone, List<ComplianceRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<ComplianceRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<ComplianceRow> csvRowType() {
        return ComplianceRow.class;
    }
}
