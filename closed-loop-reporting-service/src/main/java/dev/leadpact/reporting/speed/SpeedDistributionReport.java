package dev.leadpact.reporting.speed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.leadpact.reporting.csv.CsvTable;
import java.time.LocalDate;
import java.util.List;

/**
 * Response times of all leads that first reached {@code stage} in the range, in buckets, with the
 * totals the same leads give in the speed-to-lead report (median and p90 over the contacted ones).
 * The buckets count the response times of {@code clock}: {@code wall} (default) or {@code business}.
 */
public record SpeedDistributionReport(
        String stage,
        LocalDate from,
        LocalDate to,
        String zone,
        long deadlineSeconds,
        long leads,
        long contacted,
        Long medianSeconds,
        Long p90Seconds,
        long withinDeadline,
        String clock,
        Long medianBusinessSeconds,
        Long p90BusinessSeconds,
        long withinDeadlineBusiness,
        List<SpeedBucketRow> rows)
        implements CsvTable {

    @Override
    @JsonIgnore
    public List<SpeedBucketRow> csvRows() {
        return rows;
    }

    @Override
    @JsonIgnore
    public Class<SpeedBucketRow> csvRowType() {
        return SpeedBucketRow.class;
    }
}
