-- PostgreSQL; keep in step with ../sqlite/0034_target_sets.sql.
-- Rules by date: the procedure targets an administrator saved, in dated
-- sets. Each row is one stage of one set; set_from is the first day (ISO
-- 8601) the set applies to, by the day a stage starts, and '' for the first
-- set, which applies to everything before the second. set_name says whose
-- timescales they are. They replace stage_targets (one set, in force now),
-- which a database from before keeps until targets are next saved.
CREATE TABLE stage_target_sets (
	procedure        TEXT NOT NULL,
	set_from         TEXT NOT NULL,
	set_name         TEXT NOT NULL DEFAULT '',
	stage            INTEGER NOT NULL,
	acknowledge_days INTEGER NOT NULL,
	target_days      INTEGER NOT NULL,
	max_days         INTEGER NOT NULL,
	PRIMARY KEY (procedure, set_from, stage)
);
