package sqlstore_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// asItStood is rec as it stood at the end of day: nil when it was received
// later; otherwise without what was recorded after that day (responses and
// outcomes, later stages, ended pauses, the Ombudsman's decision, remedies
// and recommendations complied with, actions completed, the case closed).
func asItStood(rec *heed.Record, day calendar.Date) *heed.Record {
	if rec.Received.After(day) {
		return nil
	}
	r := rec.Clone()
	after := func(d calendar.Date) bool { return d.After(day) }
	var stages []heed.Stage
	for _, s := range r.Stages {
		if after(s.Started) {
			break
		}
		var pauses []heed.Pause
		for _, p := range s.Pauses {
			if after(p.From) {
				continue
			}
			if after(p.To) {
				p.To = calendar.Date{}
			}
			pauses = append(pauses, p)
		}
		s.Pauses = pauses
		if after(s.Acknowledged) {
			s.Acknowledged = calendar.Date{}
		}
		if after(s.Responded) {
			s.Responded, s.Outcome, s.CorrectiveAction = calendar.Date{}, "", ""
			for i := range s.Elements {
				s.Elements[i].Finding = ""
			}
		}
		stages = append(stages, s)
	}
	r.Stages = stages
	if after(r.Closed) {
		r.Closed = calendar.Date{}
		if s := r.Stage(1); s != nil && s.Responded.IsZero() {
			s.Outcome, s.RefusalReason = "", ""
		}
	}
	if o := r.Ombudsman; o != nil {
		if after(o.Decided) {
			o.Decision, o.Decided, o.Fault = "", calendar.Date{}, ""
		}
		for i := range o.Remedies {
			if after(o.Remedies[i].Complied) {
				o.Remedies[i].Complied = calendar.Date{}
			}
		}
		for i := range o.Recommendations {
			if after(o.Recommendations[i].Complied) {
				o.Recommendations[i].Complied = calendar.Date{}
			}
		}
	}
	for i := range r.Lessons {
		for j := range r.Lessons[i].Actions {
			if a := &r.Lessons[i].Actions[j]; after(a.Completed) {
				a.Completed = calendar.Date{}
			}
		}
	}
	return r
}

// TestReportAsOfAnEarlierDay: a report as at an earlier day equals, figure
// for figure, the report made that day from the records as they stood then
// (built here by taking back everything recorded later, and read from
// record_counts by a store whose today is that day).
func TestReportAsOfAnEarlierDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		today := calendar.Today()
		day := today.AddDays(-75)
		var recs, then []*heed.Record
		err := generate.Records(generate.Options{Records: 900, Years: 2, End: today, Seed: 11},
			heed.DefaultRules(), calendar.EnglandAndWales(), func(r *heed.Record) error {
				if lessonMovesCorrectiveAction(r, day) {
					return nil
				}
				recs = append(recs, r)
				if old := asItStood(r, day); old != nil {
					then = append(then, old)
				}
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		past := storetest.Open(t, db.Dialect(), sqlstore.Options{Now: func() time.Time { return day.Time().Add(12 * time.Hour) }})
		if _, err := past.ImportRecords(ctx, storetest.Actor, then, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		p := report.Annual(day.FinancialYear())
		opts := report.Options{AsOf: day, Rules: heed.DefaultRules()}
		asOf, err := report.Generate(ctx, db, p, opts)
		if err != nil {
			t.Fatal(err)
		}
		want, err := report.Generate(ctx, past, p, opts)
		if err != nil {
			t.Fatal(err)
		}
		now, err := report.Generate(ctx, db, p, report.Options{AsOf: today, Rules: heed.DefaultRules()})
		if err != nil {
			t.Fatal(err)
		}
		// A theme first used after the day is known to the store now, with
		// no complaints then: leave out the themes with none.
		for _, r := range []*report.Report{asOf, want, now} {
			tb := r.Table("complaints_by_theme")
			tb.Rows = slices.DeleteFunc(tb.Rows, func(row report.Row) bool {
				return !slices.ContainsFunc(row.Values, func(v report.Value) bool { return v.N != 0 })
			})
		}
		got, wantJSON, nowJSON := mustJSON(t, asOf), mustJSON(t, want), mustJSON(t, now)
		if got != wantJSON {
			for _, tb := range want.Tables {
				if g := asOf.Table(tb.ID); mustJSON(t, g) != mustJSON(t, tb) {
					t.Errorf("%s as at %s:\n got %s\nwant %s", tb.ID, day, mustJSON(t, g), mustJSON(t, tb))
				}
			}
			for _, m := range want.Measures {
				if g := asOf.Measure(m.ID); g != m {
					t.Errorf("measure %s as at %s: got %+v, want %+v", m.ID, day, g, m)
				}
			}
		}
		if nowJSON == wantJSON {
			t.Error("the report as at today equals the one as at 75 days before: the test shows nothing")
		}
	})
}

// lessonMovesCorrectiveAction reports whether rec has a lesson with
// actions and a response after day: taken back to the day, the lesson
// would mark an earlier response as having found corrective action (a
// lesson with actions marks the latest response), which the records never
// said. The test leaves such records out.
func lessonMovesCorrectiveAction(rec *heed.Record, day calendar.Date) bool {
	actions := slices.ContainsFunc(rec.Lessons, func(l heed.Lesson) bool { return len(l.Actions) > 0 })
	return actions && slices.ContainsFunc(rec.Stages, func(s heed.Stage) bool { return s.Responded.After(day) })
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
