-- PostgreSQL; keep in step with ../sqlite/0027_uasc_corrective_action.sql.
-- Whether the complainant is an unaccompanied asylum-seeking child, and
-- whether each stage's response identified corrective action ('yes', 'no'
-- or '' when not recorded).
ALTER TABLE records ADD COLUMN uasc BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE stages ADD COLUMN corrective_action TEXT NOT NULL DEFAULT '';
