-- The facts every report is computed from. Each row is one event as it happened (event time), so
-- attribution and the reports are recomputed at query time and late or out-of-order events need no
-- repair. No personal data beyond ids: reports never need a lead's name or email.

-- One row per conversion (a marketing touchpoint).
CREATE TABLE touchpoint (
    event_id      VARCHAR(64)   PRIMARY KEY,
    lead_id       VARCHAR(128)  NOT NULL,
    occurred_at   TIMESTAMPTZ   NOT NULL,
    stage         VARCHAR(8),
    segment       VARCHAR(8),
    journey_phase VARCHAR(16),
    offer         VARCHAR(200),
    form_id       VARCHAR(200),
    channel       VARCHAR(200),
    utm_source    VARCHAR(500),
    utm_medium    VARCHAR(500),
    utm_campaign  VARCHAR(500),
    utm_term      VARCHAR(500),
    utm_content   VARCHAR(500),
    landing_page  VARCHAR(2000),
    page_url      VARCHAR(2000),
    referrer      VARCHAR(2000),
    company       VARCHAR(300),
    employees     INTEGER,
    country       VARCHAR(8)
);
CREATE INDEX touchpoint_lead ON touchpoint (lead_id, occurred_at);
CREATE INDEX touchpoint_time ON touchpoint (occurred_at, event_id);

-- Contact attempts, status changes and owner assignments from the CRM.
CREATE TABLE sales_activity (
    event_id        VARCHAR(64)  PRIMARY KEY,
    lead_id         VARCHAR(128) NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    activity_type   VARCHAR(20)  NOT NULL,
    rep_id          VARCHAR(128),
    contact_channel VARCHAR(16),
    outcome         VARCHAR(16),
    status          VARCHAR(20),
    reason          VARCHAR(1000),
    owner_id        VARCHAR(128),
    manager_id      VARCHAR(128),
    team            VARCHAR(128)
);
CREATE INDEX sales_activity_lead ON sales_activity (lead_id, occurred_at);

-- One row per deal: its latest close (by closed_at, then event id) wins, so a corrected close
-- replaces the first one whatever order they arrive in. The lead may not be known yet.
CREATE TABLE deal (
    deal_id    VARCHAR(128) PRIMARY KEY,
    event_id   VARCHAR(64)  NOT NULL,
    lead_id    VARCHAR(128) NOT NULL,
    outcome    VARCHAR(8)   NOT NULL,
    amount     NUMERIC      NOT NULL,
    currency   VARCHAR(3),
    closed_at  TIMESTAMPTZ  NOT NULL,
    owner_id   VARCHAR(128)
);
CREATE INDEX deal_closed ON deal (closed_at, deal_id);
CREATE INDEX deal_lead ON deal (lead_id);

-- Warnings, breaches, escalations, retractions and resolutions from sla-monitor-service.
CREATE TABLE sla_event (
    event_id              VARCHAR(64)  PRIMARY KEY,
    breach_id             VARCHAR(64)  NOT NULL,
    kind                  VARCHAR(16)  NOT NULL,
    rule                  VARCHAR(32)  NOT NULL,
    lead_id               VARCHAR(128) NOT NULL,
    owner_id              VARCHAR(128),
    manager_id            VARCHAR(128),
    segment               VARCHAR(8),
    stage                 VARCHAR(8),
    due_at                TIMESTAMPTZ,
    detected_at           TIMESTAMPTZ  NOT NULL,
    late_by_seconds       BIGINT,
    attempts_made         INTEGER,
    attempts_required     INTEGER,
    response_time_seconds BIGINT,
    team                  VARCHAR(128),
    policy_id             VARCHAR(128),
    policy_version        INTEGER
);
CREATE INDEX sla_event_breach ON sla_event (breach_id);
CREATE INDEX sla_event_lead ON sla_event (lead_id);
CREATE INDEX sla_event_due ON sla_event (due_at);
