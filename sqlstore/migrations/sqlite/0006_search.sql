-- SQLite; keep in step with ../postgres/0006_search.sql.
-- Full-text search over references, complainants' names and summaries for
-- the cases list (FTS5, kept in step with records by triggers), and the
-- indexes the staff pages look cases up by.
CREATE VIRTUAL TABLE records_search USING fts5(
	reference, complainant_name, summary,
	content = 'records', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
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

CREATE INDEX stages_investigator ON stages (investigator, record_id) WHERE investigator <> '';
