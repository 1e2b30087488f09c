package dev.leadpact.reporting.export;

import dev.leadpact.reporting.csv.CsvTable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Every row of an export from a cursor on, as one CSV body: the pages are fetched one at a time,
 * each in a transaction of its own, while the rows before them are written, so memory stays that of
 * one page whatever the export's size.
 */
public record ExportStream<R extends Record>(Function<Cursor, ExportPage<R>> pages, Cursor from, Class<R> rowType)
        implements CsvTable {

    @Override
    public Iterable<R> csvRows() {
        return () -> new Iterator<>() {
            private Cursor next;
            private Iterator<R> rows = fetch(from);

            private Iterator<R> fetch(Cursor after) {
                ExportPage<R> page = QuarkusTransaction.requiringNew().call(() -> pages.apply(after));
                next = Cursor.decode(page.nextCursor());
                return page.items().iterator();
            }

            @Override
            public boolean hasNext() {
                while (!rows.hasNext() && next != null) {
                    rows = fetch(next);
                }
                return rows.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.next();
            }
        };
    }

    @Override
    public Class<R> csvRowType() {
        return rowType;
    }
}
