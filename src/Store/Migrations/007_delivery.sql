-- The delivery ledger of scheduled delivery: one row per attempt to deliver one subscription's reports of one
-- period to one recipient (an e-mail address, lower-case, or a folder's full path).
-- Instants are TIMESTAMP holding UTC, as everywhere else.

CREATE SEQUENCE delivery_attempt_ids START 1;

CREATE TABLE delivery_attempts (
    attempt_id    BIGINT PRIMARY KEY DEFAULT nextval('delivery_attempt_ids'),
    subscription  VARCHAR NOT NULL,   -- Delivery:Subscriptions:N:Name
    report        VARCHAR NOT NULL,   -- review-packs | sla-workbook | trueup
    period_key    VARCHAR NOT NULL,   -- a quarter "2026Q3", or a true-up due date "2026-12-31"
    recipient     VARCHAR NOT NULL,
    attempt       INTEGER NOT NULL,   -- 1 for the first try, counting on through retries and restarts
    run_trigger   VARCHAR NOT NULL,   -- after-job | catch-up | fts-deliver
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    status        VARCHAR NOT NULL,   -- sending | delivered | failed
    files         VARCHAR,            -- the files delivered, one path per line
    message_id    VARCHAR,            -- the e-mail's Message-Id (the same for every attempt of one recipient)
    server_reply  VARCHAR             -- the SMTP server's last reply, or the folder's error
);

-- At most one delivery per (subscription, period, recipient), enforced by the primary key
-- rather than by the sender's good behaviour.
CREATE TABLE delivery_successes (
    subscription VARCHAR NOT NULL,
    period_key   VARCHAR NOT NULL,
    recipient    VARCHAR NOT NULL,
    attempt_id   BIGINT NOT NULL,
    PRIMARY KEY (subscription, period_key, recipient)
);
