-- PostgreSQL; keep in step with ../sqlite/0025_statutory_stages.sql.
-- The children's statutory Stage 2 (the agreed statement of complaint, the
-- Independent Person, the adjudicating officer) and Stage 3 (the review
-- panel's meeting and report).
ALTER TABLE stages ADD COLUMN statement_agreed DATE;
ALTER TABLE stages ADD COLUMN independent_person TEXT NOT NULL DEFAULT '';
ALTER TABLE stages ADD COLUMN adjudicator TEXT NOT NULL DEFAULT '';
ALTER TABLE stages ADD COLUMN panel_met DATE;
ALTER TABLE stages ADD COLUMN panel_reported DATE;
