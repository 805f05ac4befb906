-- SQLite; keep in step with ../postgres/0028_refusals_ombudsman_remedies.sql.
-- Why a complaint was refused at Stage 1 (outcome 'refused'); whether the
-- Ombudsman found fault ('yes', 'no' or '' when not recorded); and the
-- Ombudsman's remedies and recommendations, several to a decision, each
-- with its due date and the date the council complied.
ALTER TABLE stages ADD COLUMN refusal_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN ombudsman_fault TEXT NOT NULL DEFAULT '';

CREATE TABLE ombudsman_remedies (
	record_id INTEGER NOT NULL REFERENCES records (id),
	position  INTEGER NOT NULL,
	type      TEXT NOT NULL DEFAULT '',
	pence     INTEGER NOT NULL DEFAULT 0,
	due       DATE,
	complied  DATE,
	PRIMARY KEY (record_id, position)
);

CREATE TABLE ombudsman_recommendations (
	record_id INTEGER NOT NULL REFERENCES records (id),
	position  INTEGER NOT NULL,
	text      TEXT NOT NULL DEFAULT '',
	due       DATE,
	complied  DATE,
	PRIMARY KEY (record_id, position)
);

-- The one remedy a record held moves, with the date the council complied,
-- to its first remedy; the old columns are left empty and no longer used.
INSERT INTO ombudsman_remedies (record_id, position, type, pence, complied)
SELECT id, 1, ombudsman_remedy, ombudsman_remedy_pence, ombudsman_complied FROM records
WHERE ombudsman_remedy <> '' OR ombudsman_remedy_pence <> 0 OR ombudsman_complied IS NOT NULL;

UPDATE records SET ombudsman_remedy = '', ombudsman_remedy_pence = 0, ombudsman_complied = NULL
WHERE ombudsman_remedy <> '' OR ombudsman_remedy_pence <> 0 OR ombudsman_complied IS NOT NULL;

-- The report reads the few refused complaints, and the Ombudsman's
-- decisions by the date decided, without reading every record.
CREATE INDEX records_refused ON records (received) WHERE s1_outcome = 'refused';
CREATE INDEX records_ombudsman_decided ON records (ombudsman_decided) WHERE ombudsman_decided IS NOT NULL;
