-- PostgreSQL; keep in step with ../sqlite/0035_report_reads.sql.
-- What the annual report reads, laid out to be read in order (issue 17's
-- report as a user runs it, measured by cmd/heed's BenchmarkReportProcess).
-- Complaints' Stage 1 responses by the month they were made, with every
-- column the report's responses add up: an index-only scan.
DROP INDEX record_counts_responded;
CREATE INDEX record_counts_responded ON record_counts (type, responded_month, procedure, service_area_id, s1_outcome)
	INCLUDE (n, s1_corrective_yes, s1_corrective_no, s1_late, s1_late_days, s1_late_5, s1_late_10, s1_late_20, s1_late_over_20)
	WHERE responded_month <> '';
-- The Ombudsman's decisions by date, with what the report groups them by.
DROP INDEX records_ombudsman_decided;
CREATE INDEX records_ombudsman_decided ON records (ombudsman_decided, type, service_area_id, ombudsman_decision, ombudsman_fault)
	INCLUDE (voided_at) WHERE ombudsman_decided IS NOT NULL;
-- record_counts put in the order of its key, month first, so that a
-- report's months are read from few pages (SQLite keeps it so for good; here
-- rows added later go where there is room).
CLUSTER record_counts USING record_counts_pkey;
