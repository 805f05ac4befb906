-- PostgreSQL; keep in step with ../sqlite/0031_dashboard.sql.
-- The dashboard counts the Stage 1 responses made this quarter so far and
-- in the same days last year: read from this index, a few weeks' responses
-- are a range of it, where without it every record was read (see
-- ../../workload.go).
CREATE INDEX records_s1_responded ON records (s1_responded) WHERE s1_responded IS NOT NULL;
