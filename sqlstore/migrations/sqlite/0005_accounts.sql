-- SQLite; keep in step with ../postgres/0005_accounts.sql.
-- Accounts for the web application: a manager's service areas, single
-- sign-on subjects, and sessions (only a hash of each token is kept).
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN subject TEXT;
CREATE UNIQUE INDEX users_subject ON users (subject) WHERE subject IS NOT NULL;

CREATE TABLE user_service_areas (
	user_id         INTEGER NOT NULL REFERENCES users (id),
	service_area_id INTEGER NOT NULL REFERENCES service_areas (id),
	PRIMARY KEY (user_id, service_area_id)
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	csrf_token TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
