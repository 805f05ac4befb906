-- PostgreSQL; keep in step with ../sqlite/0009_open_cases.sql.
-- Open cases, for the staff pages under load (BenchmarkWebLoad in web): the
-- cases list filtered to open cases, alone or within a service area, reads
-- them newest first from a small partial index and stops after a page;
-- "Your work" reads a person's open stages, or the unallocated ones, by the
-- day they are due (the later of the deadline and an extension) and stops
-- after fifty. None is used by the report's queries, which never ask for
-- closed IS NULL.
CREATE INDEX records_open ON records (received) WHERE closed IS NULL;
CREATE INDEX records_open_area ON records (service_area_id, received) WHERE closed IS NULL;
CREATE INDEX stages_open_due ON stages (investigator, (COALESCE(extended_to, deadline))) WHERE responded IS NULL AND outcome = '';

-- The search's words, stored with each record: a search that matches tens
-- of thousands of records then checks each candidate row by reading this
-- column, where an index on the expression made PostgreSQL compute the
-- expression again for every row it rechecked (1.6 s for a common surname
-- in one service area over 1,000,000 records). The expression is the one
-- 0006_search.sql indexed.
ALTER TABLE records ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
	regexp_replace(reference || ' ' || complainant_name || ' ' || summary, '[^[:alnum:]]+', ' ', 'g'))) STORED;
DROP INDEX records_search;
CREATE INDEX records_search ON records USING gin (search);
