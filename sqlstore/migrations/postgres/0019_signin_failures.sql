-- PostgreSQL; keep in step with ../sqlite/0019_signin_failures.sql.
-- Failed sign-ins, counted in the database so that a lockout survives a
-- restart and is shared by every heed serve process on one database. kind
-- is 'user' (key: the SHA-256 of the user name's key, never the name) or
-- 'address' (key: the client's address). A window starts at the first
-- failure and lasts 15 minutes; failures counts those within it.
CREATE TABLE signin_failures (
	kind         TEXT NOT NULL,
	key          TEXT NOT NULL,
	window_start TIMESTAMPTZ NOT NULL,
	failures     INTEGER NOT NULL,
	PRIMARY KEY (kind, key)
);
CREATE INDEX signin_failures_window ON signin_failures (window_start);
