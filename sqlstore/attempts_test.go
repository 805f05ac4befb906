package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestSignInFailuresSurviveReopening: failed sign-ins are counted in the
// database, per key, within a window that starts at the first failure; the
// counts survive closing and reopening the store (a restart, or another
// heed serve process on the same database).
func TestSignInFailuresSurviveReopening(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			const window = 15 * time.Minute
			db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for i := range 7 {
				if err := db.SignInFailure(ctx, "address", "192.0.2.7", start.Add(time.Duration(i)*time.Minute), window); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.SignInFailure(ctx, "user", "abc", start, window); err != nil {
				t.Fatal(err)
			}
			db = reopened(t, db, dsn)
			now := start.Add(10 * time.Minute)
			n, from, err := db.SignInFailures(ctx, "address", "192.0.2.7", now, window)
			if err != nil || n != 7 || !from.Equal(start) {
				t.Fatalf("after reopening: %d failures from %v (%v), want 7 from %v", n, from, err, start)
			}
			if n, _, _ := db.SignInFailures(ctx, "address", "192.0.2.8", now, window); n != 0 {
				t.Errorf("another address has %d failures", n)
			}
			if n, _, _ := db.SignInFailures(ctx, "user", "abc", now, window); n != 1 {
				t.Errorf("the user key has %d failures, want 1", n)
			}
			// Once the window has passed, the count is gone, and the next
			// failure starts a new window.
			later := start.Add(window + time.Minute)
			if n, _, _ := db.SignInFailures(ctx, "address", "192.0.2.7", later, window); n != 0 {
				t.Errorf("after the window: %d failures", n)
			}
			if err := db.SignInFailure(ctx, "address", "192.0.2.7", later, window); err != nil {
				t.Fatal(err)
			}
			if n, from, _ := db.SignInFailures(ctx, "address", "192.0.2.7", later, window); n != 1 || !from.Equal(later) {
				t.Errorf("a new window: %d from %v, want 1 from %v", n, from, later)
			}
			if err := db.ClearSignInFailures(ctx, "address", "192.0.2.7"); err != nil {
				t.Fatal(err)
			}
			if n, _, _ := db.SignInFailures(ctx, "address", "192.0.2.7", later, window); n != 0 {
				t.Errorf("after clearing: %d failures", n)
			}
		})
	}
}

// TestCountAttempt: each attempt returns the count of its key's window,
// itself included; keys and kinds count apart; an attempt after the window
// starts a new one.
func TestCountAttempt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for i, st := range []struct {
			after     time.Duration
			kind, key string
			want      int
		}{
			{0, "public_post", "192.0.2.7", 1},
			{time.Minute, "public_post", "192.0.2.7", 2},
			{time.Minute, "public_post", "192.0.2.8", 1},
			{0, "address", "192.0.2.7", 1}, // another kind
			{50 * time.Minute, "public_post", "192.0.2.7", 3},
			{10 * time.Minute, "public_post", "192.0.2.7", 1}, // the hour from the first has passed
			{0, "public_post", "192.0.2.7", 2},
		} {
			start = start.Add(st.after)
			got, err := db.CountAttempt(ctx, st.kind, st.key, start, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if got != st.want {
				t.Errorf("attempt %d (%s %s at %s): %d, want %d", i, st.kind, st.key, start.Format(time.TimeOnly), got, st.want)
			}
		}
	})
}
