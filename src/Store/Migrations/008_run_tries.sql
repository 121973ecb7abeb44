-- A run that failed for the machine's sake (a full disk) is recorded with its reason but uses no try of its
-- period key: the next firing runs the period again once there is room (see JobRunner).
ALTER TABLE job_runs ADD COLUMN uses_try BOOLEAN DEFAULT true;
