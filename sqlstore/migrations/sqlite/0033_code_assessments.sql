-- SQLite; keep in step with ../postgres/0033_code_assessments.sql.
-- What officers write of each year's Complaint Handling Code report: the
-- self-assessment, the Ombudsman's annual letter's figures, findings of
-- non-compliance and the governing body's response (see code.go).
CREATE TABLE code_assessments (
	code               TEXT NOT NULL,
	year               INTEGER NOT NULL,
	version            INTEGER NOT NULL,
	updated_by         TEXT NOT NULL,
	updated_at         TIMESTAMP NOT NULL,
	non_compliance     TEXT NOT NULL DEFAULT '',
	governing_response TEXT NOT NULL DEFAULT '',
	letter_upheld_rate                  REAL,
	letter_upheld_average               REAL,
	letter_compliance_rate              REAL,
	letter_compliance_average           REAL,
	letter_satisfactory_remedy          REAL,
	letter_satisfactory_remedy_average  REAL,
	PRIMARY KEY (code, year)
);

CREATE TABLE code_assessment_entries (
	code        TEXT NOT NULL,
	year        INTEGER NOT NULL,
	requirement TEXT NOT NULL,
	compliant   TEXT NOT NULL DEFAULT '',
	evidence    TEXT NOT NULL DEFAULT '',
	commentary  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (code, year, requirement),
	FOREIGN KEY (code, year) REFERENCES code_assessments (code, year)
);
