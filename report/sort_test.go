package report_test

import (
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// TestNamesInAlphabeticalOrder checks that service areas and themes are
// listed as a person reads them, not by their bytes: a lower-case or
// accented first letter does not send a name after Z.
func TestNamesInAlphabeticalOrder(t *testing.T) {
	names := []string{"Zebra Crossings", "ageing well", "Émergency Planning"}
	want := []string{"ageing well", "Émergency Planning", "Zebra Crossings"}
	var facts report.Facts
	for _, n := range names {
		facts.Records = append(facts.Records, report.RecordFact{Bucket: 8, Type: heed.TypeComplaint, ServiceArea: n,
			Procedure: heed.Corporate, Count: 1})
		facts.ByTheme = append(facts.ByTheme, report.ThemeFact{Bucket: 8, Theme: n, Count: 1})
	}
	facts.Themes = []string{"Zebra Crossings"}
	r := report.Build(report.Annual(2014), &facts, report.Options{AsOf: calendar.MustParseDate("2015-06-30")})
	for _, id := range []string{"feedback_by_service", "complaints_by_service", "complaints_by_theme"} {
		var got []string
		for _, row := range r.Table(id).Rows {
			got = append(got, row.Label)
		}
		if !slices.Equal(got, append(want, "Total")) {
			t.Errorf("%s rows %q, want %q then Total", id, got, want)
		}
	}
}
