-- Read models, kept current by the consumers in the transaction that stores a fact (see the
-- readmodel package and the README): a report is an indexed aggregate over rows proportional to the
-- period it asks for, never a replay of lead histories. Everything here can be recomputed from the
-- facts with the rebuild command; nothing here is a fact.
--
-- Rollups count in slots of 15 minutes (UTC). Every bucket edge of a report (local midnight of a
-- week or month in any time zone of today's tz database) falls on such a slot edge, so a bucket is
-- the sum of whole slots.

-- One row per lead: its milestones as LeadHistory derives them. The row is also the lead's lock:
-- projecting a lead takes it FOR UPDATE, so concurrent consumers (and instances) recompute one lead
-- one after the other, each from all facts committed before it.
CREATE TABLE lead_summary (
    lead_id                 VARCHAR(128) PRIMARY KEY,
    first_touch_at          TIMESTAMPTZ,
    first_mql_at            TIMESTAMPTZ,
    mql_segment             VARCHAR(8),
    mql_source              VARCHAR(500),
    mql_response_seconds    BIGINT,
    mql_business_seconds    BIGINT,
    first_sql_at            TIMESTAMPTZ,
    sql_segment             VARCHAR(8),
    sql_source              VARCHAR(500),
    sql_response_seconds    BIGINT,
    sql_business_seconds    BIGINT,
    sql_contacted_in_time   BOOLEAN      NOT NULL DEFAULT FALSE,
    sql_feedback_in_time    BOOLEAN      NOT NULL DEFAULT FALSE,
    first_attempt_at        TIMESTAMPTZ,
    first_connect_at        TIMESTAMPTZ,
    meeting_at              TIMESTAMPTZ,
    given_up_at             TIMESTAMPTZ,
    given_up_with_minimum   BOOLEAN      NOT NULL DEFAULT FALSE,
    owner_id                VARCHAR(128),
    team                    VARCHAR(128)
);
-- Speed to lead reads these alone (index-only scans): the leads that first reached the stage.
CREATE INDEX lead_summary_sql ON lead_summary (first_sql_at)
    INCLUDE (owner_id, sql_segment, sql_source, sql_response_seconds, sql_business_seconds)
    WHERE first_sql_at IS NOT NULL;
CREATE INDEX lead_summary_mql ON lead_summary (first_mql_at)
    INCLUDE (owner_id, mql_segment, mql_source, mql_response_seconds, mql_business_seconds)
    WHERE first_mql_at IS NOT NULL;

-- Lead milestones counted per slot: the funnel, compliance and feedback counts of any range.
CREATE TABLE lead_rollup (
    slot                  TIMESTAMPTZ PRIMARY KEY,
    leads                 BIGINT NOT NULL DEFAULT 0,
    mqls                  BIGINT NOT NULL DEFAULT 0,
    sqls                  BIGINT NOT NULL DEFAULT 0,
    sqls_in_time          BIGINT NOT NULL DEFAULT 0,
    sqls_feedback_in_time BIGINT NOT NULL DEFAULT 0,
    contacted             BIGINT NOT NULL DEFAULT 0,
    connected             BIGINT NOT NULL DEFAULT 0,
    meetings              BIGINT NOT NULL DEFAULT 0,
    given_up              BIGINT NOT NULL DEFAULT 0,
    given_up_with_minimum BIGINT NOT NULL DEFAULT 0
);

-- One row per deal, as the reports see it: the latest close, and whether the lead converted before it.
CREATE TABLE deal_summary (
    deal_id           VARCHAR(128) PRIMARY KEY,
    lead_id           VARCHAR(128) NOT NULL,
    outcome           VARCHAR(8)   NOT NULL,
    amount            NUMERIC      NOT NULL,
    currency          VARCHAR(3),
    closed_at         TIMESTAMPTZ  NOT NULL,
    marketing_sourced BOOLEAN      NOT NULL
);
CREATE INDEX deal_summary_lead ON deal_summary (lead_id);
CREATE INDEX deal_summary_won ON deal_summary (closed_at, deal_id) WHERE outcome = 'WON';

-- Deals per slot and currency ('' for none).
CREATE TABLE deal_rollup (
    slot              TIMESTAMPTZ NOT NULL,
    currency          VARCHAR(3)  NOT NULL,
    won               BIGINT      NOT NULL DEFAULT 0,
    lost              BIGINT      NOT NULL DEFAULT 0,
    won_revenue       NUMERIC     NOT NULL DEFAULT 0,
    marketing_revenue NUMERIC     NOT NULL DEFAULT 0,
    PRIMARY KEY (slot, currency)
);

-- One row per (won deal, touch before its close), in path order (seq), with the weight and credit of
-- every attribution model (AttributionCalculator); a deal without such a touch has one row without a
-- touch that carries its whole amount. The credit export reads it as is.
CREATE TABLE attribution_credit (
    deal_id            VARCHAR(128)  NOT NULL,
    seq                INTEGER       NOT NULL,
    lead_id            VARCHAR(128)  NOT NULL,
    closed_at          TIMESTAMPTZ   NOT NULL,
    currency           VARCHAR(3),
    deal_amount        NUMERIC       NOT NULL,
    touch_event_id     VARCHAR(64),
    touch_occurred_at  TIMESTAMPTZ,
    channel            VARCHAR(200),
    campaign           VARCHAR(500),
    offer              VARCHAR(200),
    source             VARCHAR(500),
    medium             VARCHAR(500),
    content            VARCHAR(500),
    landing_page       VARCHAR(2000),
    weight_first_touch NUMERIC(9, 6) NOT NULL,
    credit_first_touch NUMERIC       NOT NULL,
    weight_last_touch  NUMERIC(9, 6) NOT NULL,
    credit_last_touch  NUMERIC       NOT NULL,
    weight_linear      NUMERIC(9, 6) NOT NULL,
    credit_linear      NUMERIC       NOT NULL,
    weight_u_shaped    NUMERIC(9, 6) NOT NULL,
    credit_u_shaped    NUMERIC       NOT NULL,
    weight_w_shaped    NUMERIC(9, 6) NOT NULL,
    credit_w_shaped    NUMERIC       NOT NULL,
    weight_full_path   NUMERIC(9, 6) NOT NULL,
    credit_full_path   NUMERIC       NOT NULL,
    weight_time_decay  NUMERIC(9, 6) NOT NULL,
    credit_time_decay  NUMERIC       NOT NULL,
    PRIMARY KEY (deal_id, seq)
);
CREATE INDEX attribution_credit_lead ON attribution_credit (lead_id);

-- Attributed revenue per dimension (channel, campaign, ...), slot, currency ('' for none) and group
-- value ("(none)", "(unattributed)"), for every model: the sum of credits and weights, and the deals
-- that gave the group any credit. lines counts the credit lines, so a group whose touches all got 0
-- under a model still shows, as it does when computed from the lines. The key holds the value's MD5:
-- a landing page can be longer than a B-tree entry may be.
CREATE TABLE attribution_rollup (
    dimension           VARCHAR(16)   NOT NULL,
    slot                TIMESTAMPTZ   NOT NULL,
    currency            VARCHAR(3)    NOT NULL,
    value_key           UUID          NOT NULL,
    group_value         VARCHAR(2000) NOT NULL,
    lines               BIGINT        NOT NULL DEFAULT 0,
    revenue_first_touch NUMERIC       NOT NULL DEFAULT 0,
    weight_first_touch  NUMERIC       NOT NULL DEFAULT 0,
    deals_first_touch   BIGINT        NOT NULL DEFAULT 0,
    revenue_last_touch  NUMERIC       NOT NULL DEFAULT 0,
    weight_last_touch   NUMERIC       NOT NULL DEFAULT 0,
    deals_last_touch    BIGINT        NOT NULL DEFAULT 0,
    revenue_linear      NUMERIC       NOT NULL DEFAULT 0,
    weight_linear       NUMERIC       NOT NULL DEFAULT 0,
    deals_linear        BIGINT        NOT NULL DEFAULT 0,
    revenue_u_shaped    NUMERIC       NOT NULL DEFAULT 0,
    weight_u_shaped     NUMERIC       NOT NULL DEFAULT 0,
    deals_u_shaped      BIGINT        NOT NULL DEFAULT 0,
    revenue_w_shaped    NUMERIC       NOT NULL DEFAULT 0,
    weight_w_shaped     NUMERIC       NOT NULL DEFAULT 0,
    deals_w_shaped      BIGINT        NOT NULL DEFAULT 0,
    revenue_full_path   NUMERIC       NOT NULL DEFAULT 0,
    weight_full_path    NUMERIC       NOT NULL DEFAULT 0,
    deals_full_path     BIGINT        NOT NULL DEFAULT 0,
    revenue_time_decay  NUMERIC       NOT NULL DEFAULT 0,
    weight_time_decay   NUMERIC       NOT NULL DEFAULT 0,
    deals_time_decay    BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (dimension, slot, currency, value_key)
);

-- One row per breach id: what the breach reports count. Flags only ever turn on, so the row is the
-- same whatever order a breach's events arrive in. due_at is the breach's due time, or its detection
-- time when it has none.
CREATE TABLE sla_breach (
    breach_id VARCHAR(64)  PRIMARY KEY,
    rule      VARCHAR(32)  NOT NULL,
    lead_id   VARCHAR(128) NOT NULL,
    owner_id  VARCHAR(128),
    segment   VARCHAR(8),
    due_at    TIMESTAMPTZ  NOT NULL,
    breached  BOOLEAN      NOT NULL DEFAULT FALSE,
    retracted BOOLEAN      NOT NULL DEFAULT FALSE,
    escalated BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX sla_breach_due ON sla_breach (due_at) INCLUDE (rule, owner_id, segment, retracted, escalated)
    WHERE breached;

-- Marketing's pacing checkpoints as sla-monitor-service counted them (marketing.commitments.v1): the
-- latest count of each (scope, due time). A fact of the monitor's, not derived here.
CREATE TABLE commitment_checkpoint (
    scope          VARCHAR(160) NOT NULL,
    due_at         TIMESTAMPTZ  NOT NULL,
    event_id       VARCHAR(64)  NOT NULL,
    team           VARCHAR(128),
    segment        VARCHAR(8),
    month_start    TIMESTAMPTZ  NOT NULL,
    month_end      BOOLEAN      NOT NULL,
    counted_at     TIMESTAMPTZ  NOT NULL,
    reps           INTEGER      NOT NULL,
    target         BIGINT       NOT NULL,
    expected       BIGINT       NOT NULL,
    delivered      BIGINT       NOT NULL,
    verdict        VARCHAR(16)  NOT NULL,
    policy_id      VARCHAR(128),
    policy_version INTEGER,
    PRIMARY KEY (scope, due_at)
);
CREATE INDEX commitment_checkpoint_due ON commitment_checkpoint (due_at);

-- Rollup rows are counters, updated in place all day long (every batch adds to the slots of its
-- events): room on each page lets PostgreSQL keep the new version on the same page without touching
-- the index (a HOT update), and vacuum runs early enough to keep up.
ALTER TABLE lead_rollup SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01);
ALTER TABLE deal_rollup SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01);
ALTER TABLE attribution_rollup SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01);
ALTER TABLE lead_summary SET (fillfactor = 80);

-- The dashboard's latest breaches, newest first.
CREATE INDEX sla_event_detected ON sla_event (detected_at, event_id);
-- The query-time coalesce(due_at, detected_at) it replaces had no index; sla_breach has one.
DROP INDEX sla_event_due;
