-- PostgreSQL; keep in step with ../sqlite/0026_lists.sql.
-- The last number given to a reference of each prefix and year
-- (CMP-2026-00042), taken in the same transaction as the record's insert.
CREATE TABLE reference_sequences (
	prefix TEXT NOT NULL,
	year   INTEGER NOT NULL,
	last   INTEGER NOT NULL,
	PRIMARY KEY (prefix, year)
);
-- A form's one-time token (only its SHA-256), claimed by its first post,
-- with the address that post led to: a second post of the same form goes
-- there instead of saving again. Cleared after a day.
CREATE TABLE form_posts (
	token_hash TEXT PRIMARY KEY,
	user_id    BIGINT NOT NULL REFERENCES users (id),
	location   TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX form_posts_created ON form_posts (created_at);
-- The cases list sorted by reference reads references by their bytes, as
-- SQLite does (COLLATE "C"), in the order of this index; on SQLite the
-- unique index records_by_reference_key serves.
CREATE INDEX records_reference_sort ON records (reference_key COLLATE "C");
