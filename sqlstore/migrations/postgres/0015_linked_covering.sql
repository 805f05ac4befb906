-- PostgreSQL; keep in step with ../sqlite/0015_linked_covering.sql.
-- A case page lists the newest ten other records with the complainant's name,
-- with what its table shows of each (ListCases with LinkedTo). With those
-- columns in the index they are read from it alone, a few neighbouring pages,
-- where joining the ten back to their rows read about forty pages from all
-- over the table and its primary key: on a million records that join was most
-- of a case page's reading.
DROP INDEX records_complainant;
CREATE INDEX records_complainant ON records (lower(complainant_name), received, id)
	INCLUDE (complainant_name, reference, type, procedure, service_area_id, theme_id, closed);
