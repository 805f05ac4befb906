-- SQLite; keep in step with ../postgres/0029_report_counts_responses.sql.
-- What the report's newer tables need from record_counts, as sums kept with
-- the other counts (sqlstore/counts.go fills them after this migration):
-- complaints made directly by a child or young person, by an unaccompanied
-- asylum-seeking child; Stage 1 responses that recorded corrective action
-- or explicitly none; and late Stage 1 responses, their working days late
-- and how many were 1-5, 6-10, 11-20 and over 20 working days late.
-- Each stage keeps its working days late (late_days), computed with its
-- deadline as response_days is, so that a later change of bank holidays
-- does not change what a stage added to the counts; sqlstore fills it for
-- the stages already answered late.
ALTER TABLE stages ADD COLUMN late_days INTEGER NOT NULL DEFAULT 0;
-- Stage 2 and 3 responses made in a report's years, found by response date.
CREATE INDEX stages_later_responded ON stages (responded) WHERE number >= 2;
ALTER TABLE record_counts ADD COLUMN direct INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN uasc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_corrective_yes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_corrective_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_late INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_late_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_late_5 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_late_10 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_late_20 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_counts ADD COLUMN s1_late_over_20 INTEGER NOT NULL DEFAULT 0;
