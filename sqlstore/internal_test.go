package sqlstore

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/heedhq/heed"
)

// TestNameSetRemembersFewKeys: a file with a million different names does
// not make the import remember a million keys, and every key is still
// right.
func TestNameSetRemembersFewKeys(t *testing.T) {
	s := newNameSet()
	for i := range rememberKeys + 100 {
		name := fmt.Sprintf("Theme  %d", i)
		if got, want := s.key(name), heed.NameKey(name); got != want {
			t.Fatalf("key(%q) = %q, want %q", name, got, want)
		}
	}
	if len(s.keys) != rememberKeys {
		t.Errorf("the set remembers %d keys, want at most %d", len(s.keys), rememberKeys)
	}
	if got, want := s.key("Theme  5"), "theme 5"; got != want {
		t.Errorf("a remembered key = %q, want %q", got, want)
	}
}

// TestRetryDeadlocks: a transaction PostgreSQL rolled back to break a
// deadlock runs again, up to three times in all; any other error at once.
func TestRetryDeadlocks(t *testing.T) {
	deadlock := fmt.Errorf("move deadline: %w", &pgconn.PgError{Code: "40P01"})
	tries := 0
	n, err := retryDeadlocks(func() (int, error) {
		if tries++; tries < 3 {
			return 0, deadlock
		}
		return 7, nil
	})
	if n != 7 || err != nil || tries != 3 {
		t.Errorf("after two deadlocks: %d %v, %d tries", n, err, tries)
	}
	tries = 0
	if _, err := retryDeadlocks(func() (int, error) { tries++; return 0, deadlock }); !isDeadlock(err) || tries != 3 {
		t.Errorf("always deadlocked: %v after %d tries, want 3", err, tries)
	}
	tries = 0
	if _, err := retryDeadlocks(func() (int, error) { tries++; return 0, errors.New("other") }); err == nil || tries != 1 {
		t.Errorf("another error was tried %d times", tries)
	}
}
