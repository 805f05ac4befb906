package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestPausedIsNotOverdue: a stage past its deadline whose clock is paused,
// with no end yet, is not overdue in the cases list's filter, on "Your
// work" or on the dashboard, as the report counts it paused and no overdue
// notice is sent; once its pause has ended it is overdue again.
func TestPausedIsNotOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		today := d("2025-11-20")
		complaint := func(ref string, pause heed.Pause) *heed.Record {
			return &heed.Record{Reference: ref, Type: heed.TypeComplaint, Received: d("2025-10-01"), ServiceArea: "Highways",
				Procedure: heed.Corporate, Stages: []heed.Stage{{Number: 1, Investigator: "ivy", Pauses: []heed.Pause{pause}}}}
		}
		paused := complaint("P-1", heed.Pause{From: d("2025-10-03"), Reason: "Awaiting consent"})
		ended := complaint("P-2", heed.Pause{From: d("2025-10-03"), To: d("2025-10-06"), Reason: "Awaiting consent"})
		for _, r := range []*heed.Record{paused, ended} {
			if err := db.CreateRecord(ctx, storetest.Actor, r); err != nil {
				t.Fatalf("%s: %v", r.Reference, err)
			}
		}
		if due := mustFind(t, db, "P-1").Stage(1).Deadline; !due.Before(today) {
			t.Fatalf("the paused stage is due %s, not before %s: the test needs it past its deadline", due, today)
		}

		overdue, _, err := db.ListCases(ctx, heed.CaseFilter{Overdue: true, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if len(overdue) != 1 || overdue[0].Reference != "P-2" {
			t.Errorf("overdue cases %+v, want P-2 alone", overdue)
		}
		all, _, err := db.ListCases(ctx, heed.CaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range all {
			if want := c.Reference == "P-1"; c.Paused != want || c.Due.IsZero() != want {
				t.Errorf("%s: paused %v, due %s; want paused %v and a due day only when not paused", c.Reference, c.Paused, c.Due, want)
			}
		}

		stages, _, err := db.OpenStages(ctx, heed.OpenStageFilter{Investigator: "ivy"})
		if err != nil {
			t.Fatal(err)
		}
		if len(stages) != 2 {
			t.Fatalf("open stages %+v, want two", stages)
		}
		for _, s := range stages {
			if want := s.Reference == "P-1"; s.Paused != want {
				t.Errorf("%s: paused %v, want %v", s.Reference, s.Paused, want)
			}
		}

		dash, err := db.Dashboard(ctx, heed.DashboardQuery{Today: today})
		if err != nil {
			t.Fatal(err)
		}
		if want := []heed.StageLoad{{Stage: 1, Open: 2, Overdue: 1}}; !equalSlices(dash.Stages, want) {
			t.Errorf("dashboard stages %+v, want %+v", dash.Stages, want)
		}
	})
}
