-- processed_event is kept for leadpact.monitor.dedup.retention only (ProcessedEventRetention): a BRIN
-- index on the time it was written (rows arrive in that order), a few pages for millions of rows,
-- finds the expired ones without reading the table.
CREATE INDEX processed_event_at ON processed_event USING brin (processed_at);
