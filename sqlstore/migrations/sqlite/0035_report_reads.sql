-- SQLite; keep in step with ../postgres/0035_report_reads.sql.
-- What the annual report reads, laid out to be read in order (issue 17's
-- report as a user runs it, measured by cmd/heed's BenchmarkReportProcess).
-- record_counts is kept in the order of its key, month first, so that a
-- report's months are one run of pages rather than a seek into the table
-- for each row the key's index finds; the same table, the same columns.
CREATE TABLE record_counts_by_key (
	month              TEXT NOT NULL,
	type               TEXT NOT NULL,
	service_area_id    INTEGER NOT NULL,
	procedure          TEXT NOT NULL,
	theme_id           INTEGER NOT NULL,
	s1_outcome         TEXT NOT NULL,
	s1_state           TEXT NOT NULL,
	open_deadline      TEXT NOT NULL,
	responded_month    TEXT NOT NULL,
	young_person       INTEGER NOT NULL,
	advocacy           TEXT NOT NULL,
	ombudsman_decision TEXT NOT NULL,
	n                  INTEGER NOT NULL,
	responded          INTEGER NOT NULL,
	response_days      INTEGER NOT NULL,
	lessons            INTEGER NOT NULL,
	no_learning        INTEGER NOT NULL,
	actions            INTEGER NOT NULL,
	actions_completed  INTEGER NOT NULL,
	direct             INTEGER NOT NULL DEFAULT 0,
	uasc               INTEGER NOT NULL DEFAULT 0,
	s1_corrective_yes  INTEGER NOT NULL DEFAULT 0,
	s1_corrective_no   INTEGER NOT NULL DEFAULT 0,
	s1_late            INTEGER NOT NULL DEFAULT 0,
	s1_late_days       INTEGER NOT NULL DEFAULT 0,
	s1_late_5          INTEGER NOT NULL DEFAULT 0,
	s1_late_10         INTEGER NOT NULL DEFAULT 0,
	s1_late_20         INTEGER NOT NULL DEFAULT 0,
	s1_late_over_20    INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (month, type, service_area_id, procedure, theme_id, s1_outcome, s1_state, open_deadline,
		responded_month, young_person, advocacy, ombudsman_decision)
) WITHOUT ROWID;
INSERT INTO record_counts_by_key (month, type, service_area_id, procedure, theme_id, s1_outcome, s1_state, open_deadline,
	responded_month, young_person, advocacy, ombudsman_decision, n, responded, response_days, lessons, no_learning,
	actions, actions_completed, direct, uasc, s1_corrective_yes, s1_corrective_no, s1_late, s1_late_days,
	s1_late_5, s1_late_10, s1_late_20, s1_late_over_20)
SELECT month, type, service_area_id, procedure, theme_id, s1_outcome, s1_state, open_deadline,
	responded_month, young_person, advocacy, ombudsman_decision, n, responded, response_days, lessons, no_learning,
	actions, actions_completed, direct, uasc, s1_corrective_yes, s1_corrective_no, s1_late, s1_late_days,
	s1_late_5, s1_late_10, s1_late_20, s1_late_over_20
FROM record_counts;
DROP TABLE record_counts;
ALTER TABLE record_counts_by_key RENAME TO record_counts;
-- Complaints' Stage 1 responses by the month they were made, with every
-- column the report's responses add up: read from the index alone, and
-- grouped by month in its order without sorting.
CREATE INDEX record_counts_responded ON record_counts (type, responded_month, procedure, service_area_id, s1_outcome,
	n, s1_corrective_yes, s1_corrective_no, s1_late, s1_late_days, s1_late_5, s1_late_10, s1_late_20, s1_late_over_20)
	WHERE responded_month <> '';
-- The Ombudsman's decisions by date, with what the report groups them by:
-- read from the index alone, without a seek into records for each.
DROP INDEX records_ombudsman_decided;
CREATE INDEX records_ombudsman_decided ON records (ombudsman_decided, type, voided_at, service_area_id,
	ombudsman_decision, ombudsman_fault) WHERE ombudsman_decided IS NOT NULL;
