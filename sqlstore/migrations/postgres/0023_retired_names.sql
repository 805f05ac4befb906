-- PostgreSQL; keep in step with ../sqlite/0023_retired_names.sql.
-- A retired service area, team or theme is hidden from the forms that
-- file new records, and kept for the records and reports that use it.
ALTER TABLE service_areas ADD COLUMN retired BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE teams ADD COLUMN retired BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE themes ADD COLUMN retired BOOLEAN NOT NULL DEFAULT FALSE;
