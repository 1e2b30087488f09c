package dev.leadpact.reporting.journey;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.util.List;

public record JourneyReport(String leadId, String currentStage, String owner, List<JourneyStep> steps)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<JourneyStep> csvRows() {
        return steps;
    }

    @Override
    @JsonIgnore
    public Class<JourneyStep> csvRowType() {
        return JourneyStep.class;
    }
}
