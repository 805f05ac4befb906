-- SQLite: the views file, attached as "views" (see views.go). Keep the table
-- in step with ../migrations/postgres/0013_record_views.sql.
PRAGMA views.journal_mode = WAL;
PRAGMA views.synchronous = NORMAL;
-- Who opened which case when: append-only, like the audit history.
CREATE TABLE IF NOT EXISTS views.record_views (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL,
	at        TIMESTAMP NOT NULL,
	actor     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS views.record_views_record ON record_views (record_id, id);
CREATE TRIGGER IF NOT EXISTS views.record_views_no_update BEFORE UPDATE ON record_views
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS views.record_views_no_delete BEFORE DELETE ON record_views
BEGIN SELECT RAISE(ABORT, 'the audit history is append-only'); END;
