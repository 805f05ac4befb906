package render

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// formulaThemes is a report whose themes are named like spreadsheet
// formulas, with 2 complaints this year against 5 the year before.
func formulaThemes(publish bool) *report.Report {
	facts := &report.Facts{Themes: []string{`=HYPERLINK("http://x","y")`, "@SUM(1)", "-2+3"}}
	for _, f := range []report.ThemeFact{{Bucket: 8, Theme: `=HYPERLINK("http://x","y")`, Count: 1},
		{Bucket: 9, Theme: "@SUM(1)", Count: 1}, {Bucket: 4, Theme: "-2+3", Count: 5}} {
		facts.Records = append(facts.Records, report.RecordFact{Bucket: f.Bucket, Type: heed.TypeComplaint, ServiceArea: "Housing",
			Procedure: heed.Corporate, Count: f.Count})
		facts.ByTheme = append(facts.ByTheme, f)
	}
	return report.Build(report.Annual(2014), facts, report.Options{Council: "+Council", Publish: publish,
		AsOf: calendar.MustParseDate("2015-06-30")})
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	for _, publish := range []bool{false, true} {
		var buf bytes.Buffer
		if err := CSV(&buf, formulaThemes(publish)); err != nil {
			t.Fatal(err)
		}
		cr := csv.NewReader(&buf)
		cr.FieldsPerRecord = -1
		lines, err := cr.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		labels := map[string]bool{}
		var complaints []string
		for _, l := range lines {
			if l[0] == "complaints_by_theme" && l[1] == "row" {
				labels[l[3]] = true
			}
			if l[0] == "measures" && len(l) > 3 && l[2] == "complaints" {
				complaints = l
			}
			for _, cell := range l {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !isPlainNumber(cell) {
					t.Errorf("published %v: cell %q begins a formula", publish, cell)
				}
			}
		}
		for _, want := range []string{`'=HYPERLINK("http://x","y")`, "'@SUM(1)", "'-2+3"} {
			if !labels[want] {
				t.Errorf("published %v: no theme row %q in %v", publish, want, labels)
			}
		}
		// value, previous, change: 2 against 5 is -3, a number, not text.
		if len(complaints) < 7 || !slices.Equal(complaints[4:7], []string{"2", "5", "-3"}) {
			t.Errorf("published %v: complaints measure %q, want 2, 5 and -3 unquoted", publish, complaints)
		}
	}
}

func isPlainNumber(s string) bool {
	for i, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || i == 0 && (c == '-' || c == '+')) {
			return false
		}
	}
	return true
}
