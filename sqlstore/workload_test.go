package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// dashboardToday is the day of the dashboard fixture: 20 November 2025,
// in the quarter from 1 October, against 1 October to 20 November 2024.
var dashboardToday = d("2025-11-20")

// dashboardFixture stores records that each count, or must not count, in
// one figure of the dashboard on dashboardToday.
func dashboardFixture(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	const hw, cs, asc = "Highways", "Children's Social Care", "Adult Social Care"
	open := func(due string) []heed.Lesson {
		return []heed.Lesson{{Text: "Lesson", Actions: []heed.Action{{Description: "Act", Owner: "Lead", Due: d(due)}}}}
	}
	recs := []*heed.Record{
		// This quarter so far.
		{Reference: "H1", Type: heed.TypeComplaint, Received: d("2025-10-06"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1, Responded: d("2025-10-10"), Outcome: heed.OutcomeNotUpheld}},
			Lessons: []heed.Lesson{{Text: "Lesson", Actions: []heed.Action{
				{Description: "Overdue", Owner: "Lead", Due: d("2025-11-01")},
				{Description: "Due today", Owner: "Lead", Due: d("2025-11-20")},
				{Description: "Done", Owner: "Lead", Due: d("2025-11-01"), Completed: d("2025-10-30")}}}}},
		{Reference: "H2", Type: heed.TypeComplaint, Received: d("2025-10-01"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1, Responded: d("2025-11-14"), Outcome: heed.OutcomeUpheld}, {Number: 2, Started: d("2025-11-17")}}},
		{Reference: "H3", Type: heed.TypeComplaint, Received: d("2025-09-22"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1, Responded: d("2025-10-02"), Outcome: heed.OutcomeResolvedEarly}}},
		{Reference: "H4", Type: heed.TypeComplaint, Received: d("2025-11-20"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Parking",
			Stages: []heed.Stage{{Number: 1}}},
		{Reference: "C1", Type: heed.TypeComplaint, Received: d("2025-10-15"), ServiceArea: cs, Procedure: heed.ChildrenStatutory, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1}}, Lessons: open("2025-11-10")},
		{Reference: "A1", Type: heed.TypeComplaint, Received: d("2025-10-07"), ServiceArea: asc, Procedure: heed.AdultSocialCare,
			Stages: []heed.Stage{{Number: 1, Responded: d("2025-10-08"), Outcome: heed.OutcomeUpheld}}},
		{Reference: "V1", Type: heed.TypeComplaint, Received: d("2025-10-08"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Parking",
			Stages: []heed.Stage{{Number: 1}}, Lessons: open("2025-11-01")},
		{Reference: "K1", Type: heed.TypeCompliment, Received: d("2025-10-09"), ServiceArea: hw, Theme: "Parking"},
		{Reference: "M1", Type: heed.TypeMPEnquiry, Received: d("2025-11-03"), ServiceArea: hw, Stages: []heed.Stage{{Number: 1}}},
		// The same days last year, and after them.
		{Reference: "L1", Type: heed.TypeComplaint, Received: d("2024-10-03"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1, Responded: d("2024-10-08"), Outcome: heed.OutcomeNotUpheld},
				{Number: 2, Started: d("2024-10-21"), Responded: d("2024-11-11"), Outcome: heed.OutcomeNotUpheld}}},
		{Reference: "L2", Type: heed.TypeComplaint, Received: d("2024-11-21"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1, Responded: d("2024-11-22"), Outcome: heed.OutcomeNotUpheld}}},
		{Reference: "L3", Type: heed.TypeComplaint, Received: d("2024-10-10"), ServiceArea: hw, Procedure: heed.Corporate, Theme: "Parking",
			Stages: []heed.Stage{{Number: 1, Responded: d("2024-11-29"), Outcome: heed.OutcomeNotUpheld}}},
	}
	ctx := context.Background()
	for _, r := range recs {
		if err := db.CreateRecord(ctx, storetest.Actor, r); err != nil {
			t.Fatalf("%s: %v", r.Reference, err)
		}
	}
	v1, err := db.FindRecordByID(ctx, recs[6].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.VoidRecord(ctx, storetest.Actor, v1.ID, v1.Version, "Entered twice"); err != nil {
		t.Fatal(err)
	}
}

func TestDashboard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		dashboardFixture(t, db)
		tests := []struct {
			name  string
			areas []string
			want  heed.Dashboard
		}{
			{"the whole council", nil, heed.Dashboard{
				This:        heed.QuarterFigures{Received: 5, Responded: 4, InTime: 3, Escalated: 1, EscalationBase: 2},
				Before:      heed.QuarterFigures{Received: 2, Responded: 1, InTime: 1, Escalated: 1, EscalationBase: 1},
				Stages:      []heed.StageLoad{{Stage: 1, Open: 2, Overdue: 1}, {Stage: 2, Open: 1}, {Stage: 0, Open: 1, Overdue: 1}},
				Themes:      []heed.ThemeCount{{Theme: "Delay", This: 3, Before: 1}, {Theme: "Parking", This: 1, Before: 1}},
				OpenActions: 3, OverdueActions: 2,
			}},
			{"a manager of Highways", []string{"highways"}, heed.Dashboard{
				This:        heed.QuarterFigures{Received: 3, Responded: 3, InTime: 2, Escalated: 1, EscalationBase: 2},
				Before:      heed.QuarterFigures{Received: 2, Responded: 1, InTime: 1, Escalated: 1, EscalationBase: 1},
				Stages:      []heed.StageLoad{{Stage: 1, Open: 1}, {Stage: 2, Open: 1}, {Stage: 0, Open: 1, Overdue: 1}},
				Themes:      []heed.ThemeCount{{Theme: "Delay", This: 2, Before: 1}, {Theme: "Parking", This: 1, Before: 1}},
				OpenActions: 2, OverdueActions: 1,
			}},
			{"a manager of Children's Social Care", []string{"Children's Social Care"}, heed.Dashboard{
				This:        heed.QuarterFigures{Received: 1},
				Stages:      []heed.StageLoad{{Stage: 1, Open: 1, Overdue: 1}},
				Themes:      []heed.ThemeCount{{Theme: "Delay", This: 1}},
				OpenActions: 1, OverdueActions: 1,
			}},
			{"a manager of no service area", []string{}, heed.Dashboard{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := db.Dashboard(context.Background(), heed.DashboardQuery{Today: dashboardToday, ServiceAreas: tt.areas})
				if err != nil {
					t.Fatal(err)
				}
				if got.Quarter != (heed.Span{From: d("2025-10-01"), To: dashboardToday}) ||
					got.LastYear != (heed.Span{From: d("2024-10-01"), To: d("2024-11-20")}) {
					t.Errorf("spans %v and %v", got.Quarter, got.LastYear)
				}
				if got.This != tt.want.This || got.Before != tt.want.Before {
					t.Errorf("this quarter %+v, last year %+v; want %+v and %+v", got.This, got.Before, tt.want.This, tt.want.Before)
				}
				if !equalSlices(got.Stages, tt.want.Stages) {
					t.Errorf("open stages %+v, want %+v", got.Stages, tt.want.Stages)
				}
				if !equalSlices(got.Themes, tt.want.Themes) {
					t.Errorf("themes %+v, want %+v", got.Themes, tt.want.Themes)
				}
				if got.OpenActions != tt.want.OpenActions || got.OverdueActions != tt.want.OverdueActions {
					t.Errorf("actions open %d, overdue %d; want %d and %d", got.OpenActions, got.OverdueActions, tt.want.OpenActions, tt.want.OverdueActions)
				}
			})
		}
	})
}

// equalSlices reports whether two slices hold the same items in order; nil
// and empty are equal.
func equalSlices[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
