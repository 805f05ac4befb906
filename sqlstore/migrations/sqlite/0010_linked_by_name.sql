-- SQLite; keep in step with ../postgres/0010_linked_by_name.sql.
-- A case page lists the newest other records with the complainant's name
-- (ListCases with LinkedTo): with the received day in the index they are read
-- in order, and only a page of them, instead of every record with the name.
DROP INDEX records_complainant;
CREATE INDEX records_complainant ON records (lower(complainant_name), received);
