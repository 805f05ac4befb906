-- SQLite; keep in step with ../postgres/0015_linked_covering.sql.
-- A case page lists the newest ten other records with the complainant's name,
-- with what its table shows of each (ListCases with LinkedTo): with those
-- columns in the index they are read from it alone. The id comes straight
-- after the day, as the rowid did in the index before, so that they are read
-- in the page's order (newest first, then by id) with no sorting.
DROP INDEX records_complainant;
CREATE INDEX records_complainant ON records (lower(complainant_name), received, id,
	complainant_name, reference, type, procedure, service_area_id, theme_id, closed);
