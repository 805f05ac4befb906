-- PostgreSQL; keep in step with ../sqlite/0018_name_key_indexes.sql.
-- No two service areas, teams of one area, themes or records may share a
-- key (0017_name_keys.sql); links between records and a complainant's other
-- records are found by key. records_complainant keeps what the case page
-- shows of a linked record (see 0015_linked_covering.sql).
CREATE UNIQUE INDEX service_areas_by_key ON service_areas (name_key);
CREATE UNIQUE INDEX teams_by_key ON teams (service_area_id, name_key);
CREATE UNIQUE INDEX themes_by_key ON themes (name_key);
CREATE UNIQUE INDEX records_by_reference_key ON records (reference_key);
DROP INDEX records_related;
CREATE INDEX records_related ON records (related_key);
DROP INDEX records_complainant;
CREATE INDEX records_complainant ON records (complainant_key, received, id)
	INCLUDE (complainant_name, reference, type, procedure, service_area_id, theme_id, closed);
