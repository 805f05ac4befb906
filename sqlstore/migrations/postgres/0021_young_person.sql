-- PostgreSQL; keep in step with ../sqlite/0021_young_person.sql.
-- A complaint from a child or young person is counted as one: the domain's
-- Normalize now ticks young_person whenever complainant_type is
-- child_or_young_person. sqlstore/youngperson.go ticks it on the records
-- already stored that lacked it, writes a line in each one's history, and
-- rebuilds the report counts when it changed any. Nothing to do in SQL.
SELECT 1;
