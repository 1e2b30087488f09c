package dev.leadpact.reporting.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

/**
 * The plan (one row) and the planned month's weekly delivery schedule; CSV carries the row, the
 * schedule has its own CSV at {@code /reports/plan/schedule}.
 *
 * @param month the planned month, {@code yyyy-MM}
 */
public record PlanReport(
        LocalDate from, LocalDate to, String zone, String month, List<PlanRow> rows, List<PlanWeek> schedule)
        implements CsvTable {

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
