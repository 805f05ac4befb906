package report_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// buildWith is the 2014/15 report on the facts.
func buildWith(facts *report.Facts) *report.Report {
	return report.Build(report.Annual(2014), facts, report.Options{AsOf: calendar.MustParseDate("2015-06-30")})
}

// answeredThisYearOnly has two complaints answered in time in 2014/15 and
// nothing the year before.
func answeredThisYearOnly() *report.Facts {
	return &report.Facts{
		Records: []report.RecordFact{{Bucket: 8, Type: heed.TypeComplaint, ServiceArea: "Housing", Procedure: heed.Corporate,
			Timing: report.TimingInTime, Outcome: heed.OutcomeNotUpheld, Count: 2, Responded: 2, ResponseDays: 10}},
		Responses: []report.ResponseFact{{YearsBefore: 0, Procedure: heed.Corporate, Count: 2}},
	}
}

// TestNotApplicableFigures checks that an average of no responses and a
// percentage of nothing are not applicable, never 0, and null in JSON.
func TestNotApplicableFigures(t *testing.T) {
	r := buildWith(&report.Facts{})
	for _, id := range []string{"in_time_percent", "upheld_percent", "partially_upheld_percent", "escalation_rate_percent"} {
		m := r.Measure(id)
		for name, v := range map[string]report.Value{"value": m.Value, "previous": m.Previous, "change": m.Change, "change_percent": m.ChangePercent} {
			if !v.NotApplicable || v.String() != "n/a" {
				t.Errorf("%s %s = %+v (%q), want not applicable", id, name, v, v.String())
			}
		}
	}
	if m := r.Measure("complaints"); m.Value.Null() || m.Value.N != 0 || m.Change.Null() || !m.ChangePercent.NotApplicable {
		t.Errorf("complaints %+v: a count of none is 0, its change from 0 in per cent not applicable", m)
	}
	days := r.Table("average_response_days")
	for _, row := range days.Rows {
		if row.Values[0].N != 0 || row.Values[0].Null() || !row.Values[1].NotApplicable {
			t.Errorf("%s: %v, want 0 responses and an average that is not applicable", row.Label, row.Values)
		}
	}

	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tables []struct {
			ID   string
			Rows []struct{ Values []*float64 }
		}
		Measures []struct {
			ID                                     string
			Value, Previous, Change, ChangePercent *float64
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, m := range doc.Measures {
		if strings.HasSuffix(m.ID, "_percent") && (m.Value != nil || m.Previous != nil || m.Change != nil) {
			t.Errorf("JSON measure %s: value %v, previous %v, change %v, want null", m.ID, m.Value, m.Previous, m.Change)
		}
		if m.ID == "complaints" && (m.Value == nil || *m.Value != 0) {
			t.Errorf("JSON complaints %v, want 0", m.Value)
		}
	}
	for _, tb := range doc.Tables {
		if tb.ID != "average_response_days" {
			continue
		}
		for _, row := range tb.Rows {
			if row.Values[0] == nil || row.Values[1] != nil {
				t.Errorf("JSON average_response_days row %v, want a count and null", row.Values)
			}
		}
	}
}

// TestSummaryDoesNotCompareWithNotApplicable checks the sentences: a
// figure that does not apply is neither stated as 0.0% nor compared with.
func TestSummaryDoesNotCompareWithNotApplicable(t *testing.T) {
	empty := buildWith(&report.Facts{}).Summary
	for _, s := range empty {
		if strings.Contains(s, "0.0%") {
			t.Errorf("empty report: %q states a percentage of nothing", s)
		}
	}
	for _, want := range []string{
		"No complaint's Stage 1 response in the period can be judged against the target yet, so there is no percentage answered within the target.",
		"No complaints were received in the period, so there is no percentage upheld at Stage 1.",
		"There were no Stage 1 responses in the period, so there is no escalation rate.",
	} {
		if !slices.Contains(empty, want) {
			t.Errorf("empty report: summary %q lacks %q", empty, want)
		}
	}

	r := buildWith(answeredThisYearOnly())
	for _, s := range r.Summary {
		if strings.Contains(s, "compared with 0.0%") {
			t.Errorf("%q compares with a figure that does not apply", s)
		}
	}
	want := "100.0% of complaints answered at Stage 1 were answered within the target; there is no comparable figure for 2013/14, which had no Stage 1 response to judge."
	if !slices.Contains(r.Summary, want) {
		t.Errorf("summary %q lacks %q", r.Summary, want)
	}
	if m := r.Measure("in_time_percent"); m.Value.N != 100 || !m.Previous.NotApplicable || !m.Change.NotApplicable {
		t.Errorf("in_time_percent %+v, want 100 against not applicable", m)
	}
}
