package heed_test

import (
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

// TestCheckContent: every name, text, date and amount of a record meets the
// same rules whether it was typed in a form (set on the struct, as the web
// does) or read from a spreadsheet (SetField).
func TestCheckContent(t *testing.T) {
	rules := heed.DefaultRules()
	base := func() *heed.Record {
		return &heed.Record{Reference: "CMP-1", Type: heed.TypeComplaint, Received: d("2015-03-02"), ServiceArea: "Education"}
	}
	tests := []struct {
		name   string
		change func(r *heed.Record)
		field  string // the field with the error; "" for none
		msg    string
	}{
		{"clean", func(r *heed.Record) {}, "", ""},
		{"a control character in a service area", func(r *heed.Record) { r.ServiceArea = "Zeta\u001fHousing" }, "service_area", "control character (U+001F)"},
		{"a control character in a reference", func(r *heed.Record) { r.Reference = "DC\x00-1" }, "reference", "control character (U+0000)"},
		{"a control character in a team", func(r *heed.Record) { r.Team = "A\x1bB" }, "team", "control character"},
		{"a control character in an investigator", func(r *heed.Record) { r.Stages = []heed.Stage{{Number: 1, Investigator: "jo\x01"}} }, "stage1_investigator", "control character"},
		{"NUL in a summary", func(r *heed.Record) { r.Summary = "a\x00b" }, "summary", "control character (U+0000)"},
		{"line breaks in a summary are fine", func(r *heed.Record) { r.Summary = "one\r\ntwo\tthree" }, "", ""},
		{"not UTF-8 in a summary", func(r *heed.Record) { r.Summary = "caf\xe9" }, "summary", "not readable text"},
		{"not UTF-8 in a theme", func(r *heed.Record) { r.Theme = "caf\xe9" }, "theme", "not readable text"},
		{"a summary too long", func(r *heed.Record) { r.Summary = strings.Repeat("a", heed.MaxLongText+1) }, "summary", "20,001 characters, where at most 20,000"},
		{"a summary at the limit", func(r *heed.Record) { r.Summary = strings.Repeat("é", heed.MaxLongText) }, "", ""},
		{"a name too long", func(r *heed.Record) { r.Theme = strings.Repeat("a", heed.MaxName+1) }, "theme", "at most 100"},
		{"a reference too long", func(r *heed.Record) { r.Reference = strings.Repeat("A", 65) }, "reference", "at most 64"},
		{"an element summary too long", func(r *heed.Record) {
			r.Stages = []heed.Stage{{Number: 1, Elements: []heed.Element{{Summary: "x"}, {Summary: strings.Repeat("x", heed.MaxShortText+1)}}}}
		}, "stage1_element2_summary", "at most 2,000"},
		{"an action's owner with a control character", func(r *heed.Record) {
			r.Lessons = []heed.Lesson{{Text: "x"}, {Text: "y", Actions: []heed.Action{{Description: "d"}, {Description: "e", Owner: "a\x7f"}}}}
		}, "lesson2_action2_owner", "control character"},
		{"received in 1800", func(r *heed.Record) { r.Received = d("1800-01-01") }, "received", "1 January 1800 is not a plausible date"},
		{"an action due in 2200", func(r *heed.Record) {
			r.Lessons = []heed.Lesson{{Text: "x", Actions: []heed.Action{{Description: "d", Due: d("2200-01-01")}}}}
		}, "action_due", "expected a year between 1990 and 2100"},
		{"a pause in 1850", func(r *heed.Record) {
			r.Stages = []heed.Stage{{Number: 1, Pauses: []heed.Pause{{From: d("1850-01-01"), To: d("2015-03-03")}}}}
		}, "stage1_pause1_from", "plausible"},
		{"a remedy past the limit", func(r *heed.Record) {
			r.Type, r.Procedure = heed.TypeOmbudsmanEnquiry, ""
			r.Ombudsman = &heed.OmbudsmanCase{Decision: heed.DecisionUpheld, Remedies: []heed.Remedy{{Type: heed.RemedyFinancial, Pence: heed.MaxRemedyPence + 1}}}
		}, "ombudsman_remedy1_amount", "from 0 to £1,000,000"},
		{"a negative remedy", func(r *heed.Record) {
			r.Type, r.Procedure = heed.TypeOmbudsmanEnquiry, ""
			r.Ombudsman = &heed.OmbudsmanCase{Decision: heed.DecisionUpheld, Remedies: []heed.Remedy{{Type: heed.RemedyApology}, {Type: heed.RemedyFinancial, Pence: -80}}}
		}, "ombudsman_remedy2_amount", "from 0 to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := base()
			tt.change(rec)
			rules.Normalize(rec)
			errs := rules.Check(nil, rec, d("2026-12-02"))
			if tt.field == "" {
				if len(errs) > 0 {
					t.Fatalf("Check: %v, want no error", errs)
				}
				return
			}
			for _, e := range errs {
				if e.Field == tt.field {
					if !strings.Contains(e.Message, tt.msg) {
						t.Errorf("%s: %q, want it to say %q", e.Field, e.Message, tt.msg)
					}
					return
				}
			}
			t.Errorf("Check: %v, want an error on %s", errs, tt.field)
		})
	}
}

func TestNormalizeCleansNames(t *testing.T) {
	rec := &heed.Record{Reference: " DC-1\u200b ", Type: heed.TypeComplaint, Received: d("2015-03-02"),
		ServiceArea: "Children's\u00a0Social  Care", Theme: "Edu\u200bcation", ComplainantName: "  Sam   Example ",
		Stages: []heed.Stage{{Number: 1, Investigator: " ivy "}}}
	heed.DefaultRules().Normalize(rec)
	got := []string{rec.Reference, rec.ServiceArea, rec.Theme, rec.ComplainantName, rec.Stage(1).Investigator}
	want := []string{"DC-1", "Children's Social Care", "Education", "Sam Example", "ivy"}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("Normalize: %q, want %q", got[i], want[i])
		}
	}
}

func TestRemedyAmounts(t *testing.T) {
	tests := []struct {
		in    string
		pence int64
		msg   string
	}{
		{"250", 25000, ""},
		{"£1,250.5", 125050, ""},
		{"1000000", heed.MaxRemedyPence, ""},
		{"1000000.01", 0, "from 0 to £1,000,000"},
		{"922337203685477580", 0, "from 0 to £1,000,000"},
		{"99999999999999999999", 0, "from 0 to £1,000,000"},
		{"-80", 0, "not an amount of money"},
		{"250.-5", 0, "not an amount of money"},
		{"+250", 0, "not an amount of money"},
		{"250.123", 0, "not an amount of money"},
	}
	for _, tt := range tests {
		var rec heed.Record
		err := rec.SetField("ombudsman_remedy_amount", tt.in)
		if tt.msg == "" {
			if err != nil || rec.Ombudsman.Remedies[0].Pence != tt.pence {
				t.Errorf("%q: %v, %v; want %d pence", tt.in, rec.Ombudsman, err, tt.pence)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%q: error %v, want one saying %q", tt.in, err, tt.msg)
		}
	}
}
