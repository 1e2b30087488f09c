-- One row per lead: the facts the rules need (JSON, see LeadSlaState) and the lead's one timer.
-- The scanner claims rows whose timer is due through the partial index, oldest first.
CREATE TABLE lead_sla_state (
    lead_id     VARCHAR(128) PRIMARY KEY,
    owner_id    VARCHAR(128),
    segment     VARCHAR(16),
    stage       VARCHAR(8),
    state       TEXT         NOT NULL,
    next_due_at TIMESTAMPTZ,
    next_rule   VARCHAR(32),
    next_kind   VARCHAR(16),
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX lead_sla_state_next_due ON lead_sla_state (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX lead_sla_state_owner ON lead_sla_state (owner_id, next_due_at) WHERE next_due_at IS NOT NULL;

-- Every SLA event emitted, written in the transaction that changed the lead's state: the outbox
-- (published_at is null until the relay has Kafka's acknowledgement) and the history ops read.
CREATE TABLE sla_event (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     VARCHAR(64)  NOT NULL UNIQUE,
    breach_id    VARCHAR(64)  NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    rule         VARCHAR(32)  NOT NULL,
    lead_id      VARCHAR(128) NOT NULL,
    owner_id     VARCHAR(128),
    segment      VARCHAR(16),
    stage        VARCHAR(8),
    due_at       TIMESTAMPTZ  NOT NULL,
    detected_at  TIMESTAMPTZ  NOT NULL,
    payload      TEXT         NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX sla_event_unpublished ON sla_event (seq) WHERE published_at IS NULL;
CREATE INDEX sla_event_lead ON sla_event (lead_id, seq);
CREATE INDEX sla_event_kind_detected ON sla_event (kind, detected_at);
CREATE INDEX sla_event_breach ON sla_event (breach_id);
