-- SQLite; keep in step with ../postgres/0036_outbox.sql.
-- The outbox: every email Heed sends, written in the transaction of the
-- change that causes it, with a job of River's queue (River's own tables
-- are made by River's migrator, not here) that sends it. once_key makes a
-- scheduled message once only: a reminder of one stage on one day, say.
CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL,
	recipient  TEXT NOT NULL,
	to_user    TEXT NOT NULL DEFAULT '',
	record_id  INTEGER REFERENCES records (id),
	reference  TEXT NOT NULL DEFAULT '',
	stage      INTEGER NOT NULL DEFAULT 0,
	subject    TEXT NOT NULL,
	body       TEXT NOT NULL,
	status     TEXT NOT NULL DEFAULT 'queued',
	attempts   INTEGER NOT NULL DEFAULT 0,
	last_error TEXT NOT NULL DEFAULT '',
	round      INTEGER NOT NULL DEFAULT 0,
	once_key   TEXT UNIQUE,
	created_at TIMESTAMP NOT NULL,
	sent_at    TIMESTAMP
);
CREATE INDEX outbox_record ON outbox (record_id, id);
CREATE INDEX outbox_created ON outbox (created_at, id);
CREATE INDEX outbox_status ON outbox (status, id);
