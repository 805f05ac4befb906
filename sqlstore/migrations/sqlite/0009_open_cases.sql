-- SQLite; keep in step with ../postgres/0009_open_cases.sql.
-- Open cases, for the staff pages under load (BenchmarkWebLoad in web): the
-- cases list filtered to open cases, alone or within a service area, reads
-- them newest first from a small partial index and stops after a page,
-- instead of looking up every record a search matched; "Your work" reads a
-- person's open stages, or the unallocated ones, by the day they are due (the
-- later of the deadline and an extension) and stops after fifty. None is
-- used by the report's queries, which never ask for closed IS NULL.
CREATE INDEX records_open ON records (received) WHERE closed IS NULL;
CREATE INDEX records_open_area ON records (service_area_id, received) WHERE closed IS NULL;
CREATE INDEX stages_open_due ON stages (investigator, COALESCE(extended_to, deadline)) WHERE responded IS NULL AND outcome = '';
