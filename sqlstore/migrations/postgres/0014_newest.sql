-- PostgreSQL; keep in step with ../sqlite/0014_newest.sql.
-- The cases list shows the newest first, by the day received and then by id:
-- read in that order from this index, the first page is its first 25 entries,
-- where records_received (received, type, service_area_id) made the database
-- read and sort every record of the latest day (about 1,300 in a million).
CREATE INDEX records_newest ON records (received, id);
