-- A lead volume shortfall (marketing's commitment) carries what was delivered against what was due;
-- the dashboard's breach feed shows them. Rows stored before this migration have none.
ALTER TABLE sla_event ADD COLUMN delivered INTEGER;
ALTER TABLE sla_event ADD COLUMN expected INTEGER;
ALTER TABLE sla_event ADD COLUMN gap INTEGER;
