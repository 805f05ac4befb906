-- SQLite; keep in step with ../postgres/0045_lean_indexes.sql.
-- The full-text index of every record keeps, for each word, the records and
-- columns it is in, and no longer where in them (detail=column) nor each
-- record's count of words (columnsize=0): a search is words a person typed,
-- each matched as the start of a word anywhere in the record (see
-- searchTerms), and uses neither. Filling the index for a million imported
-- records took a quarter less work, and it holds a third less. (PostgreSQL's
-- GIN index keeps neither.)
DROP TRIGGER records_search_insert;
DROP TRIGGER records_search_delete;
DROP TRIGGER records_search_update;
DROP TABLE records_search;
CREATE VIRTUAL TABLE records_search USING fts5(
	reference, complainant_name, summary,
	content = 'records', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	detail = column, columnsize = 0
);
INSERT INTO records_search (records_search) VALUES ('rebuild');
CREATE TRIGGER records_search_insert AFTER INSERT ON records BEGIN
	INSERT INTO records_search (rowid, reference, complainant_name, summary)
	VALUES (new.id, new.reference, new.complainant_name, new.summary);
END;
CREATE TRIGGER records_search_delete AFTER DELETE ON records BEGIN
	INSERT INTO records_search (records_search, rowid, reference, complainant_name, summary)
	VALUES ('delete', old.id, old.reference, old.complainant_name, old.summary);
END;
CREATE TRIGGER records_search_update AFTER UPDATE OF reference, complainant_name, summary ON records
WHEN old.reference <> new.reference OR old.complainant_name <> new.complainant_name OR old.summary <> new.summary
BEGIN
	INSERT INTO records_search (records_search, rowid, reference, complainant_name, summary)
	VALUES ('delete', old.id, old.reference, old.complainant_name, old.summary);
	INSERT INTO records_search (rowid, reference, complainant_name, summary)
	VALUES (new.id, new.reference, new.complainant_name, new.summary);
END;

-- The index of related references holds only the records that name one
-- (about one in twenty): the rest held an empty key each, which the linked
-- records' query, for a record's own key, never reads.
DROP INDEX records_related;
CREATE INDEX records_related ON records (related_key) WHERE related_key <> '';
