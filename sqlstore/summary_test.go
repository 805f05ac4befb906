package sqlstore_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestStage1SummaryFollowsStages: the records' s1_* columns, which reports
// read, agree with Stage 1 after an import, an edit and a new list of bank
// holidays.
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
		if err := db.UpdateRecord(ctx, storetest.Actor, edited); err != nil {
			t.Fatal(err)
		}
		checkSummary(t, db)

		cal, _ := db.Calendar(ctx)
		var list []calendar.Holiday
		for d := calendar.Today().AddDays(-40); d.Before(calendar.Today()); d = d.AddDays(7) {
			list = append(list, calendar.Holiday{Date: d, Title: "A made-up holiday"})
		}
		list = append(cal.Holidays(), list...)
		slices.SortFunc(list, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) })
		if moved, err := db.LoadHolidays(ctx, storetest.Actor, list); err != nil || moved == 0 {
			t.Fatalf("load holidays: moved %d, %v", moved, err)
		}
		checkSummary(t, db)
	})
}

func checkSummary(t *testing.T, db *sqlstore.DB) {
	t.Helper()
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
