-- SQLite; keep in step with ../postgres/0043_quarter_counts.sql.
-- What an annual report reads, counted by financial quarter (its columns)
-- and kept in step with every write as record_counts is (see
-- sqlstore/tallies.go, which fills these tables after this migration): the
-- report reads each row as it is, without grouping, so that it costs about
-- what counting a year's records by service area does (issue 17). Each
-- quarter is named by its first month, 2021-04; rows whose n has fallen to
-- 0 count nothing.

-- Records by the quarter they were received in, with Stage 1's outcome and
-- timing (open_deadline while it is open) and the learning recorded.
CREATE TABLE quarter_counts (
	quarter            TEXT NOT NULL,
	type               TEXT NOT NULL,
	service_area_id    INTEGER NOT NULL,
	procedure          TEXT NOT NULL,
	s1_outcome         TEXT NOT NULL,
	s1_state           TEXT NOT NULL,
	open_deadline      TEXT NOT NULL,
	young_person       INTEGER NOT NULL,
	advocacy           TEXT NOT NULL,
	ombudsman_decision TEXT NOT NULL,
	refusal_reason     TEXT NOT NULL,
	n                  INTEGER NOT NULL,
	responded          INTEGER NOT NULL,
	response_days      INTEGER NOT NULL,
	direct             INTEGER NOT NULL,
	uasc               INTEGER NOT NULL,
	lessons            INTEGER NOT NULL,
	no_learning        INTEGER NOT NULL,
	actions            INTEGER NOT NULL,
	actions_completed  INTEGER NOT NULL,
	PRIMARY KEY (quarter, type, service_area_id, procedure, s1_outcome, s1_state, open_deadline, young_person,
		advocacy, ombudsman_decision, refusal_reason)
) WITHOUT ROWID;

-- Complaints by the quarter they were received in and their theme.
CREATE TABLE theme_counts (
	quarter         TEXT NOT NULL,
	theme_id        INTEGER NOT NULL,
	service_area_id INTEGER NOT NULL,
	procedure       TEXT NOT NULL,
	s1_outcome      TEXT NOT NULL,
	n               INTEGER NOT NULL,
	PRIMARY KEY (quarter, theme_id, service_area_id, procedure, s1_outcome)
) WITHOUT ROWID;

-- Complaints' Stages 2 and 3 by the quarter they started in.
CREATE TABLE stage_counts (
	quarter         TEXT NOT NULL,
	number          INTEGER NOT NULL,
	procedure       TEXT NOT NULL,
	service_area_id INTEGER NOT NULL,
	outcome         TEXT NOT NULL,
	state           TEXT NOT NULL,
	open_deadline   TEXT NOT NULL,
	n               INTEGER NOT NULL,
	responded       INTEGER NOT NULL,
	response_days   INTEGER NOT NULL,
	PRIMARY KEY (quarter, number, procedure, service_area_id, outcome, state, open_deadline)
) WITHOUT ROWID;

-- Complaints' stage responses by the quarter they were made in.
CREATE TABLE response_counts (
	quarter         TEXT NOT NULL,
	number          INTEGER NOT NULL,
	procedure       TEXT NOT NULL,
	service_area_id INTEGER NOT NULL,
	outcome         TEXT NOT NULL,
	n               INTEGER NOT NULL,
	corrective_yes  INTEGER NOT NULL,
	corrective_no   INTEGER NOT NULL,
	late            INTEGER NOT NULL,
	late_days       INTEGER NOT NULL,
	late_5          INTEGER NOT NULL,
	late_10         INTEGER NOT NULL,
	late_20         INTEGER NOT NULL,
	late_over_20    INTEGER NOT NULL,
	PRIMARY KEY (quarter, number, procedure, service_area_id, outcome)
) WITHOUT ROWID;

-- Learning actions not yet completed, by the quarter their record was
-- received in and the day they are due.
CREATE TABLE open_action_counts (
	quarter         TEXT NOT NULL,
	service_area_id INTEGER NOT NULL,
	procedure       TEXT NOT NULL,
	due             TEXT NOT NULL,
	n               INTEGER NOT NULL,
	PRIMARY KEY (quarter, service_area_id, procedure, due)
) WITHOUT ROWID;
