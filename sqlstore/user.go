package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

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

// CreateUser stores a new user.
func (d *DB) CreateUser(ctx context.Context, u *heed.User) error {
	u.CreatedAt = d.now().UTC()
	err := d.db.QueryRowContext(ctx, `INSERT INTO users (username, display_name, role, password_hash, must_change, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		u.Username, u.DisplayName, string(u.Role), u.PasswordHash, u.MustChange, u.CreatedAt).Scan(&u.ID)
	if isUniqueViolation(err) {
		return heed.Errorf(heed.ECONFLICT, "There is already a user called %q.", u.Username)
	}
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return nil
}

// FindUserByUsername returns the user with that user name.
func (d *DB) FindUserByUsername(ctx context.Context, username string) (*heed.User, error) {
	u := &heed.User{}
	var role string
	err := d.db.QueryRowContext(ctx, `SELECT id, username, display_name, role, password_hash, must_change, created_at
		FROM users WHERE username = $1`, username).Scan(&u.ID, &u.Username, &u.DisplayName, &role, &u.PasswordHash, &u.MustChange, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, heed.Errorf(heed.ENOTFOUND, "There is no user called %q.", username)
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	u.Role = heed.Role(role)
	return u, nil
}
