-- Heed's first schema, SQLite. Dates are ISO 8601 text; times are UTC.
CREATE TABLE service_areas (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

CREATE TABLE teams (
	id              INTEGER PRIMARY KEY,
	service_area_id INTEGER NOT NULL REFERENCES service_areas (id),
	name            TEXT NOT NULL,
	UNIQUE (service_area_id, name)
);

CREATE TABLE themes (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);

CREATE TABLE records (
	id                     INTEGER PRIMARY KEY,
	reference              TEXT NOT NULL UNIQUE,
	type                   TEXT NOT NULL,
	received               DATE NOT NULL,
	service_area_id        INTEGER REFERENCES service_areas (id),
	team_id                INTEGER REFERENCES teams (id),
	procedure              TEXT NOT NULL DEFAULT '',
	theme_id               INTEGER REFERENCES themes (id),
	complainant_name       TEXT NOT NULL DEFAULT '',
	complainant_type       TEXT NOT NULL DEFAULT '',
	young_person           BOOLEAN NOT NULL DEFAULT FALSE,
	advocacy               TEXT NOT NULL DEFAULT '',
	channel                TEXT NOT NULL DEFAULT '',
	summary                TEXT NOT NULL DEFAULT '',
	related_reference      TEXT NOT NULL DEFAULT '',
	redirected_to          TEXT NOT NULL DEFAULT '',
	ombudsman_reference    TEXT NOT NULL DEFAULT '',
	ombudsman_decision     TEXT NOT NULL DEFAULT '',
	ombudsman_decided      DATE,
	ombudsman_remedy       TEXT NOT NULL DEFAULT '',
	ombudsman_remedy_pence INTEGER NOT NULL DEFAULT 0,
	ombudsman_complied     DATE,
	closed                 DATE,
	version                INTEGER NOT NULL DEFAULT 1,
	created_at             TIMESTAMP NOT NULL,
	updated_at             TIMESTAMP NOT NULL
);
CREATE INDEX records_received ON records (received, type, service_area_id);

CREATE TABLE stages (
	record_id        INTEGER NOT NULL REFERENCES records (id),
	number           INTEGER NOT NULL,
	started          DATE,
	acknowledged     DATE,
	target_days      INTEGER NOT NULL DEFAULT 0,
	deadline         DATE,
	extended_to      DATE,
	extension_reason TEXT NOT NULL DEFAULT '',
	investigator     TEXT NOT NULL DEFAULT '',
	responded        DATE,
	outcome          TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (record_id, number)
);
CREATE INDEX stages_open ON stages (deadline) WHERE responded IS NULL AND outcome = '';

CREATE TABLE elements (
	record_id    INTEGER NOT NULL REFERENCES records (id),
	stage_number INTEGER NOT NULL,
	position     INTEGER NOT NULL,
	summary      TEXT NOT NULL DEFAULT '',
	finding      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (record_id, stage_number, position)
);

CREATE TABLE pauses (
	record_id    INTEGER NOT NULL REFERENCES records (id),
	stage_number INTEGER NOT NULL,
	position     INTEGER NOT NULL,
	paused_from  DATE,
	paused_to    DATE,
	reason       TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (record_id, stage_number, position)
);

CREATE TABLE lessons (
	id          INTEGER PRIMARY KEY,
	record_id   INTEGER NOT NULL REFERENCES records (id),
	position    INTEGER NOT NULL,
	text        TEXT NOT NULL DEFAULT '',
	no_learning BOOLEAN NOT NULL DEFAULT FALSE,
	UNIQUE (record_id, position)
);

CREATE TABLE actions (
	id          INTEGER PRIMARY KEY,
	lesson_id   INTEGER NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	owner       TEXT NOT NULL DEFAULT '',
	due         DATE,
	completed   DATE,
	evidence    TEXT NOT NULL DEFAULT '',
	UNIQUE (lesson_id, position)
);

-- The audit history is append-only: the triggers refuse any change.
CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER REFERENCES records (id),
	at        TIMESTAMP NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,
	note      TEXT NOT NULL DEFAULT '',
	changes   TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_record ON audit_log (record_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;

CREATE TABLE bank_holidays (
	day   DATE PRIMARY KEY,
	title TEXT NOT NULL,
	notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL,
	password_hash TEXT NOT NULL DEFAULT '',
	must_change   BOOLEAN NOT NULL DEFAULT TRUE,
	created_at    TIMESTAMP NOT NULL
);
