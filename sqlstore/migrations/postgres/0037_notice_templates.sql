-- PostgreSQL; keep in step with ../sqlite/0037_notice_templates.sql.
-- The email templates administrators have changed (Heed's own are built
-- in), versioned so that two administrators never overwrite each other;
-- and each user's choice of messages as they come or a daily digest.
CREATE TABLE notice_templates (
	kind       TEXT PRIMARY KEY,
	body       TEXT NOT NULL,
	version    INTEGER NOT NULL,
	changed_by TEXT NOT NULL,
	changed_at TIMESTAMPTZ NOT NULL
);
ALTER TABLE users ADD COLUMN notice_digest BOOLEAN NOT NULL DEFAULT FALSE;
