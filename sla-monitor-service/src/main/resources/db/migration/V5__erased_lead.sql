-- Leads that asked to be forgotten (leads.erasures.v1), and until when their facts are erased. Holds
-- no data about the person: it is the record of the erasure, and keeps a replayed or late event that
-- happened before it from bringing the lead back.
CREATE TABLE erased_lead (
    lead_id   VARCHAR(128) PRIMARY KEY,
    erased_at TIMESTAMPTZ  NOT NULL
);
