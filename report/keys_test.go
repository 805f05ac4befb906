package report_test

import (
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

// TestRowKeys checks that every row of every table has a key, unique in
// its table, and that keys stay what the README's contract says.
func TestRowKeys(t *testing.T) {
	r := buildWith(&report.Facts{Records: []report.RecordFact{
		{Bucket: 8, Type: heed.TypeComplaint, ServiceArea: "Housing", Procedure: heed.Corporate, Count: 2},
		{Bucket: 8, Type: heed.TypeComplaint, ServiceArea: "Parks", Procedure: heed.Corporate, Count: 1},
	}, ByTheme: []report.ThemeFact{{Bucket: 8, Count: 2}, {Bucket: 8, Theme: "Noise", Count: 1}}})
	for _, tb := range r.Tables {
		seen := map[string]bool{}
		for _, rows := range [][]report.Row{tb.Rows, tb.Comparisons} {
			for _, row := range rows {
				if row.Key == "" || seen[row.Key] {
					t.Errorf("%s: row %q has key %q, want one of its own", tb.ID, row.Label, row.Key)
				}
				seen[row.Key] = true
			}
		}
	}
	for _, c := range []struct{ table, key, label string }{
		{"complaints_by_service", "Housing", "Housing"},
		{"complaints_by_service", "total", "Total"},
		{"complaints_by_service", "year_before", "2013/14"},
		{"complaints_by_service", "two_years_before", "2012/13"},
		{"complaints_by_theme", "none", "No theme recorded"},
		{"complaints_by_theme", "Noise", "Noise"},
		{"stages_by_procedure", "corporate", "Corporate"},
		{"ombudsman_decisions", "awaiting", "Awaiting a decision"},
		{"average_response_days", "corporate_stage1", "Corporate Stage 1"},
		{"young_people", "advocacy_provided", "Advocacy provided"},
		{"learning", "actions_overdue", "Actions overdue"},
	} {
		found := false
		for _, rows := range [][]report.Row{r.Table(c.table).Rows, r.Table(c.table).Comparisons} {
			for _, row := range rows {
				if row.Key == c.key {
					found = true
					if row.Label != c.label {
						t.Errorf("%s row %q labelled %q, want %q", c.table, c.key, row.Label, c.label)
					}
				}
			}
		}
		if !found {
			t.Errorf("%s: no row keyed %q", c.table, c.key)
		}
	}
}
