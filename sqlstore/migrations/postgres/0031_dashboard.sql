-- PostgreSQL; keep in step with ../sqlite/0031_dashboard.sql.
-- The dashboard (see ../../workload.go) counts the Stage 1 responses made
-- this quarter so far and in the same days last year: read from this index,
-- a few weeks' responses are a range of it, where without it every record
-- was read.
CREATE INDEX records_s1_responded ON records (s1_responded) WHERE s1_responded IS NOT NULL;
-- It counts the learning actions not completed, leaving out those of voided
-- records: the few voided records are read from this index once, where
-- looking up each action's record cost three times as much (39,481 actions
-- not completed in 1,000,000 generated records).
CREATE INDEX records_voided ON records (id) WHERE voided_at IS NOT NULL;
-- A manager's learning actions not completed are joined to their lessons
-- and records for the service area: read from this index, each action's
-- lesson and due day need no visit to the action (half the time over the
-- same 39,481 actions).
CREATE INDEX actions_open_lesson ON actions (lesson_id, due) WHERE completed IS NULL;
