package sqlstore

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
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

func TestQuarters(t *testing.T) {
	day := calendar.MustParseDate
	for _, c := range []struct{ day, quarter string }{
		{"2021-04-01", "2021-04"}, {"2021-06-30", "2021-04"}, {"2021-07-01", "2021-07"},
		{"2021-12-31", "2021-10"}, {"2022-01-01", "2022-01"}, {"2022-03-31", "2022-01"},
	} {
		if got := quarterOf(day(c.day)); got != c.quarter {
			t.Errorf("quarterOf(%s) = %s, want %s", c.day, got, c.quarter)
		}
	}
	for _, c := range []struct {
		from, to string
		whole    bool
	}{
		{"2021-04-01", "2022-03-31", true},  // a financial year
		{"2021-10-01", "2021-12-31", true},  // a quarter
		{"2021-04-01", "2021-04-30", false}, // a month
		{"2021-05-01", "2021-07-31", false}, // three months, not a quarter
		{"2021-04-02", "2021-06-30", false},
		{"2021-04-01", "2021-06-29", false},
	} {
		if got := wholeQuarters(report.Bucket{From: day(c.from), To: day(c.to)}); got != c.whole {
			t.Errorf("wholeQuarters(%s to %s) = %v, want %v", c.from, c.to, got, c.whole)
		}
	}
	year := []report.Bucket{{From: day("2019-04-01"), To: day("2020-03-31")}, {From: day("2021-07-01"), To: day("2021-09-30")}}
	var args []any
	if got := quarterIn("c.quarter", year, &args); got != "c.quarter IN ($1, $2, $3, $4, $5)" ||
		fmt.Sprint(args) != "[2019-04 2019-07 2019-10 2020-01 2021-07]" {
		t.Errorf("quarterIn: %s %v", got, args)
	}
	if at := quarterIndex(year); at["2020-01"] != 0 || at["2021-07"] != 1 || len(at) != 5 {
		t.Errorf("quarterIndex: %v", at)
	}
}

// TestInList: the placeholders follow the arguments already given; no
// values make an IN list nothing equals.
func TestInList(t *testing.T) {
	args := []any{"first"}
	if got := inList(&args, []int64{7, 9}); got != "$2, $3" || len(args) != 3 || args[2] != int64(9) {
		t.Errorf("inList after one argument: %q with %v", got, args)
	}
	if got := inList(&args, []string{}); got != "NULL" || len(args) != 3 {
		t.Errorf("inList of nothing: %q with %v", got, args)
	}
}

// TestConsecutive: only ids rising by one from the first are a range that
// auditCreated may select by BETWEEN.
func TestConsecutive(t *testing.T) {
	for _, tt := range []struct {
		ids  []int64
		want bool
	}{
		{[]int64{4}, true},
		{[]int64{4, 5, 6}, true},
		{[]int64{4, 6}, false},
		{[]int64{1, 7, 3}, false}, // first and last three apart, but not a range
		{[]int64{6, 5, 4}, false},
	} {
		if got := consecutive(tt.ids); got != tt.want {
			t.Errorf("consecutive(%v) = %v, want %v", tt.ids, got, tt.want)
		}
	}
}
