-- Stage 1's clock and outcome, kept on the record as well as in stages, so
-- that reports count complaints by outcome and timeliness from one table.
-- The store writes both in one transaction; stages stays the record of truth.
ALTER TABLE records ADD COLUMN s1_deadline DATE;
ALTER TABLE records ADD COLUMN s1_extended_to DATE;
ALTER TABLE records ADD COLUMN s1_responded DATE;
ALTER TABLE records ADD COLUMN s1_outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN s1_response_days INTEGER;
UPDATE records SET
	s1_deadline = (SELECT s.deadline FROM stages s WHERE s.record_id = records.id AND s.number = 1),
	s1_extended_to = (SELECT s.extended_to FROM stages s WHERE s.record_id = records.id AND s.number = 1),
	s1_responded = (SELECT s.responded FROM stages s WHERE s.record_id = records.id AND s.number = 1),
	s1_outcome = coalesce((SELECT s.outcome FROM stages s WHERE s.record_id = records.id AND s.number = 1), ''),
	s1_response_days = (SELECT s.response_days FROM stages s WHERE s.record_id = records.id AND s.number = 1);
CREATE INDEX stages_escalations ON stages (started) WHERE number >= 2;
