-- The CSV and PDF of each revision exactly as issued (statement_json already is), so a later run into an
-- empty --out folder writes every statement again byte for byte, whatever changed in the data since.
-- NULL for revisions issued before this migration: those are re-rendered when their figures are unchanged.
ALTER TABLE trueup_statement_revisions ADD COLUMN statement_csv VARCHAR;
ALTER TABLE trueup_statement_revisions ADD COLUMN statement_pdf BLOB;
