-- SQLite; keep in step with ../postgres/0024_voided.sql.
-- A record entered in error is voided, never deleted: it leaves the lists
-- and reports, keeps its history, and an administrator can restore it.
ALTER TABLE records ADD COLUMN voided_at TIMESTAMP;
ALTER TABLE records ADD COLUMN voided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN voided_reason TEXT NOT NULL DEFAULT '';
