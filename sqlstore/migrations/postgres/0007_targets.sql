-- PostgreSQL; keep in step with ../sqlite/0007_targets.sql.
-- Procedure and reply targets an administrator set in the web application.
-- They override heed.toml's; the statutory ceilings stay in the code. Who
-- changed them, and when, is in the audit log.
CREATE TABLE stage_targets (
	procedure        TEXT NOT NULL,
	stage            INTEGER NOT NULL,
	acknowledge_days INTEGER NOT NULL,
	target_days      INTEGER NOT NULL,
	max_days         INTEGER NOT NULL,
	PRIMARY KEY (procedure, stage)
);

CREATE TABLE reply_targets (
	record_type TEXT PRIMARY KEY,
	target_days INTEGER NOT NULL
);
