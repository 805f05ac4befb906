package heed_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var d = calendar.MustParseDate

func TestDerivedOutcome(t *testing.T) {
	el := func(f ...heed.Finding) []heed.Element {
		var out []heed.Element
		for _, x := range f {
			out = append(out, heed.Element{Summary: "point", Finding: x})
		}
		return out
	}
	tests := []struct {
		name string
		in   []heed.Element
		want heed.Outcome
	}{
		{"no elements", nil, ""},
		{"all upheld", el(heed.FindingUpheld, heed.FindingUpheld), heed.OutcomeUpheld},
		{"one upheld one not", el(heed.FindingUpheld, heed.FindingNotUpheld), heed.OutcomePartiallyUpheld},
		{"one partially", el(heed.FindingNotUpheld, heed.FindingPartiallyUpheld), heed.OutcomePartiallyUpheld},
		{"all partially", el(heed.FindingPartiallyUpheld), heed.OutcomePartiallyUpheld},
		{"none upheld", el(heed.FindingNotUpheld, heed.FindingNotUpheld), heed.OutcomeNotUpheld},
		{"no finding is left out", el(heed.FindingUpheld, heed.FindingNone), heed.OutcomeUpheld},
		{"only no finding", el(heed.FindingNone), ""},
		{"undecided", el(""), ""},
	}
	for _, tt := range tests {
		if got := heed.DerivedOutcome(tt.in); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRulesValidate(t *testing.T) {
	if err := heed.DefaultRules().Validate(); err != nil {
		t.Fatalf("default rules: %v", err)
	}
	tests := []struct {
		name   string
		change func(r *heed.Rules)
		key    string
		msg    string
	}{
		{"target above statutory maximum", func(r *heed.Rules) { r.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 25 },
			"procedures.children_statutory.stage1.target_working_days", "above the statutory maximum of 20"},
		{"extension above statutory maximum", func(r *heed.Rules) { r.Procedures[heed.ChildrenStatutory].Stages[1].MaxDays = 70 },
			"procedures.children_statutory.stage2.max_working_days", "beyond the statutory maximum of 65"},
		{"zero target", func(r *heed.Rules) { r.Procedures[heed.Corporate].Stages[0].TargetDays = 0 },
			"procedures.corporate.stage1.target_working_days", "at least 1"},
		{"maximum below target", func(r *heed.Rules) { r.Procedures[heed.Housing].Stages[1].MaxDays = 10 },
			"procedures.housing.stage2.max_working_days", "below the target"},
		{"enquiry target", func(r *heed.Rules) { r.ReplyDays[heed.TypeMPEnquiry] = 0 },
			"record_types.mp_enquiry.target_working_days", "between 1 and 65"},
		{"unknown default procedure", func(r *heed.Rules) { r.DefaultProcedure = "schools" },
			"default_procedure", "not a procedure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := heed.DefaultRules()
			tt.change(&r)
			err := r.Validate()
			var errs heed.RuleErrors
			if e, ok := err.(heed.RuleErrors); ok {
				errs = e
			}
			if len(errs) != 1 || errs[0].Key != tt.key || !strings.Contains(errs[0].Message, tt.msg) {
				t.Errorf("got %v, want one error on %s containing %q", err, tt.key, tt.msg)
			}
		})
	}
}

func TestStageClock(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	complaint := func(p heed.ProcedureID, received string, s heed.Stage) *heed.Record {
		r := &heed.Record{Reference: "X", Type: heed.TypeComplaint, Procedure: p, Received: d(received), ServiceArea: "A"}
		if s.Number == 0 {
			s.Number = 1
		}
		r.Stages = []heed.Stage{s}
		rules.Normalize(r)
		return r
	}
	tests := []struct {
		name     string
		rec      *heed.Record
		deadline string
		latest   string
	}{
		// Thursday 18 December 2014 + 10: skips 25, 26 December and 1 January.
		{"children stage 1 over Christmas", complaint(heed.ChildrenStatutory, "2014-12-18", heed.Stage{}), "2015-01-06", "2015-01-20"},
		// Received Saturday 3 January 2015: day 0 is Monday 5 January.
		{"starts on a Saturday", complaint(heed.ChildrenStatutory, "2015-01-03", heed.Stage{}), "2015-01-19", "2015-02-02"},
		// Corporate: counted from the acknowledgement, Friday 2 October 2026.
		{"corporate from acknowledgement", complaint(heed.Corporate, "2026-09-28", heed.Stage{Acknowledged: d("2026-10-02")}), "2026-10-16", "2026-10-30"},
		// Acknowledged late, on Friday 9 October: still from the fifth
		// working day, Monday 5 October.
		{"corporate acknowledged late", complaint(heed.Corporate, "2026-09-28", heed.Stage{Acknowledged: d("2026-10-09")}), "2026-10-19", "2026-11-02"},
		// No acknowledgement: from the fifth working day, Monday 5 October.
		{"corporate without acknowledgement", complaint(heed.Corporate, "2026-09-28", heed.Stage{}), "2026-10-19", "2026-11-02"},
		// A two-working-day pause adds two days.
		{"paused", complaint(heed.ChildrenStatutory, "2026-11-02", heed.Stage{Pauses: []heed.Pause{{From: d("2026-11-04"), To: d("2026-11-05")}}}), "2026-11-18", "2026-12-02"},
		{"open pause not counted yet", complaint(heed.ChildrenStatutory, "2026-11-02", heed.Stage{Pauses: []heed.Pause{{From: d("2026-11-04")}}}), "2026-11-16", "2026-11-30"},
		{"mp enquiry", &heed.Record{Type: heed.TypeMPEnquiry, Received: d("2026-11-02"), Stages: []heed.Stage{{Number: 1, Started: d("2026-11-02")}}}, "2026-11-16", "2026-11-30"},
		{"subject access request", &heed.Record{Type: heed.TypeSAR, Received: d("2023-01-30"), Stages: []heed.Stage{{Number: 1, Started: d("2023-01-30")}}}, "2023-02-28", "2023-05-02"}, // 30 April 2023 a Sunday, 1 May a bank holiday
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := rules.StageClock(cal, tt.rec, &tt.rec.Stages[0])
			if !ok {
				t.Fatal("no clock")
			}
			if c.Deadline != d(tt.deadline) || c.Latest != d(tt.latest) {
				t.Errorf("deadline %s latest %s, want %s and %s", c.Deadline, c.Latest, tt.deadline, tt.latest)
			}
			if len(c.Explanation) == 0 {
				t.Error("no explanation")
			}
		})
	}
	// Adult social care: the latest date is the earlier of 120 working days
	// and six calendar months.
	asc := complaint(heed.AdultSocialCare, "2026-01-05", heed.Stage{})
	c, _ := rules.StageClock(cal, asc, &asc.Stages[0])
	if c.Latest.After(d("2026-07-05")) {
		t.Errorf("adult social care latest %s is past the six-month backstop", c.Latest)
	}
	if _, ok := rules.StageClock(cal, &heed.Record{Type: heed.TypeCompliment, Received: d("2026-01-05")}, &heed.Stage{Number: 1, Started: d("2026-01-05")}); ok {
		t.Error("a compliment got a clock")
	}
}

func sample() *heed.Record {
	return &heed.Record{
		Reference: "CS-2014-001", Type: heed.TypeComplaint, Received: d("2014-12-18"), ServiceArea: "Children's Social Care",
		Team: "Assessment", Procedure: heed.ChildrenStatutory, Theme: "Quality of Service", ComplainantName: "Synthetic Name",
		ComplainantType: heed.ComplainantParent, YoungPerson: true, Advocacy: heed.AdvocacyOffered, Channel: heed.ChannelEmail,
		Summary: "A synthetic summary",
		Stages: []heed.Stage{
			{Number: 1, Started: d("2014-12-18"), Acknowledged: d("2014-12-19"), Investigator: "Manager", ExtendedTo: d("2015-01-15"),
				ExtensionReason: "Complex", Responded: d("2015-01-14"), Outcome: heed.OutcomePartiallyUpheld,
				Elements: []heed.Element{{Summary: "one", Finding: heed.FindingUpheld}, {Summary: "two", Finding: heed.FindingNotUpheld}},
				Pauses:   []heed.Pause{{From: d("2014-12-22"), To: d("2014-12-23"), Reason: "Advocate"}}},
			{Number: 2, Started: d("2015-01-20"), Outcome: heed.OutcomeNotProgressed},
		},
		RelatedReference: "CS-2013-009",
		Lessons: []heed.Lesson{
			{Text: "Lesson one", Actions: []heed.Action{{Description: "Do it", Owner: "Head of Service", Due: d("2015-02-01")},
				{Description: "And this", Owner: "Team manager", Due: d("2015-03-01"), Completed: d("2015-02-20"), Evidence: "Notes"}}},
			{NoLearning: true},
		},
		Closed: d("2015-01-20"),
	}
}

func TestFieldsRoundTrip(t *testing.T) {
	orig := sample()
	orig.Ombudsman = &heed.OmbudsmanCase{Reference: "14 001 234", Decision: heed.DecisionUpheld, Decided: d("2015-06-01"),
		Fault: heed.FaultFound, Remedies: []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 25050, Due: d("2015-06-30"), Complied: d("2015-07-01")},
			{Type: heed.RemedyApology, Complied: d("2015-06-10")}},
		Recommendations: []heed.Recommendation{{Text: "Review the policy", Due: d("2015-09-01")}}}
	fields := orig.Fields()
	var back heed.Record
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := back.SetField(k, fields[k]); err != nil {
			t.Fatalf("SetField(%s, %q): %v", k, fields[k], err)
		}
		if !heed.KnownField(k) {
			t.Errorf("KnownField(%s) = false", k)
		}
	}
	if diff := heed.Diff(fields, back.Fields()); len(diff) > 0 {
		t.Errorf("round trip changed %+v", diff)
	}
	if fields["ombudsman_remedy1_amount"] != "250.50" || fields["ombudsman_remedy2_type"] != "apology" || fields["ombudsman_recommendation1_due"] != "2015-09-01" || fields["action2_completed"] != "2015-02-20" || fields["lesson2_no_learning_identified"] != "yes" {
		t.Errorf("fields: %v", fields)
	}
}

func TestSetFieldErrors(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"type", "complaynt", "expected one of complaint, compliment"},
		{"received", "31/02/2015", "not a date"},
		{"received", "1815-06-18", "not a plausible date"},
		{"young_person", "maybe", "not yes or no"},
		{"stage1_outcome", "uphold", "expected one of upheld"},
		{"ombudsman_remedy_amount", "£12.345", "not an amount of money"},
		{"stage1_requested", "2015-01-01", "not a column"},
		{"favourite_colour", "blue", "not a column"},
	}
	for _, tt := range tests {
		var r heed.Record
		err := r.SetField(tt.key, tt.value)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("SetField(%s, %q) = %v, want %q", tt.key, tt.value, err, tt.want)
		}
	}
	var r heed.Record
	for _, v := range []string{"Upheld", "partially upheld", "PARTIALLY_UPHELD"} {
		if err := r.SetField("stage1_outcome", v); err != nil {
			t.Errorf("outcome %q: %v", v, err)
		}
	}
	if err := r.SetField("ombudsman_remedy_amount", "£1,250.5"); err != nil || r.Ombudsman.Remedies[0].Pence != 125050 {
		t.Errorf("money: %v %v", err, r.Ombudsman.Remedies)
	}
}

func TestCheck(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	tests := []struct {
		name   string
		change func(r *heed.Record)
		field  string
		msg    string
	}{
		{"valid", func(r *heed.Record) {}, "", ""},
		{"no reference", func(r *heed.Record) { r.Reference = "" }, "reference", "required"},
		{"no received", func(r *heed.Record) { r.Received = calendar.Date{} }, "received", "required"},
		{"no service area", func(r *heed.Record) { r.ServiceArea = ""; r.Team = "" }, "service_area", "required"},
		{"extension too far", func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2015-03-01") }, "stage1_extended_to", "must be on or before 22 January 2015, the furthest Stage 1 may be extended to"},
		{"response before start", func(r *heed.Record) { r.Stages[0].Responded = d("2014-12-01") }, "stage1_responded", "must be on or after the date Stage 1 started (18 December 2014)"},
		{"outcome contradicts findings", func(r *heed.Record) { r.Stages[0].Outcome = heed.OutcomeUpheld }, "stage1_outcome", "does not follow"},
		{"not progressed then stage 3", func(r *heed.Record) { r.Stages = append(r.Stages, heed.Stage{Number: 3, Started: d("2015-02-01")}) }, "stage3_requested", "not progressed"},
		{"stage 2 without request date", func(r *heed.Record) { r.Stages[1].Started = calendar.Date{} }, "stage2_requested", "required"},
		{"stage 2 under adult social care", func(r *heed.Record) { r.Procedure = heed.AdultSocialCare }, "stage2_requested", "1 stage"},
		{"procedure on a compliment", func(r *heed.Record) { r.Type = heed.TypeCompliment; r.Stages = nil; r.Lessons = nil }, "procedure", "complaints only"},
		{"redirected without where", func(r *heed.Record) { r.Type = heed.TypeRedirected; r.Procedure = ""; r.Stages = nil }, "redirected_to", "required"},
		{"ombudsman decision on a complaint", func(r *heed.Record) { r.Ombudsman = &heed.OmbudsmanCase{Decision: heed.DecisionUpheld} }, "ombudsman_decision", "only to an ombudsman_enquiry"},
		{"closed before received", func(r *heed.Record) { r.Closed = d("2014-01-01") }, "closed", "must be on or after the date it was received"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sample()
			tt.change(r)
			rules.Normalize(r)
			errs := rules.Check(cal, r, d("2026-12-02"))
			if tt.field == "" {
				if len(errs) > 0 {
					t.Fatalf("valid record: %v", errs)
				}
				return
			}
			if !slices.ContainsFunc(errs, func(e heed.FieldError) bool {
				return e.Field == tt.field && strings.Contains(e.Message, tt.msg)
			}) {
				t.Errorf("errors %v do not include %s: %q", errs, tt.field, tt.msg)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	got := heed.Diff(map[string]string{"a": "1", "b": "2"}, map[string]string{"b": "3", "c": "4"})
	want := []heed.Change{{Field: "a", Old: "1"}, {Field: "b", Old: "2", New: "3"}, {Field: "c", New: "4"}}
	if !slices.Equal(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
