-- PostgreSQL; keep in step with ../sqlite/0006_search.sql.
-- Full-text search over references, complainants' names and summaries for
-- the cases list (a GIN index on the same expression the search uses), and
-- the indexes the staff pages look cases up by.
-- Punctuation becomes a space first, so that CS-2014-0001 is the words cs,
-- 2014 and 0001 (as in SQLite), not a word and two negative numbers.
CREATE INDEX records_search ON records USING gin (to_tsvector('simple',
	regexp_replace(reference || ' ' || complainant_name || ' ' || summary, '[^[:alnum:]]+', ' ', 'g')));

CREATE INDEX stages_investigator ON stages (investigator, record_id) WHERE investigator <> '';
