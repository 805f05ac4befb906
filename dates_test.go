package heed_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// today is the day the date rules are checked on in these tests: Wednesday
// 2 December 2026.
var today = d("2026-12-02")

// datedComplaint is a children's complaint received on Monday 2 March 2026
// (Stage 1 due 16 March, extendable to 30 March at most), answered on
// 20 March, with a Stage 2 asked for on 25 March and answered on 20 April,
// and a lesson with one action completed on 1 May.
func datedComplaint() *heed.Record {
	return &heed.Record{
		Reference: "CS-1", Type: heed.TypeComplaint, Received: d("2026-03-02"), ServiceArea: "Children's Social Care",
		Procedure: heed.ChildrenStatutory,
		Stages: []heed.Stage{
			{Number: 1, Acknowledged: d("2026-03-03"), Responded: d("2026-03-20"), Outcome: heed.OutcomeNotUpheld,
				Pauses: []heed.Pause{{From: d("2026-03-04"), To: d("2026-03-05"), Reason: "Waiting for an advocate"}}},
			{Number: 2, Started: d("2026-03-25"), Responded: d("2026-04-20"), Outcome: heed.OutcomeNotUpheld},
		},
		Lessons: []heed.Lesson{{Text: "Explain visits in advance", Actions: []heed.Action{
			{Description: "Brief the team", Owner: "Head of Service", Due: d("2027-01-31"), Completed: d("2026-05-01")}}}},
		Closed: d("2026-04-20"),
	}
}

// openComplaint is the same complaint before its response: Stage 1 open,
// due 16 March 2026 (10 working days), extendable to 30 March (20).
func openComplaint() *heed.Record {
	return &heed.Record{Reference: "CS-2", Type: heed.TypeComplaint, Received: d("2026-03-02"),
		ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory,
		Stages: []heed.Stage{{Number: 1, ExtensionReason: "Meeting the family"}}}
}

// ombudsmanEnquiry is an Ombudsman enquiry received on 2 November 2026.
func ombudsmanEnquiry() *heed.Record {
	return &heed.Record{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2026-11-02"), ServiceArea: "Highways",
		Ombudsman: &heed.OmbudsmanCase{Decision: heed.DecisionUpheld, Decided: d("2026-11-20"),
			Remedies: []heed.Remedy{{Type: heed.RemedyApology, Complied: d("2026-11-25")}}}}
}

// mpEnquiry is an MP enquiry received on Monday 2 November 2026: reply due
// 16 November (10 working days), extendable to 30 November (20).
func mpEnquiry() *heed.Record {
	return &heed.Record{Reference: "MP-1", Type: heed.TypeMPEnquiry, Received: d("2026-11-02"), ServiceArea: "Highways",
		Stages: []heed.Stage{{Number: 1, ExtensionReason: "Waiting for the contractor"}}}
}

// TestDateRules tries each date rule on both sides of its boundary: the
// boundary day itself is allowed, the day past it refused, with the field
// named and the message saying what is expected.
func TestDateRules(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	tomorrow := "2026-12-03"
	tests := []struct {
		name   string
		rec    func() *heed.Record
		change func(r *heed.Record)
		field  string // "" when the record must pass
		msg    string
	}{
		{"the sample complaint", datedComplaint, func(r *heed.Record) {}, "", ""},
		{"the sample enquiry", ombudsmanEnquiry, func(r *heed.Record) {}, "", ""},

		// No event after today.
		{"received today", openComplaint, func(r *heed.Record) { r.Received = today }, "", ""},
		{"received tomorrow", openComplaint, func(r *heed.Record) { r.Received = d(tomorrow) }, "received",
			"The date received must be today (2 December 2026) or earlier, not 3 December 2026"},
		{"acknowledged today", openComplaint, func(r *heed.Record) { r.Stages[0].Acknowledged = today }, "", ""},
		{"acknowledged tomorrow", openComplaint, func(r *heed.Record) { r.Stages[0].Acknowledged = d(tomorrow) }, "stage1_acknowledged",
			"The Stage 1 acknowledgement date must be today (2 December 2026) or earlier, not 3 December 2026"},
		{"responded today", openComplaint, func(r *heed.Record) { r.Stages[0].Responded = today }, "", ""},
		{"responded tomorrow", openComplaint, func(r *heed.Record) { r.Stages[0].Responded = d(tomorrow) }, "stage1_responded",
			"The Stage 1 response date must be today (2 December 2026) or earlier"},
		{"stage 2 requested today", datedComplaint, func(r *heed.Record) { r.Stages[1] = heed.Stage{Number: 2, Started: today}; r.Closed = calendar.Date{} }, "", ""},
		{"stage 2 requested tomorrow", datedComplaint, func(r *heed.Record) { r.Stages[1] = heed.Stage{Number: 2, Started: d(tomorrow)} }, "stage2_requested",
			"The date Stage 2 was requested must be today (2 December 2026) or earlier"},
		{"decided today", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Decided, r.Ombudsman.Remedies[0].Complied = today, today }, "", ""},
		{"decided tomorrow", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Decided = d(tomorrow) }, "ombudsman_decided",
			"The date of the Ombudsman's decision must be today (2 December 2026) or earlier"},
		{"complied tomorrow", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Remedies[0].Complied = d(tomorrow) }, "ombudsman_remedy1_complied",
			"The date the council complied with remedy 1 must be today (2 December 2026) or earlier"},
		{"recommendation complied tomorrow", ombudsmanEnquiry, func(r *heed.Record) {
			r.Ombudsman.Recommendations = []heed.Recommendation{{Text: "Train staff", Complied: d(tomorrow)}}
		}, "ombudsman_recommendation1_complied", "The date the council complied with recommendation 1 must be today (2 December 2026) or earlier"},
		{"closed today", datedComplaint, func(r *heed.Record) { r.Closed = today }, "", ""},
		{"closed tomorrow", datedComplaint, func(r *heed.Record) { r.Closed = d(tomorrow) }, "closed",
			"The date closed must be today (2 December 2026) or earlier"},
		{"action completed today", datedComplaint, func(r *heed.Record) { r.Lessons[0].Actions[0].Completed = today }, "", ""},
		{"action completed tomorrow", datedComplaint, func(r *heed.Record) { r.Lessons[0].Actions[0].Completed = d(tomorrow) }, "action_completed",
			"The date the action was completed must be today (2 December 2026) or earlier"},
		{"an action due after today", datedComplaint, func(r *heed.Record) { r.Lessons[0].Actions[0].Due = d("2027-06-30") }, "", ""},

		// Each event after the one it follows; the same day is in order.
		{"acknowledged the day received", openComplaint, func(r *heed.Record) { r.Stages[0].Acknowledged = d("2026-03-02") }, "", ""},
		{"acknowledged before received", openComplaint, func(r *heed.Record) { r.Stages[0].Acknowledged = d("2026-03-01") }, "stage1_acknowledged",
			"The Stage 1 acknowledgement date must be on or after the date Stage 1 started (2 March 2026)"},
		{"responded the day it started", openComplaint, func(r *heed.Record) { r.Stages[0].Responded = d("2026-03-02") }, "", ""},
		{"responded before it started", openComplaint, func(r *heed.Record) { r.Stages[0].Responded = d("2026-02-27") }, "stage1_responded",
			"The Stage 1 response date must be on or after the date Stage 1 started (2 March 2026)"},
		{"stage 2 answered the day requested", datedComplaint, func(r *heed.Record) { r.Stages[1].Responded = d("2026-03-25"); r.Closed = d("2026-03-25") }, "", ""},
		{"stage 2 answered before requested", datedComplaint, func(r *heed.Record) { r.Stages[1].Responded = d("2026-03-24"); r.Closed = d("2026-03-24") }, "stage2_responded",
			"The Stage 2 response date must be on or after the date Stage 2 was requested (25 March 2026)"},
		{"stage 2 acknowledged before requested", datedComplaint, func(r *heed.Record) { r.Stages[1].Acknowledged = d("2026-03-24") }, "stage2_acknowledged",
			"The Stage 2 acknowledgement date must be on or after the date Stage 2 was requested (25 March 2026)"},
		{"stage 2 requested the day of the stage 1 response", datedComplaint, func(r *heed.Record) { r.Stages[1].Started = d("2026-03-20") }, "", ""},
		{"stage 2 requested before the stage 1 response", datedComplaint, func(r *heed.Record) { r.Stages[1].Started = d("2026-03-19") }, "stage2_requested",
			"The date Stage 2 was requested must be on or after the Stage 1 response date (20 March 2026)"},
		{"stage 2 requested before stage 1 started", datedComplaint, func(r *heed.Record) {
			r.Stages[0].Responded, r.Stages[0].Outcome, r.Stages[1].Started = calendar.Date{}, "", d("2026-02-27")
		}, "stage2_requested", "The date Stage 2 was requested must be on or after the date Stage 1 started (2 March 2026)"},
		{"a pause from the day it started to the response", datedComplaint, func(r *heed.Record) {
			r.Stages[0].Pauses[0].From, r.Stages[0].Pauses[0].To = d("2026-03-02"), d("2026-03-20")
		}, "", ""},
		{"a pause of one day", datedComplaint, func(r *heed.Record) { r.Stages[0].Pauses[0].To = d("2026-03-04") }, "", ""},
		{"a pause before the stage started", datedComplaint, func(r *heed.Record) { r.Stages[0].Pauses[0].From = d("2026-02-27") }, "stage1_pause1_from",
			"The start of Stage 1 pause 1 must be on or after the date Stage 1 started (2 March 2026)"},
		{"a pause ending after the response", datedComplaint, func(r *heed.Record) { r.Stages[0].Pauses[0].To = d("2026-03-23") }, "stage1_pause1_to",
			"The end of Stage 1 pause 1 must be on or before the Stage 1 response date (20 March 2026)"},
		{"a pause starting after the response", datedComplaint, func(r *heed.Record) {
			r.Stages[0].Pauses = append(r.Stages[0].Pauses, heed.Pause{From: d("2026-03-23"), Reason: "Advocate"})
		}, "stage1_pause2_from", "The start of Stage 1 pause 2 must be on or before the Stage 1 response date (20 March 2026)"},
		{"a pause ending before it began", datedComplaint, func(r *heed.Record) { r.Stages[0].Pauses[0].To = d("2026-03-03") }, "stage1_pause1_to",
			"The end of Stage 1 pause 1 must be on or after the start of the pause (4 March 2026)"},
		{"an open stage's pause, not ended", openComplaint, func(r *heed.Record) {
			r.Stages[0].Pauses = []heed.Pause{{From: d("2026-03-10"), Reason: "Advocate"}}
		}, "", ""},
		{"decided the day received", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Decided = d("2026-11-02") }, "", ""},
		{"decided before received", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Decided = d("2026-10-30") }, "ombudsman_decided",
			"The date of the Ombudsman's decision must be on or after the date the enquiry was received (2 November 2026)"},
		{"complied the day received", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Remedies[0].Complied = d("2026-11-02") }, "", ""},
		{"complied before received", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Remedies[0].Complied = d("2026-10-30") }, "ombudsman_remedy1_complied",
			"The date the council complied with remedy 1 must be on or after the date the enquiry was received (2 November 2026)"},
		{"remedy due before the decision", ombudsmanEnquiry, func(r *heed.Record) { r.Ombudsman.Remedies[0].Due = d("2026-11-19") }, "ombudsman_remedy1_due",
			"The date remedy 1 is due must be on or after the date of the Ombudsman's decision (20 November 2026)"},
		{"closed the day received", openComplaint, func(r *heed.Record) { r.Closed = d("2026-03-02") }, "", ""},
		{"closed before received", openComplaint, func(r *heed.Record) { r.Closed = d("2026-02-27") }, "closed",
			"The date closed must be on or after the date it was received (2 March 2026)"},
		{"action completed the day received", datedComplaint, func(r *heed.Record) { r.Lessons[0].Actions[0].Completed = d("2026-03-02") }, "", ""},
		{"action completed before the case was received", datedComplaint, func(r *heed.Record) { r.Lessons[0].Actions[0].Completed = d("2026-02-27") }, "action_completed",
			"The date the action was completed must be on or after the date the case it was learnt from was received (2 March 2026)"},
		{"the second action of a second lesson", datedComplaint, func(r *heed.Record) {
			r.Lessons = append(r.Lessons, heed.Lesson{Text: "Call back", Actions: []heed.Action{
				{Description: "Rota", Owner: "Manager", Due: d("2026-06-01")},
				{Description: "Script", Owner: "Manager", Due: d("2026-06-01"), Completed: d("2026-02-27")}}})
		}, "lesson2_action2_completed", "The date action 2 of lesson 2 was completed must be on or after"},

		// An extension: later than the deadline, within the maximum.
		{"extended to the deadline itself", openComplaint, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-03-16") }, "stage1_extended_to",
			"The Stage 1 extended deadline must be later than the deadline it extends (16 March 2026)"},
		{"extended before the deadline", openComplaint, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-03-10") }, "stage1_extended_to",
			"must be later than the deadline it extends (16 March 2026)"},
		{"extended to the day after the deadline", openComplaint, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-03-17") }, "", ""},
		{"extended to the maximum", openComplaint, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-03-30") }, "", ""},
		{"extended past the maximum", openComplaint, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-03-31") }, "stage1_extended_to",
			"The Stage 1 extended deadline must be on or before 30 March 2026, the furthest Stage 1 may be extended to (20 working days at most)"},
		{"a pause moves both", openComplaint, func(r *heed.Record) {
			r.Stages[0].Pauses = []heed.Pause{{From: d("2026-03-04"), To: d("2026-03-05"), Reason: "Advocate"}}
			r.Stages[0].ExtendedTo = d("2026-04-01") // 30 March and two paused days
		}, "", ""},
		{"an enquiry extended to its deadline", mpEnquiry, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-11-16") }, "stage1_extended_to",
			"The extended deadline must be later than the deadline it extends (16 November 2026)"},
		{"an enquiry extended to its maximum", mpEnquiry, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-11-30") }, "", ""},
		{"an enquiry extended past its maximum", mpEnquiry, func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-12-01") }, "stage1_extended_to",
			"The extended deadline must be on or before 30 November 2026, the furthest the reply may be extended to"},
		{"an enquiry answered before it was received", mpEnquiry, func(r *heed.Record) { r.Stages[0].Responded = d("2026-10-30") }, "stage1_responded",
			"The reply date must be on or after the date it was received (2 November 2026)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.rec()
			tt.change(r)
			rules.Normalize(r)
			errs := rules.Check(cal, r, today)
			if tt.field == "" {
				if len(errs) > 0 {
					t.Fatalf("refused: %v", errs)
				}
				return
			}
			if !slices.ContainsFunc(errs, func(e heed.FieldError) bool {
				return e.Field == tt.field && strings.HasPrefix(e.Message, "The ") && strings.Contains(e.Message, tt.msg)
			}) {
				t.Errorf("errors %v do not include %s: %q", errs, tt.field, tt.msg)
			}
		})
	}
}

// TestCorporateExtensionCountsFromTheAcknowledgement checks the deadline an
// extension must pass under the LGSCO Code: 10 working days from the
// acknowledgement.
func TestCorporateExtensionCountsFromTheAcknowledgement(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	rec := func(ext string) *heed.Record {
		r := &heed.Record{Reference: "HW-1", Type: heed.TypeComplaint, Received: d("2026-06-01"), ServiceArea: "Highways",
			Procedure: heed.Corporate, Stages: []heed.Stage{{Number: 1, Acknowledged: d("2026-06-03"), ExtendedTo: d(ext)}}}
		rules.Normalize(r)
		return r
	}
	// Acknowledged Wednesday 3 June: due 17 June, at most 1 July.
	if errs := rules.Check(cal, rec("2026-06-17"), today); len(errs) != 1 || !strings.Contains(errs[0].Message, "(17 June 2026)") {
		t.Errorf("an extension to the deadline: %v", errs)
	}
	if errs := rules.Check(cal, rec("2026-07-01"), today); len(errs) > 0 {
		t.Errorf("an extension to the maximum: %v", errs)
	}
	if errs := rules.Check(cal, rec("2026-07-02"), today); len(errs) != 1 || !strings.Contains(errs[0].Message, "on or before 1 July 2026") {
		t.Errorf("an extension past the maximum: %v", errs)
	}
}

// TestCheckChange checks that a change is refused for what it brings, not
// for what the stored record already had: an extension agreed before a
// target was lowered, or a date stored before a rule was added, does not
// stop a change elsewhere, but may not be changed to another wrong value.
func TestCheckChange(t *testing.T) {
	cal := calendar.EnglandAndWales()
	rules := heed.DefaultRules()
	stored := mpEnquiry()
	stored.Stages[0].ExtendedTo = d("2026-11-25") // within 20 working days
	rules.Normalize(stored)
	if errs := rules.Check(cal, stored, today); len(errs) > 0 {
		t.Fatalf("the stored enquiry: %v", errs)
	}

	lowered := rules.Clone()
	lowered.ReplyDays[heed.TypeMPEnquiry] = 5 // the maximum is now 16 November
	acknowledged := stored.Clone()
	acknowledged.Stages[0].Acknowledged = d("2026-11-03")
	if errs := lowered.Check(cal, acknowledged, today); len(errs) != 1 || errs[0].Field != "stage1_extended_to" {
		t.Fatalf("Check alone: %v, want the extension refused (the change would be frozen)", errs)
	}
	if errs := lowered.CheckChange(cal, stored, acknowledged, today); len(errs) > 0 {
		t.Errorf("an acknowledgement after the target was lowered: %v", errs)
	}
	if !stored.Stages[0].Acknowledged.IsZero() {
		t.Error("Clone shared the stage with the stored record")
	}
	raised := rules.Clone()
	raised.ReplyDays[heed.TypeMPEnquiry] = 20 // the deadline is now 30 November, past the extension
	if errs := raised.Check(cal, acknowledged, today); len(errs) != 1 || errs[0].Field != "stage1_extended_to" {
		t.Fatalf("Check alone after a raised target: %v, want the extension refused", errs)
	}
	if errs := raised.CheckChange(cal, stored, acknowledged, today); len(errs) > 0 {
		t.Errorf("an acknowledgement after the target was raised: %v", errs)
	}

	tests := []struct {
		name   string
		change func(r *heed.Record)
		field  string
	}{
		{"the extension changed, still past the new maximum", func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-11-24") }, "stage1_extended_to"},
		{"the extension changed within the new maximum", func(r *heed.Record) { r.Stages[0].ExtendedTo = d("2026-11-13") }, ""},
		{"the received date corrected, moving the maximum", func(r *heed.Record) { r.Received = d("2026-10-26") }, ""},
		{"the response recorded", func(r *heed.Record) { r.Stages[0].Responded = d("2026-11-20") }, ""},
		{"a response in the future, beside the old extension", func(r *heed.Record) { r.Stages[0].Responded = d("2026-12-03") }, "stage1_responded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := stored.Clone()
			tt.change(r)
			lowered.Normalize(r)
			errs := lowered.CheckChange(cal, stored, r, today)
			if tt.field == "" {
				if len(errs) > 0 {
					t.Fatalf("refused: %v", errs)
				}
				return
			}
			if len(errs) != 1 || errs[0].Field != tt.field {
				t.Errorf("errors %v, want one on %s", errs, tt.field)
			}
		})
	}

	// A record stored before the rule that a Stage 2 follows the Stage 1
	// response: other work on it goes on, but the date cannot be changed
	// to another that breaks the rule.
	old := datedComplaint()
	old.Stages[1].Started = d("2026-03-18")
	rules.Normalize(old)
	allocated := old.Clone()
	allocated.Stages[1].Investigator = "ivy"
	if errs := rules.CheckChange(cal, old, allocated, today); len(errs) > 0 {
		t.Errorf("allocating an old case: %v", errs)
	}
	moved := old.Clone()
	moved.Stages[1].Started = d("2026-03-19")
	if errs := rules.CheckChange(cal, old, moved, today); len(errs) != 1 || errs[0].Field != "stage2_requested" {
		t.Errorf("the request date changed to another before the response: %v", errs)
	}
	if errs := rules.CheckChange(cal, nil, allocated, today); len(errs) != 1 {
		t.Errorf("CheckChange with no stored record is Check: %v", errs)
	}

	// A change that breaks a rule on a field it leaves alone is refused
	// there: the received date corrected to after the Stage 1 response.
	answered := datedComplaint()
	rules.Normalize(answered)
	late := answered.Clone()
	late.Received = d("2026-03-23")
	rules.Normalize(late)
	if errs := rules.CheckChange(cal, answered, late, today); !slices.ContainsFunc(errs, func(e heed.FieldError) bool {
		return e.Field == "stage1_responded" && strings.Contains(e.Message, "on or after the date Stage 1 started (23 March 2026)")
	}) {
		t.Errorf("a received date corrected past the response: %v", errs)
	}

	// Under the LGSCO Code the deadline counts from the acknowledgement, but
	// one recorded late buys no time: the extension agreed before it stays
	// valid, and Check and CheckChange agree.
	corporate := &heed.Record{Reference: "HW-1", Type: heed.TypeComplaint, Received: d("2026-03-02"), ServiceArea: "Highways",
		Procedure: heed.Corporate, Stages: []heed.Stage{{Number: 1, ExtendedTo: d("2026-03-24"), ExtensionReason: "Site visit"}}}
	rules.Normalize(corporate) // due 23 March (5 to acknowledge, then 10)
	if errs := rules.Check(cal, corporate, today); len(errs) > 0 {
		t.Fatalf("the corporate complaint: %v", errs)
	}
	acked := corporate.Clone()
	acked.Stages[0].Acknowledged = d("2026-03-13") // late: counted from 9 March, still due 23 March
	if errs := rules.Check(cal, acked, today); len(errs) > 0 {
		t.Errorf("Check, a late acknowledgement after an extension: %v", errs)
	}
	if errs := rules.CheckChange(cal, corporate, acked, today); len(errs) > 0 {
		t.Errorf("CheckChange, a late acknowledgement after an extension: %v", errs)
	}
}

// TestApplyClocksChange checks that an answered stage keeps the deadline it
// was judged against when the targets change, unless its own clock changes.
func TestApplyClocksChange(t *testing.T) {
	cal := calendar.EnglandAndWales()
	rules := heed.DefaultRules()
	stored := datedComplaint() // Stage 1: 10 working days and 2 paused from 2 March 2026: 18 March
	rules.Normalize(stored)
	rules.ApplyClocks(cal, stored)
	if s := stored.Stage(1); s.Deadline != d("2026-03-18") {
		t.Fatalf("stored deadline %s", s.Deadline)
	}
	raised := rules.Clone()
	raised.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 15 // 25 March
	tests := []struct {
		name   string
		was    *heed.Record
		change func(r *heed.Record)
		want   string
	}{
		{"something else changed", stored, func(r *heed.Record) { r.Stages[0].Investigator = "ivy" }, "2026-03-18"},
		{"its response date changed", stored, func(r *heed.Record) { r.Stages[0].Responded = d("2026-03-19") }, "2026-03-25"},
		{"its acknowledgement changed", stored, func(r *heed.Record) { r.Stages[0].Acknowledged = d("2026-03-02") }, "2026-03-25"},
		{"a pause changed", stored, func(r *heed.Record) { r.Stages[0].Pauses[0].To = d("2026-03-04") }, "2026-03-24"},
		{"no stored record", nil, func(r *heed.Record) {}, "2026-03-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := stored.Clone()
			tt.change(r)
			raised.ApplyClocksChange(cal, tt.was, r)
			if got := r.Stage(1).Deadline.String(); got != tt.want {
				t.Errorf("deadline %s, want %s", got, tt.want)
			}
		})
	}
	open := openComplaint()
	rules.Normalize(open)
	rules.ApplyClocks(cal, open)
	r := open.Clone()
	r.Stages[0].Responded, r.Stages[0].Outcome = d("2026-03-20"), heed.OutcomeNotUpheld
	raised.ApplyClocksChange(cal, open, r)
	if got := r.Stage(1).Deadline; got != d("2026-03-23") {
		t.Errorf("a stage answered by this change is due %s, want 23 March 2026 under the targets in force", got)
	}
}
