-- What-if simulations (POST /sla/simulations): a job per request, with its progress and result, and
-- the commitments whose verdict the proposal flips, for paging. Nothing here touches a lead's state.
CREATE TABLE sla_simulation (
    id          UUID         PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    request     TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    started_at  TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    -- the last batch's time: a job whose instance stopped shows no progress
    progress_at TIMESTAMPTZ,
    leads_total BIGINT,
    leads_done  BIGINT       NOT NULL DEFAULT 0,
    result      TEXT,
    error       TEXT
);

CREATE TABLE sla_simulation_flip (
    simulation_id   UUID         NOT NULL REFERENCES sla_simulation (id) ON DELETE CASCADE,
    seq             INTEGER      NOT NULL,
    lead_id         VARCHAR(128) NOT NULL,
    rule            VARCHAR(32)  NOT NULL,
    segment         VARCHAR(16),
    stage           VARCHAR(8),
    owner_id        VARCHAR(128),
    team            VARCHAR(128),
    started_at      TIMESTAMPTZ  NOT NULL,
    current_status  VARCHAR(16)  NOT NULL,
    current_due_at  TIMESTAMPTZ,
    proposed_status VARCHAR(16)  NOT NULL,
    proposed_due_at TIMESTAMPTZ,
    PRIMARY KEY (simulation_id, seq)
);

