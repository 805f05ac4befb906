-- PostgreSQL; keep in step with ../sqlite/0011_linked_by_name_id.sql.
-- The complainant's other records are picked by id (ListCases with LinkedTo):
-- with the id and the name itself in the index, PostgreSQL picks them from
-- the index alone (it reads an index on lower(name) alone only when the name
-- is in it too), instead of reading each record: about 150 share a name in a
-- million generated records, each on its own page of the table.
DROP INDEX records_complainant;
CREATE INDEX records_complainant ON records (lower(complainant_name), received, id) INCLUDE (complainant_name);
