-- SQLite; keep in step with ../postgres/0012_search_open.sql.
-- A second full-text index holding only the open cases, for searches of open
-- cases (the cases list with status "open"): a common surname is in about one
-- record in a hundred, thousands in a million records, and matching those to
-- the open cases of one service area cost more than the rest of the page.
-- Among open cases the same name is in a few dozen. Contentless: it keeps
-- only the index, and the records themselves are read from records.
CREATE VIRTUAL TABLE records_search_open USING fts5(
	reference, complainant_name, summary,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO records_search_open (rowid, reference, complainant_name, summary)
	SELECT id, reference, complainant_name, summary FROM records WHERE closed IS NULL;
CREATE TRIGGER records_search_open_insert AFTER INSERT ON records WHEN new.closed IS NULL BEGIN
	INSERT INTO records_search_open (rowid, reference, complainant_name, summary)
	VALUES (new.id, new.reference, new.complainant_name, new.summary);
END;
CREATE TRIGGER records_search_open_delete AFTER DELETE ON records WHEN old.closed IS NULL BEGIN
	DELETE FROM records_search_open WHERE rowid = old.id;
END;
-- Closing takes a case out, reopening puts it back, and a change to an open
-- case's words replaces them.
CREATE TRIGGER records_search_open_update AFTER UPDATE OF reference, complainant_name, summary, closed ON records
WHEN (old.closed IS NULL) <> (new.closed IS NULL)
	OR (new.closed IS NULL AND (old.reference <> new.reference OR old.complainant_name <> new.complainant_name OR old.summary <> new.summary))
BEGIN
	DELETE FROM records_search_open WHERE rowid = old.id AND old.closed IS NULL;
	INSERT INTO records_search_open (rowid, reference, complainant_name, summary)
	SELECT new.id, new.reference, new.complainant_name, new.summary WHERE new.closed IS NULL;
END;
