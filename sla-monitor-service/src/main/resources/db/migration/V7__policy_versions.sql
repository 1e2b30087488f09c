-- Every version of every SLA policy the monitor has run with. A stage episode stays governed by
-- the version in force when its conversion arrived, so older versions are kept while leads need
-- them. A version's settings never change: the monitor refuses to start when they differ.
CREATE TABLE sla_policy_version (
    policy_id         VARCHAR(80)  NOT NULL,
    version           INTEGER      NOT NULL,
    definition        TEXT         NOT NULL,
    applies_to        VARCHAR(16)  NOT NULL,
    first_in_force_at TIMESTAMPTZ  NOT NULL,
    -- OPEN_EPISODES versions: when the re-plan of the open leads finished (null: not yet)
    replanned_at      TIMESTAMPTZ,
    PRIMARY KEY (policy_id, version)
);

-- The policy version (id@version) behind the lead's next timer: GET /sla/policies counts open leads by it.
ALTER TABLE lead_sla_state ADD COLUMN next_policy VARCHAR(96);
