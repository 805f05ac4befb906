package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Failed sign-ins are counted in the database (signin_failures), by kind
// ("user", keyed by a hash of the user name; "address", keyed by the
// client's address), so that a lockout survives a restart and holds across
// every heed serve process on one database. A key's window starts at its
// first failure and lasts the window given; the failures within it are
// counted, and the next failure after it starts a new window.

// SignInFailure counts a failed sign-in for the key at now, in a window of
// that length, and forgets windows that have passed.
func (d *DB) SignInFailure(ctx context.Context, kind, key string, now time.Time, window time.Duration) error {
	now = now.UTC()
	since := now.Add(-window)
	_, err := d.w.ExecContext(ctx, `INSERT INTO signin_failures (kind, key, window_start, failures) VALUES ($1, $2, $3, 1)
		ON CONFLICT (kind, key) DO UPDATE SET
			failures = CASE WHEN signin_failures.window_start > $4 THEN signin_failures.failures + 1 ELSE 1 END,
			window_start = CASE WHEN signin_failures.window_start > $4 THEN signin_failures.window_start ELSE $3 END`,
		kind, key, now, since)
	if err != nil {
		return fmt.Errorf("count a failed sign-in: %w", err)
	}
	if _, err := d.w.ExecContext(ctx, `DELETE FROM signin_failures WHERE window_start <= $1`, since); err != nil {
		return fmt.Errorf("forget old failed sign-ins: %w", err)
	}
	return nil
}

// SignInFailures returns how many failed sign-ins the key has in its
// window at now, and when that window started (0 and the zero time when it
// has none).
func (d *DB) SignInFailures(ctx context.Context, kind, key string, now time.Time, window time.Duration) (int, time.Time, error) {
	var n int
	var start time.Time
	err := d.db.QueryRowContext(ctx, `SELECT failures, window_start FROM signin_failures
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
	if _, err := d.w.ExecContext(ctx, `DELETE FROM signin_failures WHERE kind = $1 AND key = $2`, kind, key); err != nil {
		return fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return nil
}
