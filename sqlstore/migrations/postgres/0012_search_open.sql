-- PostgreSQL; keep in step with ../sqlite/0012_search_open.sql.
-- The full-text index of the open cases only, for searches of open cases (the
-- cases list with status "open"): a common surname is in about one record in
-- a hundred, thousands in a million records, and matching those to the open
-- cases of one service area cost more than the rest of the page. Among open
-- cases the same name is in a few dozen. The planner picks this index
-- whenever a search also asks for closed IS NULL.
CREATE INDEX records_search_open ON records USING gin (search) WHERE closed IS NULL;
