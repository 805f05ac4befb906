package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/web"
)

// demoOptions say how large a synthetic council --demo makes.
type demoOptions struct {
	Today   calendar.Date // nothing is received or answered after it
	Years   int           // financial years, ending with today's
	PerYear int           // records in a whole financial year
	Seed    uint64
	// Params hash the demo users' passwords; argon2id.DefaultParams when nil.
	Params *argon2id.Params
}

// demoDueSoon is how many working days ahead an open stage counts as due
// soon, as on the staff pages.
const demoDueSoon = 3

// demoInvestigatorShare is one in how many open allocated stages goes to the
// demo investigator, so that their "Your work" has cases in it.
const demoInvestigatorShare = 4

// demoUsers are the demo's accounts, one of each role below administrator
// (serve creates the administrator). investigator is the user name the
// demo allocates stages to.
func demoUsers() []*heed.User {
	return []*heed.User{
		{Username: "officer", DisplayName: "Demo Complaints Officer", Role: heed.RoleOfficer},
		{Username: "manager", DisplayName: "Demo Manager", Role: heed.RoleManager,
			ServiceAreas: []string{"Children's Social Care", "Early Help for Children"}},
		{Username: "investigator", DisplayName: "Demo Investigator", Role: heed.RoleInvestigator},
		{Username: "viewer", DisplayName: "Demo Viewer", Role: heed.RoleViewer},
	}
}

// loadDemo fills an empty store with a synthetic council for --demo:
// four financial years up to today, about 3,000 records a year.
func loadDemo(ctx context.Context, db *sqlstore.DB, out io.Writer) error {
	return loadDemoWith(ctx, db, out, demoOptions{Today: calendar.Today(), Years: 4, PerYear: 3000, Seed: 2026})
}

// loadDemoWith fills the store with generated records, in one import (all
// or nothing), and creates the demo users with one-time passwords, which it
// prints once. A store that already holds records is left as it is.
func loadDemoWith(ctx context.Context, db *sqlstore.DB, out io.Writer, opts demoOptions) error {
	_, n, err := db.FindRecords(ctx, heed.RecordFilter{Limit: 1})
	if err != nil {
		return err
	}
	if n > 0 {
		fmt.Fprintf(out, "The database already holds %s: the demo data is already there, or this is not an empty database. Nothing was added.\n", plural(n, "record", "records"))
		return nil
	}
	cal, err := db.Calendar(ctx)
	if err != nil {
		return err
	}
	first := calendar.NewDate(opts.Today.FinancialYear()-opts.Years+1, time.April, 1)
	days := first.DaysUntil(opts.Today) + 1
	gen := generate.Options{Records: opts.PerYear * days / 365, Years: opts.Years, End: opts.Today, Seed: opts.Seed}
	var recs []*heed.Record
	err = generate.Records(gen, db.Rules(), cal, func(r *heed.Record) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	users := demoUsers()
	allocateDemo(recs, users[2].Username)
	start := time.Now()
	if _, err := db.ImportRecords(ctx, heed.Actor{Name: "demo"}, recs, heed.ImportOptions{Note: "synthetic demo council"}); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	took := time.Since(start)
	fmt.Fprintf(out, "Demo council created in %s: %s, %s to %s (financial years %s to %s).\n",
		took.Round(time.Millisecond), plural(len(recs), "synthetic record", "synthetic records"), first.Long(), opts.Today.Long(),
		calendar.FinancialYearLabel(first.FinancialYear()), calendar.FinancialYearLabel(opts.Today.FinancialYear()))
	fmt.Fprint(out, demoSummary(recs, cal, opts.Today))

	fmt.Fprintln(out, "\nDemo users (each one-time password is shown only once; each user chooses their own at first sign-in):")
	for _, u := range users {
		if _, err := db.FindUserByUsername(ctx, u.Username); err == nil {
			fmt.Fprintf(out, "  %-13s %-18s already exists; left as it was\n", u.Username, u.Role.Label())
			continue
		} else if heed.ErrorCode(err) != heed.ENOTFOUND {
			return err
		}
		var password string
		if password, u.PasswordHash, err = web.OneTimePassword(opts.Params); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		u.MustChange = true
		if err := db.CreateUser(ctx, heed.Actor{Name: "demo"}, u); err != nil {
			return err
		}
		what := u.Role.Label()
		if len(u.ServiceAreas) > 0 {
			what += " (" + strings.Join(u.ServiceAreas, ", ") + ")"
		}
		fmt.Fprintf(out, "  %-13s one-time password %s  %s\n", u.Username, password, what)
	}
	return nil
}

// allocateDemo gives every demoInvestigatorShare-th open, allocated stage to
// the demo investigator. The generator names investigators by job title,
// which is no one's user name.
func allocateDemo(recs []*heed.Record, username string) {
	n := 0
	for _, r := range recs {
		for i := range r.Stages {
			s := &r.Stages[i]
			if !s.Open() || s.Investigator == "" {
				continue
			}
			if n%demoInvestigatorShare == 0 {
				s.Investigator = username
			}
			n++
		}
	}
}

// demoSummary counts what the demo holds, without any personal data.
func demoSummary(recs []*heed.Record, cal *calendar.Calendar, today calendar.Date) string {
	byType := map[heed.RecordType]int{}
	var open, overdue, soon, lessons, actions, ombudsman int
	for _, r := range recs {
		byType[r.Type]++
		if r.Ombudsman != nil {
			ombudsman++
		}
		for _, l := range r.Lessons {
			if !l.NoLearning {
				lessons++
			}
			actions += len(l.Actions)
		}
		for i := range r.Stages {
			s := &r.Stages[i]
			if !s.Open() {
				continue
			}
			open++
			due := s.Deadline
			if !s.ExtendedTo.IsZero() {
				due = s.ExtendedTo
			}
			switch {
			case due.IsZero():
			case due.Before(today):
				overdue++
			case cal.WorkingDaysBetween(today, due) <= demoDueSoon:
				soon++
			}
		}
	}
	var b strings.Builder
	var kinds []string
	for _, t := range heed.RecordTypes {
		if byType[t] > 0 {
			kinds = append(kinds, fmt.Sprintf("%s %d", t.Label(), byType[t]))
		}
	}
	fmt.Fprintf(&b, "  By type: %s.\n", strings.Join(kinds, "; "))
	fmt.Fprintf(&b, "  Open stages: %d (%d overdue, %d due within %d working days).\n", open, overdue, soon, demoDueSoon)
	fmt.Fprintf(&b, "  Lessons: %d, with %s. Ombudsman cases: %d.\n", lessons, plural(actions, "action", "actions"), ombudsman)
	return b.String()
}
