-- SQLite; keep in step with ../postgres/0044_attempts.sql.
-- The failed sign-ins of 0019 become attempts of any kind, counted by kind
-- and key in a window from the key's first attempt: failed sign-ins ('user'
-- and 'address', as before) and the public forms' posts by address
-- ('public_post'), so that every heed serve process on one database, and a
-- restart, keep the same count.
ALTER TABLE signin_failures RENAME TO attempts;
ALTER TABLE attempts RENAME COLUMN failures TO n;
DROP INDEX signin_failures_window;
CREATE INDEX attempts_window ON attempts (window_start);
