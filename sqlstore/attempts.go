package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Attempts are counted in the database (attempts), by kind and key: failed
// sign-ins ("user", keyed by a hash of the user name; "address", keyed by
// the client's address) and the public forms' posts ("public_post", by
// address), so that a limit survives a restart and holds across every heed
// serve process on one database. A key's window starts at its first
// attempt and lasts the window given; the attempts within it are counted,
// and the next attempt after it starts a new window.

// CountAttempt counts an attempt of the kind by the key at now, in a window
// of that length, forgets windows that have passed, and returns how many
// attempts the key's window holds, this one included.
func (d *DB) CountAttempt(ctx context.Context, kind, key string, now time.Time, window time.Duration) (int, error) {
	now = now.UTC()
	since := now.Add(-window)
	var n int
	err := d.w.QueryRowContext(ctx, `INSERT INTO attempts (kind, key, window_start, n) VALUES ($1, $2, $3, 1)
		ON CONFLICT (kind, key) DO UPDATE SET
			n = CASE WHEN attempts.window_start > $4 THEN attempts.n + 1 ELSE 1 END,
			window_start = CASE WHEN attempts.window_start > $4 THEN attempts.window_start ELSE $3 END
		RETURNING n`, kind, key, now, since).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count an attempt: %w", err)
	}
	if _, err := d.w.ExecContext(ctx, `DELETE FROM attempts WHERE window_start <= $1`, since); err != nil {
		return 0, fmt.Errorf("forget old attempts: %w", err)
	}
	return n, nil
}

// SignInFailure counts a failed sign-in for the key at now, in a window of
// that length (see CountAttempt).
func (d *DB) SignInFailure(ctx context.Context, kind, key string, now time.Time, window time.Duration) error {
	if _, err := d.CountAttempt(ctx, kind, key, now, window); err != nil {
		return fmt.Errorf("failed sign-in: %w", err)
	}
	return nil
}

// SignInFailures returns how many failed sign-ins the key has in its
// window at now, and when that window started (0 and the zero time when it
// has none).
func (d *DB) SignInFailures(ctx context.Context, kind, key string, now time.Time, window time.Duration) (int, time.Time, error) {
	var n int
	var start time.Time
	err := d.db.QueryRowContext(ctx, `SELECT n, window_start FROM attempts
		WHERE kind = $1 AND key = $2 AND window_start > $3`, kind, key, now.UTC().Add(-window)).Scan(&n, &start)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, time.Time{}, nil
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("read failed sign-ins: %w", err)
	}
	return n, start, nil
}

// ClearSignInFailures forgets the key's failed sign-ins, as after a
// successful one.
func (d *DB) ClearSignInFailures(ctx context.Context, kind, key string) error {
	if _, err := d.w.ExecContext(ctx, `DELETE FROM attempts WHERE kind = $1 AND key = $2`, kind, key); err != nil {
		return fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return nil
}
