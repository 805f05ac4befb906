-- PostgreSQL; keep in step with ../sqlite/0030_narratives.sql.
-- The text officers write for each report period (see narrative.go): its
-- sections in order, each with a heading, its text and whether it comes
-- before the report's tables or after them.
CREATE TABLE narratives (
	period     TEXT PRIMARY KEY,
	version    INTEGER NOT NULL,
	updated_by TEXT NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE narrative_sections (
	period         TEXT NOT NULL REFERENCES narratives (period),
	position       INTEGER NOT NULL,
	heading        TEXT NOT NULL,
	body           TEXT NOT NULL DEFAULT '',
	before_figures BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (period, position)
);
