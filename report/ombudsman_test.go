package report_test

import (
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// TestRefusedAndOmbudsmanTables: the refused complaints by reason, and the
// Ombudsman's decisions by service area with what was found, the remedies,
// the amount paid and the recommendations complied with on time, each with
// the two years before.
func TestRefusedAndOmbudsmanTables(t *testing.T) {
	facts := &report.Facts{
		Refused: []report.RefusedFact{{YearsBefore: 0, Reason: heed.RefusedLegalProceedings, Count: 2},
			{YearsBefore: 2, Reason: heed.RefusedOther, Count: 5}},
		Ombudsman: []report.OmbudsmanFact{
			{YearsBefore: 0, ServiceArea: "Housing", Decision: heed.DecisionUpheldRemediedByCouncil, Count: 1},
			{YearsBefore: 0, ServiceArea: "Housing", Decision: heed.DecisionNotUpheld, Count: 2},
			{YearsBefore: 0, ServiceArea: "Housing", Decision: heed.DecisionNotUpheld, Fault: heed.FaultFound, Count: 1},
			{YearsBefore: 0, ServiceArea: "Adult Social Care", Decision: heed.DecisionClosedAfterInitial, Count: 3},
			{YearsBefore: 2, ServiceArea: "Housing", Decision: heed.DecisionUpheld, Count: 4},
		},
		Remedies: []report.RemedyFact{{YearsBefore: 0, ServiceArea: "Housing", Type: heed.RemedyFinancial, Count: 2, Complied: 1, PaidPence: 120049}},
		Recommendations: []report.RecommendationFact{{YearsBefore: 0, ServiceArea: "Housing", Count: 3, OnTime: 2},
			{YearsBefore: 2, ServiceArea: "Housing", Count: 1, OnTime: 0}},
	}
	r := report.Build(report.Annual(2014), facts, report.Options{AsOf: calendar.MustParseDate("2015-06-30")})

	refused := r.Table("refused")
	if refused == nil {
		t.Fatal("no refused table")
	}
	want := map[string]float64{heed.RefusedLegalProceedings.Label(): 2, heed.RefusedOther.Label(): 0, "Total": 2}
	for _, row := range refused.Rows {
		if n, ok := want[row.Label]; ok && row.Values[0].N != n {
			t.Errorf("refused %q: %v, want %v", row.Label, row.Values[0].N, n)
		}
	}
	if c := refused.Comparisons; len(c) != 2 || c[0].Values[0].N != 0 || c[1].Values[0].N != 5 {
		t.Errorf("refused in the years before: %+v", c)
	}

	o := r.Table("ombudsman_by_service")
	if o == nil {
		t.Fatal("no ombudsman_by_service table")
	}
	col := map[string]int{}
	for i, c := range o.Columns {
		col[c] = i
	}
	rows := map[string][]report.Value{}
	for _, row := range o.Rows {
		rows[row.Label] = row.Values
	}
	for _, c := range []struct {
		row, col string
		want     float64
	}{
		{"Housing", "Decisions", 4}, {"Housing", "Fault found", 2}, {"Housing", "No fault found", 2}, {"Housing", "Not investigated", 0},
		{"Housing", "Total paid (£)", 1200},
		{"Housing", "Recommendations", 3}, {"Housing", "Met on time", 2},
		{"Adult Social Care", "Not investigated", 3}, {"Total", "Decisions", 7},
	} {
		if got := rows[c.row][col[c.col]].N; got != c.want {
			t.Errorf("%s, %s: %v, want %v", c.row, c.col, got, c.want)
		}
	}
	if o.Rows[0].Label != "Adult Social Care" {
		t.Errorf("rows not in order: %q first", o.Rows[0].Label)
	}
	if c := o.Comparisons; len(c) != 2 || c[1].Values[col["Fault found"]].N != 4 || c[1].Values[col["Recommendations"]].N != 1 {
		t.Errorf("the years before: %+v", c)
	}
	types := r.Table("ombudsman_remedies_by_type")
	if types == nil {
		t.Fatal("no ombudsman_remedies_by_type table")
	}
	for _, row := range types.Rows {
		if row.Label == heed.RemedyFinancial.Label() && (row.Values[0].N != 2 || row.Values[1].N != 1 || row.Values[2].N != 1200) {
			t.Errorf("financial remedies: %+v", row.Values)
		}
	}
	for id, want := range map[string][2]float64{"refused": {2, 0}, "ombudsman_investigations": {4, 0}, "ombudsman_fault_found": {2, 0}} {
		if m := r.Measure(id); m.Value.N != want[0] || m.Previous.N != want[1] {
			t.Errorf("%s: %+v, want %v", id, m, want)
		}
	}
}
