-- SQLite; keep in step with ../postgres/0022_case_file.sql.
-- The case file: notes, correspondence and documents kept on a case. Like
-- the audit history they are append-only: a correction is a new entry.
CREATE TABLE notes (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES records (id),
	at        TIMESTAMP NOT NULL,
	author    TEXT NOT NULL,
	text      TEXT NOT NULL
);
CREATE INDEX notes_record ON notes (record_id, id);

CREATE TABLE documents (
	id        INTEGER PRIMARY KEY,
	record_id INTEGER NOT NULL REFERENCES records (id),
	name      TEXT NOT NULL,
	type      TEXT NOT NULL,
	size      INTEGER NOT NULL,
	sha256    TEXT NOT NULL,
	at        TIMESTAMP NOT NULL,
	added_by  TEXT NOT NULL
);
CREATE INDEX documents_record ON documents (record_id, id);

-- A document's content, apart from what lists of documents read.
CREATE TABLE document_contents (
	document_id INTEGER PRIMARY KEY REFERENCES documents (id),
	content     BLOB NOT NULL
);

CREATE TABLE correspondence (
	id          INTEGER PRIMARY KEY,
	record_id   INTEGER NOT NULL REFERENCES records (id),
	date        TEXT NOT NULL,
	direction   TEXT NOT NULL,
	channel     TEXT NOT NULL,
	summary     TEXT NOT NULL,
	holding     INTEGER NOT NULL DEFAULT 0,
	document_id INTEGER REFERENCES documents (id),
	at          TIMESTAMP NOT NULL,
	recorded_by TEXT NOT NULL
);
CREATE INDEX correspondence_record ON correspondence (record_id, date, id);

CREATE TRIGGER notes_no_update BEFORE UPDATE ON notes
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER document_contents_no_update BEFORE UPDATE ON document_contents
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER document_contents_no_delete BEFORE DELETE ON document_contents
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER correspondence_no_update BEFORE UPDATE ON correspondence
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
CREATE TRIGGER correspondence_no_delete BEFORE DELETE ON correspondence
BEGIN SELECT RAISE(ABORT, 'the case file is append-only'); END;
