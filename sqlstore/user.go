package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/heedhq/heed"
)

var _ heed.UserService = (*DB)(nil)

// CountUsers returns how many users there are.
func (d *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

func validUser(u *heed.User) error {
	u.Username = strings.TrimSpace(u.Username)
	switch {
	case u.Username == "":
		return heed.Errorf(heed.EINVALID, "Enter a user name.")
	case strings.ContainsFunc(u.Username, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		return heed.Errorf(heed.EINVALID, "A user name cannot contain spaces or control characters.")
	}
	name, err := heed.CleanName(u.DisplayName)
	if err != nil {
		return heed.Errorf(heed.EINVALID, "The full name %s.", err)
	}
	u.DisplayName = name
	if slices.Contains(heed.Roles, u.Role) {
		return nil
	}
	return heed.Errorf(heed.EINVALID, "%q is not a role.", u.Role)
}

// CreateUser stores a new user.
func (d *DB) CreateUser(ctx context.Context, by heed.Actor, u *heed.User) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	defer tx.Rollback()
	if err := d.createUser(ctx, tx, u); err != nil {
		return err
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditUserChanged,
		Note: "user " + u.Username + " created", Changes: heed.Diff(nil, userFields(u))}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return nil
}

// createUser stores a new user inside tx.
func (d *DB) createUser(ctx context.Context, tx *sql.Tx, u *heed.User) error {
	if err := validUser(u); err != nil {
		return err
	}
	u.CreatedAt = d.now().UTC()
	err := tx.QueryRowContext(ctx, `INSERT INTO users (username, display_name, email, role, password_hash, must_change, disabled, subject, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		u.Username, u.DisplayName, u.Email, string(u.Role), u.PasswordHash, u.MustChange, u.Disabled, nullString(u.Subject), u.CreatedAt).Scan(&u.ID)
	if isUniqueViolation(err) {
		return heed.Errorf(heed.ECONFLICT, "There is already a user called %q.", u.Username)
	}
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return setUserAreas(ctx, tx, u)
}

// UpdateUser saves the user's name, email, role, areas and whether they
// are disabled, and records the change in the audit log. A disabled user's
// sessions end.
func (d *DB) UpdateUser(ctx context.Context, by heed.Actor, u *heed.User) error {
	if err := validUser(u); err != nil {
		return err
	}
	old, err := d.FindUserByID(ctx, u.ID)
	if err != nil {
		return err
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `UPDATE users SET username = $1, display_name = $2, email = $3, role = $4, disabled = $5, subject = $6 WHERE id = $7`,
		u.Username, u.DisplayName, u.Email, string(u.Role), u.Disabled, nullString(u.Subject), u.ID)
	if isUniqueViolation(err) {
		return heed.Errorf(heed.ECONFLICT, "There is already a user called %q.", u.Username)
	}
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_service_areas WHERE user_id = $1`, u.ID); err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	if err := setUserAreas(ctx, tx, u); err != nil {
		return err
	}
	if u.Disabled {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
			return fmt.Errorf("update user: %w", err)
		}
	}
	changes := heed.Diff(userFields(old), userFields(u))
	if len(changes) > 0 {
		if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditUserChanged, Note: "user " + u.Username, Changes: changes}); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// userFields are the parts of a user the audit log follows.
func userFields(u *heed.User) map[string]string {
	f := map[string]string{"username": u.Username, "display_name": u.DisplayName, "email": u.Email,
		"role": string(u.Role), "service_areas": strings.Join(u.ServiceAreas, "; "), "sso_subject": u.Subject}
	if u.Disabled {
		f["disabled"] = "yes"
	}
	for k, v := range f {
		if v == "" {
			delete(f, k)
		}
	}
	return f
}

// setUserAreas links the user to their service areas, found as every name
// is (by heed.NameKey), each once.
func setUserAreas(ctx context.Context, tx *sql.Tx, u *heed.User) error {
	seen := map[string]bool{}
	for _, a := range u.ServiceAreas {
		key := heed.NameKey(a)
		if seen[key] {
			continue
		}
		seen[key] = true
		res, err := tx.ExecContext(ctx, `INSERT INTO user_service_areas (user_id, service_area_id)
			SELECT $1, id FROM service_areas WHERE name_key = $2`, u.ID, key)
		if err != nil {
			return fmt.Errorf("save the user's service areas: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return heed.Errorf(heed.EINVALID, "There is no service area called %q.", a)
		}
	}
	return nil
}

// SetPassword stores a new password hash that someone else set (an
// administrator's reset, or heed users reset), ends every session of the
// user, and records the change (never the hash) in the audit log.
func (d *DB) SetPassword(ctx context.Context, by heed.Actor, id int64, hash string, mustChange bool) error {
	return d.setPassword(ctx, by, id, hash, mustChange, "")
}

// ChangeOwnPassword stores the new password hash the user chose, ends every
// other session of theirs (a browser left signed in elsewhere, perhaps by
// whoever knew the old password) and keeps the session keep, from which
// they changed it.
func (d *DB) ChangeOwnPassword(ctx context.Context, by heed.Actor, id int64, hash, keep string) error {
	if keep == "" {
		return fmt.Errorf("change own password: no session to keep")
	}
	return d.setPassword(ctx, by, id, hash, false, keep)
}

// setPassword stores the hash and ends the user's sessions but keep ("":
// all of them), in one transaction.
func (d *DB) setPassword(ctx context.Context, by heed.Actor, id int64, hash string, mustChange bool, keep string) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	defer tx.Rollback()
	var username string
	err = tx.QueryRowContext(ctx, `UPDATE users SET password_hash = $1, must_change = $2 WHERE id = $3 RETURNING username`,
		hash, mustChange, id).Scan(&username)
	if errors.Is(err, sql.ErrNoRows) {
		return heed.Errorf(heed.ENOTFOUND, "There is no such user.")
	}
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, id, keep); err != nil {
		return fmt.Errorf("set password: end sessions: %w", err)
	}
	note := "user " + username + ": password changed"
	if mustChange {
		note = "user " + username + ": password reset"
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditUserChanged, Note: note}); err != nil {
		return err
	}
	return tx.Commit()
}

// userColumns are the columns of users u that scanUser reads.
const userColumns = `u.id, u.username, u.display_name, u.email, u.role, u.password_hash, u.must_change, u.disabled, COALESCE(u.subject, ''), u.created_at`

// scanUser reads userColumns, after any other destinations given.
func scanUser(s interface{ Scan(...any) error }, before ...any) (*heed.User, error) {
	u := &heed.User{}
	var role string
	dest := append(before, &u.ID, &u.Username, &u.DisplayName, &u.Email, &role, &u.PasswordHash, &u.MustChange, &u.Disabled, &u.Subject, &u.CreatedAt)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	u.Role = heed.Role(role)
	return u, nil
}

func (d *DB) findUser(ctx context.Context, where string, arg any, notFound string) (*heed.User, error) {
	u, err := scanUser(d.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, heed.Errorf(heed.ENOTFOUND, "%s", notFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	if err := d.loadUserAreas(ctx, map[int64]*heed.User{u.ID: u}); err != nil {
		return nil, err
	}
	return u, nil
}

// FindUserByID returns the user with that id.
func (d *DB) FindUserByID(ctx context.Context, id int64) (*heed.User, error) {
	return d.findUser(ctx, "u.id = $1", id, "There is no such user.")
}

// FindUserByUsername returns the user with that user name.
func (d *DB) FindUserByUsername(ctx context.Context, username string) (*heed.User, error) {
	return d.findUser(ctx, "u.username = $1", username, fmt.Sprintf("There is no user called %q.", username))
}

// FindUserBySubject returns the user linked to a single sign-on subject.
func (d *DB) FindUserBySubject(ctx context.Context, subject string) (*heed.User, error) {
	if subject == "" {
		return nil, heed.Errorf(heed.ENOTFOUND, "No user is linked to that account.")
	}
	return d.findUser(ctx, "u.subject = $1", subject, "No user is linked to that account.")
}

// Users lists every user by user name, in the order a person reads names
// (heed.CompareNames).
func (d *DB) Users(ctx context.Context) ([]*heed.User, error) {
	var out []*heed.User
	byID := map[int64]*heed.User{}
	err := eachRow(ctx, d.db, `SELECT `+userColumns+` FROM users u`, func(r *sql.Rows) error {
		u, err := scanUser(r)
		if err != nil {
			return err
		}
		out = append(out, u)
		byID[u.ID] = u
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	slices.SortFunc(out, func(a, b *heed.User) int { return heed.CompareNames(a.Username, b.Username) })
	return out, d.loadUserAreas(ctx, byID)
}

// loadUserAreas reads the service areas of the users byID holds, each
// user's in name order (heed.CompareNames): of one user by its id, of more
// by reading everyone's.
func (d *DB) loadUserAreas(ctx context.Context, byID map[int64]*heed.User) error {
	q, args := `SELECT u.user_id, a.name FROM user_service_areas u
		JOIN service_areas a ON a.id = u.service_area_id`, []any(nil)
	if len(byID) == 1 {
		for id := range byID {
			q, args = q+` WHERE u.user_id = $1`, []any{id}
		}
	}
	err := eachRowArgs(ctx, d.db, q, args, func(r *sql.Rows) error {
		var id int64
		var name string
		if err := r.Scan(&id, &name); err != nil {
			return err
		}
		if u := byID[id]; u != nil {
			u.ServiceAreas = append(u.ServiceAreas, name)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read users' service areas: %w", err)
	}
	for _, u := range byID {
		heed.SortNames(u.ServiceAreas)
	}
	return nil
}

// CreateSession stores a new session.
func (d *DB) CreateSession(ctx context.Context, s *heed.Session) error {
	s.CreatedAt = d.now().UTC()
	if _, err := d.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		s.TokenHash, s.UserID, s.CSRFToken, s.CreatedAt, s.ExpiresAt.UTC()); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	// Expired sessions of anyone are cleared as new ones start.
	if _, err := d.w.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, s.CreatedAt); err != nil {
		return fmt.Errorf("clear expired sessions: %w", err)
	}
	return nil
}

// FindSession returns an unexpired session and its enabled user. It runs on
// every request, so the session, the user and the user's service areas are
// read in one query: a row for each area (or one row with no area), never
// a list written into one string.
func (d *DB) FindSession(ctx context.Context, tokenHash string) (*heed.Session, *heed.User, error) {
	var s *heed.Session
	var u *heed.User
	err := eachRowArgs(ctx, d.db, `SELECT s.csrf_token, s.created_at, s.expires_at, a.name, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id
		LEFT JOIN user_service_areas ua ON ua.user_id = u.id
		LEFT JOIN service_areas a ON a.id = ua.service_area_id
		WHERE s.token_hash = $1 AND s.expires_at > $2`, []any{tokenHash, d.now().UTC()}, func(r *sql.Rows) error {
		row := &heed.Session{TokenHash: tokenHash}
		var area sql.NullString
		ru, err := scanUser(r, &row.CSRFToken, &row.CreatedAt, &row.ExpiresAt, &area)
		if err != nil {
			return err
		}
		if u == nil {
			s, u = row, ru
		}
		if area.Valid {
			u.ServiceAreas = append(u.ServiceAreas, area.String)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	if u == nil {
		return nil, nil, heed.Errorf(heed.ENOTFOUND, "Your session has ended. Sign in again.")
	}
	if u.Disabled {
		return nil, nil, heed.Errorf(heed.ENOTFOUND, "Your account is disabled.")
	}
	s.UserID = u.ID
	heed.SortNames(u.ServiceAreas)
	return s, u, nil
}

// DeleteSession ends a session.
func (d *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := d.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
