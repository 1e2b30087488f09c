package dev.leadpact.reporting.evaluation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

/** The SLA evaluation of both sides per week or month. */
public record EvaluationReport(
        String period,
        LocalDate from,
        LocalDate to,
        String zone,
        String model,
        String currency,
        List<EvaluationRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<EvaluationRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<EvaluationRow> csvRowType() {
        return EvaluationRow.class;
    }
}
