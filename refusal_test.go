package heed_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// refusedComplaint is a complaint refused at Stage 1 as out of time, and
// closed the day it was refused.
func refusedComplaint() *heed.Record {
	return &heed.Record{Reference: "RF-1", Type: heed.TypeComplaint, Received: d("2015-03-02"), ServiceArea: "Housing",
		Procedure: heed.Corporate, Closed: d("2015-03-05"),
		Stages: []heed.Stage{{Number: 1, Started: d("2015-03-02"), Outcome: heed.OutcomeRefused, RefusalReason: heed.RefusedOutOfTime}}}
}

// decidedEnquiry is an Ombudsman enquiry upheld with a remedy and a
// recommendation.
func decidedEnquiry() *heed.Record {
	return &heed.Record{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Housing",
		Ombudsman: &heed.OmbudsmanCase{Decision: heed.DecisionUpheld, Decided: d("2015-06-01"), Fault: heed.FaultFound,
			Remedies:        []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 30000, Due: d("2015-07-01"), Complied: d("2015-06-20")}},
			Recommendations: []heed.Recommendation{{Text: "Review the letters", Due: d("2015-09-01")}}}}
}

func TestCheckRefusalAndOmbudsman(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	tests := []struct {
		name   string
		rec    func() *heed.Record
		change func(r *heed.Record)
		field  string
		msg    string
	}{
		{"refused with a reason", refusedComplaint, func(r *heed.Record) {}, "", ""},
		{"refused without a reason", refusedComplaint, func(r *heed.Record) { r.Stages[0].RefusalReason = "" },
			"stage1_refusal_reason", "is required when a complaint is refused"},
		{"a reason without refusal", refusedComplaint, func(r *heed.Record) { r.Stages[0].Outcome = heed.OutcomeWithdrawn },
			"stage1_refusal_reason", "applies only to a complaint refused at Stage 1"},
		{"refused with a response", refusedComplaint, func(r *heed.Record) { r.Stages[0].Responded = d("2015-03-04") },
			"stage1_responded", "must be empty for a refused complaint"},
		{"refused then escalated", refusedComplaint, func(r *heed.Record) {
			r.Stages = append(r.Stages, heed.Stage{Number: 2, Started: d("2015-03-06")})
			r.Closed = calendar.Date{}
		}, "stage2_requested", "Stage 1 was refused, so there can be no Stage 2"},
		{"refused at Stage 2", func() *heed.Record {
			r := refusedComplaint()
			r.Stages[0] = heed.Stage{Number: 1, Started: d("2015-03-02"), Responded: d("2015-03-04"), Outcome: heed.OutcomeNotUpheld}
			r.Stages = append(r.Stages, heed.Stage{Number: 2, Started: d("2015-03-05"), Outcome: heed.OutcomeRefused})
			return r
		}, func(r *heed.Record) {}, "stage2_outcome", "refused is for Stage 1 only"},
		{"an enquiry refused", decidedEnquiry, func(r *heed.Record) {
			r.Stages = []heed.Stage{{Number: 1, Started: d("2015-03-02"), Outcome: heed.OutcomeRefused, RefusalReason: heed.RefusedOther}}
		}, "stage1_outcome", "refused applies to complaints only"},
		{"a decision with remedies", decidedEnquiry, func(r *heed.Record) {}, "", ""},
		{"a remedy without its type", decidedEnquiry, func(r *heed.Record) {
			r.Ombudsman.Remedies = append(r.Ombudsman.Remedies, heed.Remedy{Due: d("2015-07-01")})
		}, "ombudsman_remedy2_type", "is required: choose the type of remedy 2"},
		{"a recommendation without words", decidedEnquiry, func(r *heed.Record) {
			r.Ombudsman.Recommendations = append(r.Ombudsman.Recommendations, heed.Recommendation{Due: d("2015-07-01")})
		}, "ombudsman_recommendation2", "is required"},
		{"no fault yet upheld", decidedEnquiry, func(r *heed.Record) { r.Ombudsman.Fault = heed.FaultNotFound },
			"ombudsman_fault", "cannot be no for an upheld decision"},
		{"fault without an investigation", decidedEnquiry, func(r *heed.Record) { r.Ombudsman.Decision = heed.DecisionPremature },
			"ombudsman_fault", "applies only to a decision after investigation"},
		{"a second remedy past the limit", decidedEnquiry, func(r *heed.Record) {
			r.Ombudsman.Remedies = append(r.Ombudsman.Remedies, heed.Remedy{Type: heed.RemedyFinancial, Pence: heed.MaxRemedyPence + 1})
		}, "ombudsman_remedy2_amount", "from 0 to £1,000,000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.rec()
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

// TestOldRemedyColumns checks that the spreadsheet columns of the one
// remedy a record held are read as its first remedy, and that the fields
// are written in the new form.
func TestOldRemedyColumns(t *testing.T) {
	var r heed.Record
	for k, v := range map[string]string{"type": "ombudsman_enquiry", "ombudsman_remedy": "financial_payment",
		"ombudsman_remedy_amount": "250.50", "ombudsman_complied": "2015-07-01"} {
		if err := r.SetField(k, v); err != nil {
			t.Fatalf("SetField(%s): %v", k, err)
		}
	}
	want := []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 25050, Complied: d("2015-07-01")}}
	if !slices.Equal(r.Ombudsman.Remedies, want) {
		t.Fatalf("remedies %+v, want %+v", r.Ombudsman.Remedies, want)
	}
	f := r.Fields()
	if f["ombudsman_remedy1_type"] != "financial_payment" || f["ombudsman_remedy1_amount"] != "250.50" ||
		f["ombudsman_remedy1_complied"] != "2015-07-01" || f["ombudsman_remedy"] != "" {
		t.Errorf("fields %v", f)
	}
}

func TestFoundFault(t *testing.T) {
	for _, c := range []struct {
		o    *heed.OmbudsmanCase
		want bool
	}{
		{nil, false},
		{&heed.OmbudsmanCase{Decision: heed.DecisionUpheld}, true},
		{&heed.OmbudsmanCase{Decision: heed.DecisionUpheldRemediedByCouncil}, true},
		{&heed.OmbudsmanCase{Decision: heed.DecisionNotUpheld}, false},
		{&heed.OmbudsmanCase{Decision: heed.DecisionNotUpheld, Fault: heed.FaultFound}, true},
		{&heed.OmbudsmanCase{Decision: heed.DecisionPremature}, false},
	} {
		if got := c.o.FoundFault(); got != c.want {
			t.Errorf("%+v: FoundFault %v, want %v", c.o, got, c.want)
		}
	}
}

func TestRefusalWords(t *testing.T) {
	got := heed.ChangeWords(heed.TypeComplaint, heed.Change{Field: "stage1_refusal_reason", New: "out_of_time"})
	if got != "Stage 1 reason for refusal recorded: Made too late (out of time)" {
		t.Errorf("refusal: %q", got)
	}
	got = heed.ChangeWords(heed.TypeOmbudsmanEnquiry, heed.Change{Field: "ombudsman_remedy2_type", New: "apology"})
	if got != "Ombudsman's remedy 2 recorded: Apology" {
		t.Errorf("remedy: %q", got)
	}
	got = heed.ChangeWords(heed.TypeOmbudsmanEnquiry, heed.Change{Field: "ombudsman_recommendation1_complied", Old: "2015-07-01"})
	if got != "Ombudsman's recommendation 1: date complied with removed (was 1 July 2015)" {
		t.Errorf("recommendation: %q", got)
	}
}
