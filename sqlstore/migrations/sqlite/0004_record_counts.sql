-- Report counts kept by month of receipt (see sqlstore/counts.go, which
-- fills the table after this migration and keeps it in step).
CREATE TABLE record_counts (
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
	PRIMARY KEY (month, type, service_area_id, procedure, theme_id, s1_outcome, s1_state, open_deadline,
		responded_month, young_person, advocacy, ombudsman_decision)
);
CREATE INDEX record_counts_responded ON record_counts (responded_month) WHERE responded_month <> '';
CREATE INDEX actions_open ON actions (due) WHERE completed IS NULL;
