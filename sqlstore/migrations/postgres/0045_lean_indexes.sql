-- PostgreSQL; keep in step with ../sqlite/0045_lean_indexes.sql.
-- A reference is unique by its key (records_by_reference_key, migration
-- 0018): two records with one reference have one key. The unique index of
-- the reference as written was a second index of every record to keep in
-- order at each write, which nothing reads by. (SQLite keeps its own, which
-- it cannot drop without making the table again.)
ALTER TABLE records DROP CONSTRAINT records_reference_key;

-- The index of related references holds only the records that name one
-- (about one in twenty): the rest held an empty key each, which the linked
-- records' query, for a record's own key, never reads.
DROP INDEX records_related;
CREATE INDEX records_related ON records (related_key) WHERE related_key <> '';
