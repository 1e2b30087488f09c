package dev.leadpact.reporting.csv;

/**
 * A report that can be written as CSV: one row per record, the header from the record's component
 * names in snake_case. Changing a row record changes the CSV columns, so rows are append-only.
 */
public interface CsvTable {
    /** The rows, in order; an export may fetch them while they are written. */
    Iterable<? extends Record> csvRows();

    Class<? extends Record> csvRowType();
}
