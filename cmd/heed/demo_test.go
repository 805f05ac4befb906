package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestDemo fills an empty store with a small synthetic council, checks it
// spans several years with open stages overdue and due soon on the day
// given, and that each demo user can sign in with the password printed
// once; a second run adds nothing.
func TestDemo(t *testing.T) {
	today := calendar.MustParseDate("2026-11-23")
	opts := demoOptions{Today: today, Years: 3, PerYear: 500, Seed: 2026,
		Params: &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}}
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		var out bytes.Buffer
		if err := loadDemoWith(ctx, db, &out, opts); err != nil {
			t.Fatal(err)
		}
		recs, n, err := db.FindRecords(ctx, heed.RecordFilter{Limit: 100000})
		if err != nil {
			t.Fatal(err)
		}
		if n < 1000 {
			t.Fatalf("the demo holds %d records; want about 1,200", n)
		}
		years := map[int]bool{}
		types := map[heed.RecordType]bool{}
		cal, err := db.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var overdue, soon, mine, lessons, ombudsman int
		for _, r := range recs {
			if r.Received.After(today) {
				t.Errorf("%s received %s, after today", r.Reference, r.Received)
			}
			years[r.Received.FinancialYear()] = true
			types[r.Type] = true
			if len(r.Lessons) > 0 {
				lessons++
			}
			if r.Ombudsman != nil {
				ombudsman++
			}
			for _, s := range r.Stages {
				if !s.Open() || s.Deadline.IsZero() {
					continue
				}
				due := s.Deadline
				if !s.ExtendedTo.IsZero() {
					due = s.ExtendedTo
				}
				switch {
				case due.Before(today):
					overdue++
				case cal.WorkingDaysBetween(today, due) <= demoDueSoon:
					soon++
				}
				if s.Investigator == "investigator" {
					mine++
				}
			}
		}
		if len(years) != 3 {
			t.Errorf("records in %d financial years; want 3", len(years))
		}
		if len(types) < 8 {
			t.Errorf("only %d record types", len(types))
		}
		if overdue == 0 || soon == 0 || mine == 0 || lessons == 0 || ombudsman == 0 {
			t.Errorf("overdue %d, due soon %d, allocated to the demo investigator %d, with lessons %d, Ombudsman %d; want some of each",
				overdue, soon, mine, lessons, ombudsman)
		}

		printed := out.String()
		for _, want := range demoUsers() {
			u, err := db.FindUserByUsername(ctx, want.Username)
			if err != nil {
				t.Fatalf("user %s: %v", want.Username, err)
			}
			if u.Role != want.Role || !u.MustChange || strings.Join(u.ServiceAreas, ",") != strings.Join(want.ServiceAreas, ",") {
				t.Errorf("user %s: role %s, must change %v, areas %v", u.Username, u.Role, u.MustChange, u.ServiceAreas)
			}
			m := regexp.MustCompile(`(?m)^\s+` + want.Username + `\s+one-time password (\S+)`).FindStringSubmatch(printed)
			if m == nil {
				t.Fatalf("no password printed for %s:\n%s", want.Username, printed)
			}
			if ok, err := argon2id.ComparePasswordAndHash(m[1], u.PasswordHash); err != nil || !ok {
				t.Errorf("the printed password of %s does not match its hash", want.Username)
			}
		}
		for _, name := range []string{"Complaint", "Open stages", "overdue", "Ombudsman cases"} {
			if !strings.Contains(printed, name) {
				t.Errorf("the summary lacks %q:\n%s", name, printed)
			}
		}

		out.Reset()
		if err := loadDemoWith(ctx, db, &out, opts); err != nil {
			t.Fatal(err)
		}
		if _, again, err := db.FindRecords(ctx, heed.RecordFilter{Limit: 1}); err != nil || again != n {
			t.Errorf("a second run: %d records, was %d (%v)", again, n, err)
		}
		if users, err := db.Users(ctx); err != nil || len(users) != len(demoUsers()) {
			t.Errorf("a second run: %d users (%v)", len(users), err)
		}
		if !strings.Contains(out.String(), "already") || strings.Contains(out.String(), "password") {
			t.Errorf("a second run said %q", out.String())
		}
	})
}
