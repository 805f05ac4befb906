-- Linked records on the case page: an Ombudsman enquiry names the complaint
-- it is about, and a complainant's other records are found by name.
CREATE INDEX records_related ON records (related_reference);
CREATE INDEX records_complainant ON records (lower(complainant_name));
