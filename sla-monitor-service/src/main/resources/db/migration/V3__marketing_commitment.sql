-- Marketing's lead commitment (see the commitment package).

-- Leads that reached the qualifying stage: what marketing delivered, counted by the month of
-- qualified_at, per team (of the latest owner) and segment.
CREATE TABLE qualified_lead (
    lead_id         VARCHAR(128) PRIMARY KEY,
    qualified_at    TIMESTAMPTZ  NOT NULL,
    segment         VARCHAR(16)  NOT NULL,
    team            VARCHAR(128),
    disqualified_at TIMESTAMPTZ
);
CREATE INDEX qualified_lead_team ON qualified_lead (team, qualified_at);
CREATE INDEX qualified_lead_segment ON qualified_lead (segment, qualified_at);

-- The reps of each scope (team:<team>, segment:<SEGMENT>), from owner assignments.
CREATE TABLE commitment_rep (
    scope             VARCHAR(160) NOT NULL,
    owner_id          VARCHAR(128) NOT NULL,
    first_assigned_at TIMESTAMPTZ  NOT NULL,
    last_assigned_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scope, owner_id)
);

-- Pacing checkpoints: durable timers like the leads' (claimed with SKIP LOCKED, so one instance
-- fires each), and after firing the verdict. recount asks for a new count after a late fact.
CREATE TABLE commitment_checkpoint (
    scope       VARCHAR(160) NOT NULL,
    due_at      TIMESTAMPTZ  NOT NULL,
    month_start TIMESTAMPTZ  NOT NULL,
    month_end   BOOLEAN      NOT NULL,
    fired_at    TIMESTAMPTZ,
    reps        INT,
    target      BIGINT,
    expected    BIGINT,
    delivered   BIGINT,
    verdict     VARCHAR(16),
    recount     BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (scope, due_at)
);
CREATE INDEX commitment_checkpoint_due ON commitment_checkpoint (due_at) WHERE fired_at IS NULL;
CREATE INDEX commitment_checkpoint_recount ON commitment_checkpoint (due_at) WHERE recount;
CREATE INDEX commitment_checkpoint_month ON commitment_checkpoint (month_start, scope);
