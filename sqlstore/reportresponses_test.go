package sqlstore_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestReportResponseFacts checks the facts of stage responses: corrective
// action and working days late at each stage, a paused stage that is not
// late, the same from record_counts as from the records; and that a stage's
// days late stay as counted when the bank holidays change and the record is
// then edited (the kept counts equal the counts rebuilt).
func TestReportResponseFacts(t *testing.T) {
	ctx := context.Background()
	d := calendar.MustParseDate
	for _, b := range storetest.Backends {
		t.Run(string(b), func(t *testing.T) {
			db := storetest.Open(t, b, sqlstore.Options{})
			cal, err := db.Calendar(ctx)
			if err != nil {
				t.Fatal(err)
			}
			received := d("2025-06-02")
			deadline := cal.AddWorkingDays(received, 10) // the Children Act's Stage 1 target
			late := &heed.Record{Reference: "T-1", Type: heed.TypeComplaint, Procedure: heed.ChildrenStatutory, ServiceArea: "Fostering",
				Received: received, ComplainantType: heed.ComplainantChild, UASC: true, Stages: []heed.Stage{
					{Number: 1, Started: received, Responded: cal.AddWorkingDays(deadline, 4), Outcome: heed.OutcomeNotUpheld,
						CorrectiveAction: heed.CorrectiveActionYes},
					{Number: 2, Started: d("2025-07-01"), Responded: d("2025-07-15"), Outcome: heed.OutcomeNotUpheld,
						CorrectiveAction: heed.CorrectiveActionNo},
				}}
			paused := &heed.Record{Reference: "T-2", Type: heed.TypeComplaint, Procedure: heed.ChildrenStatutory, ServiceArea: "Fostering",
				Received: received, Stages: []heed.Stage{{Number: 1, Started: received, Pauses: []heed.Pause{{From: d("2025-06-04"), Reason: "Awaiting consent"}}}}}
			if _, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{late, paused}, heed.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			q := report.QueryFor(report.Annual(2025), d("2026-01-31"))
			facts := func() *report.Facts {
				f, err := db.ReportFacts(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				g, err := db.ReportFactsFromRecords(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, x := range []*report.Facts{f, g} {
					slices.SortFunc(x.Responses, func(a, b report.ResponseFact) int { return a.Number - b.Number })
				}
				if !reflect.DeepEqual(f.Responses, g.Responses) {
					t.Errorf("responses from record_counts %+v, from the records %+v", f.Responses, g.Responses)
				}
				return f
			}
			f := facts()
			want := []report.ResponseFact{
				{Procedure: heed.ChildrenStatutory, ServiceArea: "Fostering", Number: 1, Outcome: heed.OutcomeNotUpheld, Count: 1,
					CorrectiveYes: 1, Late: report.Lateness{N: 1, Days: 4, By: [4]int{1, 0, 0, 0}}},
				{Procedure: heed.ChildrenStatutory, ServiceArea: "Fostering", Number: 2, Outcome: heed.OutcomeNotUpheld, Count: 1,
					CorrectiveNo: 1},
			}
			if !reflect.DeepEqual(f.Responses, want) {
				t.Errorf("responses %+v, want %+v", f.Responses, want)
			}
			var direct, uasc int
			timings := map[report.Timing]int{}
			for _, r := range f.Records {
				direct += r.Direct
				uasc += r.UASC
				timings[r.Timing] += r.Count
			}
			if direct != 1 || uasc != 1 || timings[report.TimingPaused] != 1 || timings[report.TimingLate] != 1 {
				t.Errorf("%d direct, %d UASC, timings %v: want 1, 1, one late and one paused", direct, uasc, timings)
			}

			// A bank holiday between the deadline and the response: the
			// stage was judged 4 days late, and stays so.
			list := append(cal.Holidays(), calendar.Holiday{Date: cal.AddWorkingDays(deadline, 2), Title: "A made-up holiday"})
			slices.SortFunc(list, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) })
			if _, err := db.LoadHolidays(ctx, storetest.Actor, list); err != nil {
				t.Fatal(err)
			}
			rec, err := db.FindRecordByReference(ctx, "T-1")
			if err != nil {
				t.Fatal(err)
			}
			rec.ServiceArea = "Adoption"
			if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
			checkKeptCounts(t, db)
			if got := facts().Responses[0]; got.ServiceArea != "Adoption" || got.Late.Days != 4 {
				t.Errorf("after the holiday and the edit: %+v, want Adoption's, 4 days late", got)
			}
		})
	}
}
