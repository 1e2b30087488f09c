-- Every count of a marketing-commitment checkpoint (CommitmentCheckpoint on
-- marketing.commitments.v1), written in the transaction that stored the count: the outbox of that
-- topic. Apart from sla_event, which is also the breach history ops read.
CREATE TABLE commitment_event (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     VARCHAR(64)  NOT NULL UNIQUE,
    scope        VARCHAR(160) NOT NULL,
    due_at       TIMESTAMPTZ  NOT NULL,
    counted_at   TIMESTAMPTZ  NOT NULL,
    payload      TEXT         NOT NULL,
    published_at TIMESTAMPTZ
);
CREATE INDEX commitment_event_unpublished ON commitment_event (seq) WHERE published_at IS NULL;
