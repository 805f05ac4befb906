-- PostgreSQL; keep in step with ../sqlite/0005_accounts.sql.
-- Accounts for the web application: a manager's service areas, single
-- sign-on subjects, and sessions (only a hash of each token is kept).
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN subject TEXT;
CREATE UNIQUE INDEX users_subject ON users (subject) WHERE subject IS NOT NULL;

CREATE TABLE user_service_areas (
	user_id         BIGINT NOT NULL REFERENCES users (id),
	service_area_id BIGINT NOT NULL REFERENCES service_areas (id),
	PRIMARY KEY (user_id, service_area_id)
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    BIGINT NOT NULL REFERENCES users (id),
	csrf_token TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
