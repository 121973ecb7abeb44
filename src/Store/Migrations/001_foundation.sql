-- The nine input files, the ingest batches, quarantine and compliance findings.
-- Instants are stored as TIMESTAMP holding UTC (the offset of the input is applied on read).
-- Every input row records the batch that last wrote it (latest batch wins).

CREATE TABLE ingest_batches (
    batch_id      BIGINT PRIMARY KEY,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    source_folder VARCHAR NOT NULL
);

CREATE TABLE ingest_files (
    batch_id       BIGINT NOT NULL,
    file           VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    rows_read      BIGINT NOT NULL,
    rows_accepted  BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    rows_inserted  BIGINT NOT NULL,
    rows_updated   BIGINT NOT NULL,
    rows_unchanged BIGINT NOT NULL,
    PRIMARY KEY (batch_id, file)
);

CREATE TABLE quarantine (
    batch_id BIGINT NOT NULL,
    file     VARCHAR NOT NULL,
    line     BIGINT NOT NULL,
    reason   VARCHAR NOT NULL,
    detail   VARCHAR,
    raw      VARCHAR
);

CREATE TABLE compliance_findings (
    kind      VARCHAR NOT NULL,   -- short_contract, representatives_out_of_range, site_without_primary_contact, case_on_unregistered_serial
    subject   VARCHAR NOT NULL,   -- the key of the row the finding is about
    account_id VARCHAR,
    detail    VARCHAR NOT NULL,
    batch_id  BIGINT NOT NULL     -- the batch after which it was found
);

CREATE TABLE accounts (
    account_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    service_manager_email VARCHAR,
    batch_id BIGINT NOT NULL
);

CREATE TABLE sites (
    site_id VARCHAR PRIMARY KEY,
    account_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    primary_contact_email VARCHAR,
    batch_id BIGINT NOT NULL
);

CREATE TABLE contracts (
    contract_id VARCHAR PRIMARY KEY,
    account_id VARCHAR NOT NULL,
    site_id VARCHAR NOT NULL,
    sku VARCHAR NOT NULL,
    support_center VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,          -- inclusive
    currency VARCHAR NOT NULL,
    co_term BOOLEAN NOT NULL,
    batch_id BIGINT NOT NULL
);

CREATE TABLE installed_base (
    serial_number VARCHAR NOT NULL,
    contract_id VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    covered_from DATE NOT NULL,
    covered_to DATE,                 -- inclusive; NULL: the contract's end
    annual_fee DECIMAL(18,2) NOT NULL,
    end_of_support DATE,
    gray_market BOOLEAN NOT NULL,
    batch_id BIGINT NOT NULL,
    PRIMARY KEY (serial_number, contract_id)
);

CREATE TABLE representatives (
    account_id VARCHAR NOT NULL,
    email VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    certification VARCHAR,
    batch_id BIGINT NOT NULL,
    PRIMARY KEY (account_id, email)
);

CREATE TABLE engineers (
    engineer_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    email VARCHAR,
    support_center VARCHAR NOT NULL,
    platforms VARCHAR,               -- ';'-separated
    batch_id BIGINT NOT NULL
);

CREATE TABLE cases (
    case_number VARCHAR PRIMARY KEY,
    account_id VARCHAR NOT NULL,
    site_id VARCHAR NOT NULL,
    serial_number VARCHAR,
    priority VARCHAR NOT NULL,       -- at creation, P1..P4
    created_at TIMESTAMP NOT NULL,   -- UTC
    first_response_at TIMESTAMP,     -- UTC
    resolved_at TIMESTAMP,           -- UTC
    exclusion VARCHAR,
    engineer_id VARCHAR,
    title VARCHAR,
    batch_id BIGINT NOT NULL
);

CREATE TABLE case_events (
    case_number VARCHAR NOT NULL,
    "at" TIMESTAMP NOT NULL,         -- UTC (quoted: AT is a keyword)
    kind VARCHAR NOT NULL,
    value VARCHAR,
    batch_id BIGINT NOT NULL,
    PRIMARY KEY (case_number, "at", kind)
);

CREATE TABLE holidays (
    support_center VARCHAR NOT NULL,
    date DATE NOT NULL,
    name VARCHAR,
    batch_id BIGINT NOT NULL,
    PRIMARY KEY (support_center, date)
);
