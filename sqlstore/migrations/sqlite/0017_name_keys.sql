-- SQLite; keep in step with ../postgres/0017_name_keys.sql.
-- Names and references are compared one way on both databases: by a key
-- that Heed computes (heed.NameKey: the name cleaned and case-folded), kept
-- beside each. sqlstore/keys.go fills the keys of the rows already stored,
-- merging names that were the same name written differently, and
-- 0018_name_key_indexes.sql makes them unique.
ALTER TABLE service_areas ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE teams ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE themes ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN reference_key TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN related_key TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN complainant_key TEXT NOT NULL DEFAULT '';
