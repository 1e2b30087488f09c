package dev.leadpact.reporting.problem;

/** A report would have more rows than one answer may carry; answered as 422 naming the limit. */
public class ReportTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportTooLargeException(int maxRows) {
        super("the report would have more than " + maxRows + " rows: ask for a shorter range, months instead of"
                + " weeks or a coarser groupBy, or read the cursor-paged exports");
    }
}
