-- Stored first-response SLA evaluations: one row per case, written by SlaRefresh after ingest.
-- Everything here is independent of the as-of instant, so a query derives met / breached / pending
-- at any as-of without the calendar:
--   excluded_reason set                           -> excluded
--   first_response_at <= as-of                    -> met when response_met, else breached
--   otherwise (unanswered at the as-of)           -> breached when as-of > due_at, else pending
-- Instants are TIMESTAMP holding UTC, as in the input tables.

CREATE TABLE sla_evaluations (
    case_number        VARCHAR NOT NULL,
    account_id         VARCHAR NOT NULL,
    site_id            VARCHAR NOT NULL,
    serial_number      VARCHAR,
    engineer_id        VARCHAR,
    title              VARCHAR,
    created_at         TIMESTAMP NOT NULL,
    first_response_at  TIMESTAMP,
    resolved_at        TIMESTAMP,
    excluded_reason    VARCHAR,          -- NULL: eligible
    priority           VARCHAR NOT NULL, -- in effect when the clock stopped (after every known change while unanswered)
    contract_id        VARCHAR,          -- the covering contract; NULL when excluded before one was found
    platform           VARCHAR,
    service_window     VARCHAR,          -- 8x5 | 24x7
    region             VARCHAR,
    support_center     VARCHAR,
    after_hours        BOOLEAN NOT NULL,
    target_seconds     BIGINT,           -- NULL when excluded
    response_seconds   BIGINT,           -- elapsed to the first response, whole seconds rounded up; NULL unanswered/excluded
    response_met       BOOLEAN,          -- exact comparison of the elapsed time with the target
    due_at             TIMESTAMP,        -- eligible: the instant the elapsed time reaches the target; NULL: never
    quarter            VARCHAR NOT NULL, -- of created_at in the centre's zone (UTC without a contract), e.g. 2026Q3
    resolution_seconds BIGINT,           -- creation to resolution minus customer waits, whole seconds rounded down
    evaluated_through  BIGINT NOT NULL   -- the highest input batch_id seen when this row was evaluated
);

-- What the last refresh was computed with: a changed reference (SKUs, targets, centres) re-evaluates everything.
CREATE TABLE sla_refresh_state (
    reference_fingerprint VARCHAR NOT NULL,
    refreshed_through     BIGINT NOT NULL
);
