package heed

import (
	"strings"
	"testing"

	"github.com/heedhq/heed/calendar"
)

// TestStage2NeedsAnotherHandler: under the Complaint Handling Code (the
// corporate and housing procedures) Stage 2 is handled by someone other
// than the Stage 1 handler; the children's statutory procedure has no such
// rule.
func TestStage2NeedsAnotherHandler(t *testing.T) {
	rules, cal := DefaultRules(), calendar.EnglandAndWales()
	for _, tt := range []struct {
		procedure ProcedureID
		second    string
		refused   bool
	}{
		{Corporate, "jo", true}, {Corporate, "JO", true}, {Corporate, "sam", false}, {Corporate, "", false},
		{Housing, "jo", true}, {ChildrenStatutory, "jo", false},
	} {
		rec := &Record{Reference: "X-1", Type: TypeComplaint, Received: calendar.MustParseDate("2026-05-01"), ServiceArea: "Housing",
			Procedure: tt.procedure, Stages: []Stage{
				{Number: 1, Investigator: "jo", Responded: calendar.MustParseDate("2026-05-08"), Outcome: OutcomeNotUpheld},
				{Number: 2, Started: calendar.MustParseDate("2026-05-11"), Investigator: tt.second}}}
		rules.Normalize(rec)
		errs := rules.Check(cal, rec, calendar.MustParseDate("2026-12-02"))
		refused := false
		for _, e := range errs {
			if e.Field == "stage2_investigator" && strings.Contains(e.Message, "someone other than who handled Stage 1 (jo)") {
				refused = true
			}
		}
		if refused != tt.refused {
			t.Errorf("%s, Stage 2 by %q: refused %v, want %v (%v)", tt.procedure, tt.second, refused, tt.refused, errs)
		}
	}
}

// TestMilestones: the acknowledgement's own clock under the Code, and a
// review panel's three clocks, each counted from the one before.
func TestMilestones(t *testing.T) {
	rules, cal := DefaultRules(), calendar.EnglandAndWales()
	d := calendar.MustParseDate
	corp := &Record{Type: TypeComplaint, Procedure: Corporate, Received: d("2026-11-02"),
		Stages: []Stage{{Number: 1, Started: d("2026-11-02"), Acknowledged: d("2026-11-10")}}}
	m := rules.Milestones(cal, corp, &corp.Stages[0])
	if len(m) != 1 || m[0].What != "Acknowledge" || m[0].Due != d("2026-11-09") || !m[0].Late(d("2026-12-02")) {
		t.Errorf("corporate Stage 1: %+v", m)
	}
	cs := &Record{Type: TypeComplaint, Procedure: ChildrenStatutory, Received: d("2015-01-05"), Stages: []Stage{
		{Number: 1}, {Number: 2}, {Number: 3, Started: d("2015-03-23"), PanelMet: d("2015-04-20")}}}
	m = rules.Milestones(cal, cs, &cs.Stages[2])
	var got []string
	for _, x := range m {
		got = append(got, x.What+" "+x.Due.String())
	}
	// 30 working days from 23 March 2015 (3 and 6 April and 4 May are bank
	// holidays) is 7 May; the report, 5 after the meeting on 20 April, 27
	// April; the response, 15 after that report was due, 19 May.
	want := []string{"Review panel meets 2015-05-07", "Panel reports 2015-04-27", "Council responds to the report 2015-05-19"}
	if len(got) != len(want) {
		t.Fatalf("panel milestones %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("milestone %d = %q, want %q", i, got[i], want[i])
		}
	}
	if m := rules.Milestones(cal, cs, &cs.Stages[0]); len(m) != 0 {
		t.Errorf("children's Stage 1 has milestones %+v", m)
	}
}

// TestStatutoryStageRules: the statutory Stage 2 and 3 dates are in order,
// and belong to the children's statutory procedure alone.
func TestStatutoryStageRules(t *testing.T) {
	rules, cal := DefaultRules(), calendar.EnglandAndWales()
	d := calendar.MustParseDate
	base := func(p ProcedureID) *Record {
		return &Record{Reference: "X-1", Type: TypeComplaint, Received: d("2026-05-01"), ServiceArea: "Children's Social Care",
			Procedure: p, Stages: []Stage{
				{Number: 1, Responded: d("2026-05-08"), Outcome: OutcomeNotUpheld},
				{Number: 2, Started: d("2026-05-11"), Responded: d("2026-06-30"), Outcome: OutcomeNotUpheld},
				{Number: 3, Started: d("2026-07-01")}}}
	}
	tests := []struct {
		name   string
		proc   ProcedureID
		change func(r *Record)
		field  string // "" when allowed
	}{
		{"statement agreed after the request", ChildrenStatutory, func(r *Record) { r.Stages[1].StatementAgreed = d("2026-05-20") }, ""},
		{"statement agreed before the request", ChildrenStatutory, func(r *Record) { r.Stages[1].StatementAgreed = d("2026-05-08") }, "stage2_statement_agreed"},
		{"statement agreed after the response", ChildrenStatutory, func(r *Record) { r.Stages[1].StatementAgreed = d("2026-07-01") }, "stage2_statement_agreed"},
		{"panel reported before it met", ChildrenStatutory, func(r *Record) {
			r.Stages[2].PanelMet, r.Stages[2].PanelReported = d("2026-07-20"), d("2026-07-17")
		}, "stage3_panel_reported"},
		{"panel met after today", ChildrenStatutory, func(r *Record) { r.Stages[2].PanelMet = d("2026-12-03") }, "stage3_panel_met"},
		{"a statement on a housing complaint", Housing, func(r *Record) {
			r.Stages = r.Stages[:2]
			r.Stages[1].StatementAgreed = d("2026-05-20")
		}, "stage2_statement_agreed"},
	}
	for _, tt := range tests {
		rec := base(tt.proc)
		tt.change(rec)
		rules.Normalize(rec)
		var fields []string
		for _, e := range rules.Check(cal, rec, d("2026-12-02")) {
			fields = append(fields, e.Field)
		}
		got := strings.Join(fields, " ")
		if (tt.field == "" && got != "") || (tt.field != "" && !strings.Contains(got, tt.field)) {
			t.Errorf("%s: refused %q, want %q", tt.name, got, tt.field)
		}
	}
}

// TestCorrectiveActionFollowsLessons: a lesson with actions says the latest
// answered stage's response found corrective action, unless recorded
// otherwise; uasc and corrective action go through the spreadsheet's
// fields both ways.
func TestCorrectiveActionFollowsLessons(t *testing.T) {
	d := calendar.MustParseDate
	rec := &Record{Type: TypeComplaint, Procedure: Corporate, Received: d("2026-05-01"), Stages: []Stage{
		{Number: 1, Responded: d("2026-05-08"), Outcome: OutcomeUpheld},
		{Number: 2, Started: d("2026-05-11")}},
		Lessons: []Lesson{{Text: "Call back within a day", Actions: []Action{{Description: "Train the team", Owner: "Head", Due: d("2026-06-30")}}}}}
	DefaultRules().Normalize(rec)
	if got := rec.Stage(1).CorrectiveAction; got != CorrectiveActionYes {
		t.Errorf("Stage 1's corrective action %q, want yes", got)
	}
	rec.Stage(1).CorrectiveAction = CorrectiveActionNo
	DefaultRules().Normalize(rec)
	if got := rec.Stage(1).CorrectiveAction; got != CorrectiveActionNo {
		t.Errorf("an explicit no became %q", got)
	}
	back := &Record{}
	for k, v := range (&Record{UASC: true, Stages: []Stage{{Number: 1, CorrectiveAction: CorrectiveActionNo}}}).Fields() {
		if err := back.SetField(k, v); err != nil {
			t.Fatalf("%s=%s: %v", k, v, err)
		}
	}
	if !back.UASC || back.Stage(1) == nil || back.Stage(1).CorrectiveAction != CorrectiveActionNo {
		t.Errorf("round trip: %+v", back)
	}
	if err := back.SetField("stage1_corrective_action", "maybe"); err == nil {
		t.Error("corrective action maybe was accepted")
	}
}
