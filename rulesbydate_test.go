package heed_test

import (
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// TestRulesByDate: each stage of a corporate complaint is judged by the
// targets in force on the day it started: the council's corporate
// timescales before 1 April 2026 (10 working days from receipt at Stage 1,
// 20 at Stage 2, no acknowledgement target), the Complaint Handling Code's
// from then (5 to acknowledge; 10 and 20 from the acknowledgement).
func TestRulesByDate(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	tests := []struct {
		name             string
		received         string
		stage            heed.Stage
		deadline, latest string
		says             []string
	}{
		// Tuesday 31 March 2026 + 10 working days, skipping Good Friday
		// (3 April) and Easter Monday (6 April): the acknowledgement on 1
		// April changes nothing.
		{"stage 1 started 31 March 2026", "2026-03-31",
			heed.Stage{Number: 1, Started: d("2026-03-31"), Acknowledged: d("2026-04-01")}, "2026-04-16", "2026-04-30",
			[]string{"Received 31 March 2026: the council's corporate timescales before the Code apply, as the stage started before 1 April 2026."}},
		// Wednesday 1 April 2026: counted from the acknowledgement on 2
		// April; the extension's 20 working days skip 4 May.
		{"stage 1 started 1 April 2026", "2026-04-01",
			heed.Stage{Number: 1, Started: d("2026-04-01"), Acknowledged: d("2026-04-02")}, "2026-04-20", "2026-05-05",
			[]string{"Received 1 April 2026: the Complaint Handling Code's timescales apply, in force for stages started from 1 April 2026.",
				"The response is counted from the acknowledgement on 2 April 2026."}},
		// The Code without an acknowledgement: from the fifth working day,
		// Friday 10 April.
		{"stage 1 started 1 April 2026, not acknowledged", "2026-04-01",
			heed.Stage{Number: 1, Started: d("2026-04-01")}, "2026-04-24", "2026-05-11", nil},
		// Received in March, Stage 2 started on Thursday 2 April: the Code's
		// 20 working days from the acknowledgement on 7 April.
		{"stage 2 started after 1 April on a complaint received before", "2026-03-02",
			heed.Stage{Number: 2, Started: d("2026-04-02"), Acknowledged: d("2026-04-07")}, "2026-05-06", "2026-06-04",
			[]string{"Stage 2 started 2 April 2026: the Complaint Handling Code's timescales apply, in force for stages started from 1 April 2026. The complaint was received on 2 March 2026, before them, but each stage is judged by the rules in force on the day it started."}},
		// The same Stage 2 started on Monday 30 March: the corporate 20
		// working days from the start.
		{"stage 2 started before 1 April", "2026-03-02",
			heed.Stage{Number: 2, Started: d("2026-03-30"), Acknowledged: d("2026-04-07")}, "2026-04-29", "2026-05-29",
			[]string{"Stage 2 started 30 March 2026: the council's corporate timescales before the Code apply, as the stage started before 1 April 2026."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &heed.Record{Reference: "X", Type: heed.TypeComplaint, Procedure: heed.Corporate, Received: d(tt.received), ServiceArea: "A"}
			if tt.stage.Number == 2 {
				rec.Stages = append(rec.Stages, heed.Stage{Number: 1, Started: d(tt.received), Responded: d(tt.received)})
			}
			rec.Stages = append(rec.Stages, tt.stage)
			s := &rec.Stages[len(rec.Stages)-1]
			c, ok := rules.StageClock(cal, rec, s)
			if !ok {
				t.Fatal("no clock")
			}
			if c.Deadline != d(tt.deadline) || c.Latest != d(tt.latest) {
				t.Errorf("deadline %s latest %s, want %s and %s", c.Deadline, c.Latest, tt.deadline, tt.latest)
			}
			text := strings.Join(c.Explanation, "\n")
			for _, want := range tt.says {
				if !strings.Contains(text, want) {
					t.Errorf("explanation does not say %q:\n%s", want, text)
				}
			}
			if !strings.HasPrefix(text, "Received ") && !strings.HasPrefix(text, "Stage ") {
				t.Errorf("explanation does not start with which rules applied:\n%s", text)
			}
			rules.ApplyClocks(cal, rec)
			if s.Deadline != d(tt.deadline) {
				t.Errorf("stored deadline %s, want %s", s.Deadline, tt.deadline)
			}
			ack := heed.Milestone{}
			for _, m := range rules.Milestones(cal, rec, s) {
				if m.What == "Acknowledge" {
					ack = m
				}
			}
			if code := !s.Started.Before(heed.CodeStart()); code == ack.Due.IsZero() {
				t.Errorf("acknowledgement milestone %v under the Code: %v", ack, code)
			}
		})
	}
}

// TestProcedureSetOn: the first set applies to everything before the
// second, each set from its date to the day before the next.
func TestProcedureSetOn(t *testing.T) {
	p := heed.Procedure{ID: heed.Corporate, From: d("2026-04-01"), Name: "third", Stages: []heed.StageRule{{TargetDays: 3}},
		Earlier: []heed.TargetSet{
			{Name: "first", Stages: []heed.StageRule{{TargetDays: 1}}},
			{From: d("2020-01-01"), Name: "second", Stages: []heed.StageRule{{TargetDays: 2}}},
		}}
	tests := []struct{ day, want string }{
		{"", "first"}, {"2010-06-01", "first"}, {"2019-12-31", "first"}, {"2020-01-01", "second"},
		{"2026-03-31", "second"}, {"2026-04-01", "third"}, {"2030-01-01", "third"},
	}
	for _, tt := range tests {
		var day calendar.Date
		if tt.day != "" {
			day = d(tt.day)
		}
		if got := p.SetOn(day).Name; got != tt.want {
			t.Errorf("%q: %s, want %s", tt.day, got, tt.want)
		}
	}
	if got := p.WhichRules(1, d("2021-05-04"), d("2021-05-04")); got != "Received 4 May 2021: second apply, in force from 1 January 2020 until 31 March 2026." {
		t.Errorf("which rules: %q", got)
	}
	if got := (heed.Procedure{ID: heed.Housing, Stages: []heed.StageRule{{TargetDays: 3}}}).WhichRules(1, d("2021-05-04"), d("2021-05-04")); got != "" {
		t.Errorf("a procedure with one set of targets explains %q", got)
	}
	if got := p.DescribeSets(); got != "first for stages started before 1 January 2020; second for those started from 1 January 2020 to 31 March 2026; third for those started from 1 April 2026" {
		t.Errorf("sets described as %q", got)
	}
	if got := heed.DefaultRules().Procedures[heed.Corporate].DescribeSets(); got != "the council's corporate timescales before the Code for stages started before 1 April 2026; the Complaint Handling Code's timescales for those started from 1 April 2026" {
		t.Errorf("the corporate sets described as %q", got)
	}
	if got := heed.DefaultRules().Procedures[heed.ChildrenStatutory].DescribeSets(); got != "" {
		t.Errorf("a procedure with one set described as %q", got)
	}
}

// TestRulesValidateDatedSets: the sets run oldest first, each dated after
// the one before, with the same stages.
func TestRulesValidateDatedSets(t *testing.T) {
	tests := []struct {
		name     string
		change   func(p *heed.Procedure)
		key, msg string
	}{
		{"later set without a date", func(p *heed.Procedure) { p.From = calendar.Date{} },
			"procedures.corporate.from", "give the date"},
		{"sets out of order", func(p *heed.Procedure) {
			p.Earlier = append(p.Earlier, heed.TargetSet{From: d("2027-01-01"), Stages: p.Earlier[0].Stages})
		}, "procedures.corporate.from", "1 April 2026 is not after 1 January 2027"},
		{"earlier set's target above the maximum", func(p *heed.Procedure) { p.Earlier[0].Stages[1].TargetDays = 41 },
			"procedures.corporate.before[1].stage2.target_working_days", "above the statutory maximum of 40"},
		{"earlier set with a stage missing", func(p *heed.Procedure) { p.Earlier[0].Stages = p.Earlier[0].Stages[:1] },
			"procedures.corporate", "has 2 stages, but the targets before it have 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := heed.DefaultRules().Clone()
			p := r.Procedures[heed.Corporate]
			tt.change(&p)
			r.Procedures[heed.Corporate] = p
			var errs heed.RuleErrors
			err := r.Validate()
			if err == nil {
				t.Fatal("no error")
			}
			errs = err.(heed.RuleErrors)
			for _, e := range errs {
				if e.Key == tt.key && strings.Contains(e.Message, tt.msg) {
					return
				}
			}
			t.Errorf("got %v, want %s: ...%s...", err, tt.key, tt.msg)
		})
	}
	if heed.DefaultRules().Procedures[heed.Corporate].Earlier[0].Stages[1].TargetDays != 20 {
		t.Error("the default corporate Stage 2 before the Code is not 20 working days")
	}
}
