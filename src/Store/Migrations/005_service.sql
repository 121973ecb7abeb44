-- The run ledger of `fts serve`: one row per attempt of a scheduled job for a period key
-- (a day "2026-11-25", an ISO week "2026-W48" or a quarter "2026Q3").
-- Instants are TIMESTAMP holding UTC, as everywhere else.

CREATE SEQUENCE job_run_ids START 1;

CREATE TABLE job_runs (
    run_id       BIGINT PRIMARY KEY DEFAULT nextval('job_run_ids'),
    job          VARCHAR NOT NULL,   -- ingest, sla-refresh, review-packs, true-up, forecast
    period_key   VARCHAR NOT NULL,
    attempt      INTEGER NOT NULL,   -- 1 for the first try of a period key, counting on through retries
    run_trigger  VARCHAR NOT NULL,   -- schedule | catch-up
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,   -- running | succeeded | failed
    output_paths VARCHAR,            -- one path per line
    error        VARCHAR
);

-- At most one successful run per job and period key, enforced by the primary key
-- rather than by the scheduler's good behaviour.
CREATE TABLE job_successes (
    job        VARCHAR NOT NULL,
    period_key VARCHAR NOT NULL,
    run_id     BIGINT NOT NULL,
    PRIMARY KEY (job, period_key)
);
