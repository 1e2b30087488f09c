package dev.leadpact.reporting.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.util.List;

/** The weekly delivery schedule of a plan on its own, one CSV row per week. */
public record PlanScheduleReport(String month, long reps, Long qualifiedLeadsNeeded, List<PlanWeek> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<PlanWeek> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<PlanWeek> csvRowType() {
        return PlanWeek.class;
    }
}
