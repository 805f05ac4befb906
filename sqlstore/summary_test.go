package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestStage1SummaryFollowsStages: the records' s1_* columns, and the
// record_counts a report of whole months reads, agree with the records
// after an import, edits and a new list of bank holidays.
func TestStage1SummaryFollowsStages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		var recs []*heed.Record
		err := generate.Records(generate.Options{Records: 300, Years: 1, End: calendar.Today(), Seed: 3},
			heed.DefaultRules(), calendar.EnglandAndWales(), func(r *heed.Record) error { recs = append(recs, r); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, db)

		var edited *heed.Record
		for _, r := range recs {
			if r.Type == heed.TypeComplaint && r.Stage(1).Open() {
				edited = mustFind(t, db, r.Reference)
				break
			}
		}
		if edited == nil {
			t.Fatal("no open complaint generated")
		}
		s := edited.Stage(1)
		s.Responded, s.Outcome = s.Started.AddDays(1), heed.OutcomeUpheld
		edited.Lessons = append(edited.Lessons, heed.Lesson{Text: "Call back within a day.",
			Actions: []heed.Action{{Description: "Brief the team", Owner: "Team manager", Due: s.Started.AddDays(20)}}})
		if err := db.UpdateRecord(ctx, storetest.Actor, edited); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, db)
		edited = mustFind(t, db, edited.Reference)
		edited.Lessons[len(edited.Lessons)-1].Actions[0].Completed = s.Started.AddDays(10)
		edited.ServiceArea, edited.YoungPerson = "Adult Social Care", !edited.YoungPerson
		if err := db.UpdateRecord(ctx, storetest.Actor, edited); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, db)

		cal, _ := db.Calendar(ctx)
		var list []calendar.Holiday
		// Made-up holidays on a Wednesday each week (whatever day the test
		// runs), so that they move the deadlines of open stages.
		first := calendar.Today().AddDays(-40)
		for first.Weekday() != time.Wednesday {
			first = first.AddDays(1)
		}
		for d := first; d.Before(calendar.Today()); d = d.AddDays(7) {
			list = append(list, calendar.Holiday{Date: d, Title: "A made-up holiday"})
		}
		list = append(cal.Holidays(), list...)
		slices.SortFunc(list, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) })
		if moved, err := db.LoadHolidays(ctx, storetest.Actor, list); err != nil || moved == 0 {
			t.Fatalf("load holidays: moved %d, %v", moved, err)
		}
		checkSummary(t, db)

		// A database from before record_counts (and so from before
		// migrations 0029 and 0043, which add to them) gets them filled from
		// its records when it migrates: all three run again.
		for _, q := range []string{`DROP TABLE record_counts`, `DROP INDEX actions_open`,
			`DROP INDEX stages_later_responded`, `ALTER TABLE stages DROP COLUMN late_days`,
			`DROP TABLE quarter_counts`, `DROP TABLE theme_counts`, `DROP TABLE stage_counts`, `DROP TABLE response_counts`,
			`DROP TABLE open_action_counts`, `DELETE FROM schema_migrations WHERE version IN (4, 29, 43)`} {
			if _, err := db.SQL().ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		checkCounts(t, db)
	})
}

func checkSummary(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	checkCounts(t, db)
	day := func(v sql.NullString) string {
		if len(v.String) > 10 {
			return v.String[:10]
		}
		return v.String
	}
	rows, err := db.SQL().Query(`SELECT r.reference, r.s1_deadline, r.s1_extended_to, r.s1_responded, r.s1_outcome,
		coalesce(r.s1_response_days, -1), s.deadline, s.extended_to, s.responded, coalesce(s.outcome, ''),
		coalesce(s.response_days, -1)
		FROM records r LEFT JOIN stages s ON s.record_id = r.id AND s.number = 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var ref, o1, o2 string
		var d1, e1, r1, d2, e2, r2 sql.NullString
		var days1, days2 int
		if err := rows.Scan(&ref, &d1, &e1, &r1, &o1, &days1, &d2, &e2, &r2, &o2, &days2); err != nil {
			t.Fatal(err)
		}
		if day(d1) != day(d2) || day(e1) != day(e2) || day(r1) != day(r2) || o1 != o2 || days1 != days2 {
			t.Errorf("%s: summary (%s %s %s %s %d) differs from Stage 1 (%s %s %s %s %d)", ref,
				day(d1), day(e1), day(r1), o1, days1, day(d2), day(e2), day(r2), o2, days2)
		}
		n++
	}
	if n == 0 {
		t.Error("no records")
	}
}

// checkCounts compares the facts of an annual and a quarterly report, read
// from the tallies and from record_counts, with the same facts grouped from
// the records.
func checkCounts(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	checkKeptCounts(t, db)
	today := calendar.Today()
	quarter, err := report.Quarterly(fmt.Sprintf("%dQ%d", today.FinancialYear(), today.Quarter()))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []report.Period{report.Annual(today.FinancialYear()), quarter} {
		q := report.QueryFor(p, today)
		want, err := db.ReportFactsFromRecords(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Records) == 0 {
			t.Fatalf("%s: no facts", p.Label)
		}
		sortFacts(want)
		for _, read := range []func(context.Context, report.Query) (*report.Facts, error){db.ReportFacts, db.ReportFactsFromMonths} {
			got, err := read(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			sortFacts(got)
			compareFacts(t, p.Label, got, want)
		}
	}
}

// sortFacts puts every list of f in one order, whatever order its source
// gave.
func sortFacts(f *report.Facts) {
	byText := func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) }
	slices.SortFunc(f.Records, func(a, b report.RecordFact) int { return byText(a, b) })
	slices.SortFunc(f.ByTheme, func(a, b report.ThemeFact) int { return byText(a, b) })
	slices.SortFunc(f.Stages, func(a, b report.StageFact) int { return byText(a, b) })
	slices.SortFunc(f.Responses, func(a, b report.ResponseFact) int { return byText(a, b) })
	slices.SortFunc(f.Refused, func(a, b report.RefusedFact) int { return byText(a, b) })
	slices.SortFunc(f.Ombudsman, func(a, b report.OmbudsmanFact) int { return byText(a, b) })
	slices.SortFunc(f.Remedies, func(a, b report.RemedyFact) int { return byText(a, b) })
	slices.SortFunc(f.Recommendations, func(a, b report.RecommendationFact) int { return byText(a, b) })
	slices.Sort(f.Themes)
}

// compareFacts fails the test unless got, read from counts, equals want,
// grouped from the records.
func compareFacts(t *testing.T, label string, got, want *report.Facts) {
	t.Helper()
	for i := range max(len(got.Records), len(want.Records)) {
		if i >= len(got.Records) || i >= len(want.Records) || got.Records[i] != want.Records[i] {
			t.Errorf("%s: record facts differ from the %dth: got %d facts, want %d", label, i, len(got.Records), len(want.Records))
			break
		}
	}
	if !reflect.DeepEqual(got.Responses, want.Responses) {
		t.Errorf("%s: responses from the counts differ from the records:\n got %+v\nwant %+v", label, got.Responses, want.Responses)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: facts from the counts differ from the records:\n got %+v\nwant %+v", label, got, want)
	}
}

// checkKeptCounts fails the test unless record_counts, as kept in step
// with every write, equals record_counts rebuilt from the records.
func checkKeptCounts(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	kept, err := db.CountRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.RebuildCounts(ctx); err != nil {
		t.Fatal(err)
	}
	rebuilt, err := db.CountRows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	only := func(a, b []string) []string {
		var out []string
		for _, r := range a {
			if !slices.Contains(b, r) && len(out) < 10 {
				out = append(out, r)
			}
		}
		return out
	}
	if !slices.Equal(kept, rebuilt) {
		t.Errorf("the counts kept in step differ from those rebuilt from the records:\nonly kept: %q\nonly rebuilt: %q",
			only(kept, rebuilt), only(rebuilt, kept))
	}
}
