-- Issued true-up statements. A statement number (TU-<contract>-<year>) is issued once; a reissue after a
-- data correction keeps the number and adds a revision, so the history of what finance sent stays auditable.

CREATE TABLE trueup_statements (
    statement_number VARCHAR PRIMARY KEY,
    contract_id      VARCHAR NOT NULL,
    contract_year    INTEGER NOT NULL,
    first_issued_at  TIMESTAMP NOT NULL,   -- UTC
    UNIQUE (contract_id, contract_year)
);

-- Every issue of a statement, revision 1 first. The latest revision is the one in force.
CREATE TABLE trueup_statement_revisions (
    statement_number VARCHAR NOT NULL,
    revision         INTEGER NOT NULL,
    issued_at        TIMESTAMP NOT NULL,   -- UTC
    due_date         DATE NOT NULL,        -- the --due date of the run that issued it
    content_sha256   VARCHAR NOT NULL,     -- of the statement JSON, which is byte-identical for the same data
    statement_json   VARCHAR NOT NULL,     -- as issued, so a reissue can show what changed
    currency         VARCHAR NOT NULL,
    additions_total  DECIMAL(18,2) NOT NULL,
    pdf_file         VARCHAR NOT NULL,
    csv_file         VARCHAR NOT NULL,
    json_file        VARCHAR NOT NULL,
    PRIMARY KEY (statement_number, revision)
);
