package report_test

import (
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

func rowValues(t *testing.T, r *report.Report, table, key string) []float64 {
	t.Helper()
	tb := r.Table(table)
	if tb == nil {
		t.Fatalf("no table %s", table)
	}
	row := tb.Row(key)
	if row == nil {
		t.Fatalf("%s: no row %q", table, key)
	}
	out := make([]float64, len(row.Values))
	for i, v := range row.Values {
		out[i] = v.N
		if v.NotApplicable {
			out[i] = -1
		}
	}
	return out
}

// TestResponseTables checks the tables of stage responses made in the
// period: escalation leaves out withdrawn and resolved early and the
// procedures with no Stage 2, corrective action counts every stage, and
// late responses fall in their bands.
func TestResponseTables(t *testing.T) {
	var late, late2 report.Lateness
	late.Add(3, 2)  // two 3 days late
	late.Add(25, 1) // one 25 days late
	late2.Add(8, 1)
	r := buildWith(&report.Facts{
		Records: []report.RecordFact{
			{Bucket: 8, Type: heed.TypeComplaint, ServiceArea: "Housing", Procedure: heed.Corporate, Timing: report.TimingLate, Count: 3, Responded: 1},
			{Bucket: 8, Type: heed.TypeComplaint, ServiceArea: "Housing", Procedure: heed.Corporate, Timing: report.TimingPaused, Count: 2},
			{Bucket: 9, Type: heed.TypeComplaint, ServiceArea: "Housing", Procedure: heed.Corporate, Timing: report.TimingInTime,
				Count: 4, Responded: 4, Outcome: heed.OutcomeUpheld, Direct: 2, UASC: 1, Advocacy: heed.AdvocacyProvided, YoungPerson: true},
			{Bucket: 9, Type: heed.TypeMPEnquiry, ServiceArea: "Housing", Timing: report.TimingInTime, Count: 3, Responded: 3},
			{Bucket: 9, Type: heed.TypeMPEnquiry, ServiceArea: "Housing", Timing: report.TimingLate, Count: 1, Responded: 1},
		},
		Stages: []report.StageFact{
			{Bucket: 9, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 2, Count: 2, Timing: report.TimingInTime, Responded: 2, ResponseDays: 30},
			{Bucket: 9, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 2, Count: 5, Outcome: heed.OutcomeNotProgressed},
		},
		Responses: []report.ResponseFact{
			{YearsBefore: 0, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 1, Count: 40, CorrectiveYes: 10, CorrectiveNo: 20, Late: late},
			{YearsBefore: 0, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 1, Outcome: heed.OutcomeWithdrawn, Count: 5, CorrectiveNo: 5},
			{YearsBefore: 0, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 1, Outcome: heed.OutcomeResolvedEarly, Count: 5},
			{YearsBefore: 0, Procedure: heed.AdultSocialCare, ServiceArea: "Housing", Number: 1, Count: 50},
			{YearsBefore: 0, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 2, Count: 3, CorrectiveYes: 1, CorrectiveNo: 1, Late: late2},
			{YearsBefore: 1, Procedure: heed.Corporate, ServiceArea: "Housing", Number: 1, Count: 30, CorrectiveYes: 3},
		},
	})
	for _, c := range []struct {
		table, key string
		want       []float64
	}{
		// 2 Stage 2 started of 40 responses: 50 adult social care (no Stage 2), 5 withdrawn, 5 resolved early left out.
		{"escalation_by_service", "Housing", []float64{40, 2, 5}},
		{"corrective_action", "stage1", []float64{10, 25, 65}},
		{"corrective_action", "stage2", []float64{1, 1, 1}},
		{"corrective_action", "total", []float64{11, 26, 66}},
		{"corrective_action", "year_before", []float64{3, 0, 27}},
		// (3+3+25)/3 = 10.3 days late on average
		{"late_responses_stage1", "Housing", []float64{3, 10.3, 2, 0, 0, 1}},
		{"late_responses_stage2", "total", []float64{1, 8, 0, 1, 0, 0}},
		// pending: 2 paused (not yet due), 2 late unanswered, 1 late answered without an outcome
		{"stage1_outcomes_by_procedure", "corporate", []float64{4, 0, 0, 0, 0, 5, 2, 2, 1}},
		{"timescales_by_stage", "corporate_stage1", []float64{5, 4, 0, 3, 2, 57.1, 0}},
		{"timescales_by_stage", "corporate_stage2", []float64{2, 2, 0, 0, 0, 100, 15}},
		{"enquiries_timeliness", "mp_enquiry", []float64{4, 4, 3, 75}},
		{"timescales_by_service", "Housing", []float64{0, 100, -1, -1, 57.1}},
		{"young_people", "direct", []float64{2}},
		{"young_people", "uasc", []float64{1}},
		{"young_people", "advocacy_provided", []float64{2}},
		{"young_people", "advocacy_offered", []float64{2}},
	} {
		if got := rowValues(t, r, c.table, c.key); !slices.Equal(got, c.want) {
			t.Errorf("%s %s = %v, want %v", c.table, c.key, got, c.want)
		}
	}
	for id, want := range map[string]float64{"escalation_rate_percent": 5, "corrective_action": 11, "no_corrective_action": 26,
		"complaints_from_children": 2, "uasc_complaints": 1, "advocacy_provided": 2} {
		if m := r.Measure(id); m.Value.N != want || m.Value.Null() {
			t.Errorf("measure %s = %v, want %v", id, m.Value, want)
		}
	}
	// 0 escalations of 30 the year before: a change of +5 points.
	if m := r.Measure("escalation_rate_percent"); m.Previous.N != 0 || m.Change.N != 5 {
		t.Errorf("escalation rate %+v, want 0 the year before and a change of 5", m)
	}
}

// TestChangeFromUnrounded checks that a change is computed from the
// unrounded percentages: 1 of 3 (33.33…%) against 1 of 6 (16.66…%) is a
// change of 16.7, where the rounded figures would give 33.3 - 16.7 = 16.6.
func TestChangeFromUnrounded(t *testing.T) {
	r := buildWith(&report.Facts{
		Records: []report.RecordFact{
			{Bucket: 8, Type: heed.TypeComplaint, Procedure: heed.Corporate, Outcome: heed.OutcomeUpheld, Count: 1},
			{Bucket: 8, Type: heed.TypeComplaint, Procedure: heed.Corporate, Outcome: heed.OutcomeNotUpheld, Count: 2},
			{Bucket: 4, Type: heed.TypeComplaint, Procedure: heed.Corporate, Outcome: heed.OutcomeUpheld, Count: 1},
			{Bucket: 4, Type: heed.TypeComplaint, Procedure: heed.Corporate, Outcome: heed.OutcomeNotUpheld, Count: 5},
		},
	})
	m := r.Measure("upheld_percent")
	if m.Value.N != 33.3 || m.Previous.N != 16.7 || m.Change.N != 16.7 || m.ChangePercent.N != 100 {
		t.Errorf("upheld_percent %v, %v, change %v (%v%%), want 33.3, 16.7, change 16.7 (100%%)", m.Value, m.Previous, m.Change, m.ChangePercent)
	}
}
