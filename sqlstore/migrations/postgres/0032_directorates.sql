-- PostgreSQL; keep in step with ../sqlite/0032_directorates.sql.
-- The directorate a service area belongs to ('' when none is set): a
-- council-wide report is run for one directorate or the whole council.
ALTER TABLE service_areas ADD COLUMN directorate TEXT NOT NULL DEFAULT '';
