-- SQLite; keep in step with ../postgres/0027_uasc_corrective_action.sql.
-- Whether the complainant is an unaccompanied asylum-seeking child, and
-- whether each stage's response identified corrective action ('yes', 'no'
-- or '' when not recorded).
ALTER TABLE records ADD COLUMN uasc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stages ADD COLUMN corrective_action TEXT NOT NULL DEFAULT '';
