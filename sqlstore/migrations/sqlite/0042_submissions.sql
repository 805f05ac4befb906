-- SQLite; keep in step with ../postgres/0042_submissions.sql.
-- Complaints, compliments and comments sent through the public forms
-- (issue 19). A draft is kept while its sender checks their answers; once
-- sent it has a reference and waits in the triage queue, until an officer's
-- decision makes it a case (record_reference).
CREATE TABLE submissions (
	id                 INTEGER PRIMARY KEY,
	token              TEXT NOT NULL UNIQUE,
	reference          TEXT UNIQUE,
	kind               TEXT NOT NULL,
	form               TEXT NOT NULL,
	status             TEXT NOT NULL,
	name               TEXT NOT NULL,
	email              TEXT NOT NULL,
	phone              TEXT NOT NULL,
	service            TEXT NOT NULL,
	summary            TEXT NOT NULL,
	outcome            TEXT NOT NULL,
	on_behalf_name     TEXT NOT NULL,
	on_behalf_relation TEXT NOT NULL,
	on_behalf_why      TEXT NOT NULL,
	advocate           TEXT NOT NULL,
	received           DATE,
	submitted_at       TIMESTAMP,
	decision           TEXT NOT NULL DEFAULT '',
	refusal_reason     TEXT NOT NULL DEFAULT '',
	record_reference   TEXT NOT NULL DEFAULT '',
	triaged_at         TIMESTAMP,
	triaged_by         TEXT NOT NULL DEFAULT '',
	version            INTEGER NOT NULL DEFAULT 1,
	created_at         TIMESTAMP NOT NULL
);
CREATE INDEX submissions_status ON submissions (status, id);

CREATE TABLE submission_attachments (
	id            INTEGER PRIMARY KEY,
	submission_id INTEGER NOT NULL REFERENCES submissions (id),
	name          TEXT NOT NULL,
	type          TEXT NOT NULL,
	size          INTEGER NOT NULL,
	sha256        TEXT NOT NULL,
	content       BLOB NOT NULL
);
CREATE INDEX submission_attachments_submission ON submission_attachments (submission_id, id);
