-- SQLite; keep in step with ../postgres/0023_retired_names.sql.
-- A retired service area, team or theme is hidden from the forms that
-- file new records, and kept for the records and reports that use it.
ALTER TABLE service_areas ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
ALTER TABLE themes ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;
