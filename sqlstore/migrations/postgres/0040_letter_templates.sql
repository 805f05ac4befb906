-- PostgreSQL; keep in step with ../sqlite/0040_letter_templates.sql.
-- The response letters' templates administrators edit (see letter.go), one
-- for each kind of letter and audience; a kind with none saved uses the
-- default text Heed ships. Every save is in the audit log, old text and new.
CREATE TABLE letter_templates (
	kind       TEXT NOT NULL,
	audience   TEXT NOT NULL,
	body       TEXT NOT NULL,
	version    INTEGER NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (kind, audience)
);
