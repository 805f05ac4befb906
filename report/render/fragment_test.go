package render

import (
	"bytes"
	"html"
	"strings"
	"testing"
)

// TestFragmentHelpersMatchTheHTMLReport checks that a page using the
// helpers heads, charts and formats each table as the HTML report does.
func TestFragmentHelpersMatchTheHTMLReport(t *testing.T) {
	r := small(false)
	var buf bytes.Buffer
	if err := HTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	charts := 0
	for _, tb := range r.Tables {
		head := "<caption>" + html.EscapeString(tb.Title) + "</caption>\n<thead><tr><th scope=\"col\">" + RowHeading(tb) + "</th>"
		if !strings.Contains(page, head) {
			t.Errorf("table %s: the HTML report does not head its rows %q", tb.ID, RowHeading(tb))
		}
		if c := TableChart(tb); c != nil {
			charts++
			if !strings.Contains(page, "<desc id=\""+c.ID+"-desc\">"+html.EscapeString(c.Desc)+"</desc>") {
				t.Errorf("table %s: chart %q is not the HTML report's", tb.ID, c.Desc)
			}
		}
	}
	if charts == 0 {
		t.Error("no table has a chart")
	}
	for _, m := range r.Measures {
		var cells []string
		for _, c := range MeasureCells(m) {
			text := c.Text
			if c.NotApplicable {
				text = `<abbr title="not applicable">n/a</abbr>`
			}
			cells = append(cells, text)
		}
		row := "<th scope=\"row\">" + html.EscapeString(m.Label) + "</th><td class=\"n\">" + strings.Join(cells, "</td><td class=\"n\">") + "</td>"
		if !strings.Contains(page, strings.ReplaceAll(row, "+", "&#43;")) && !strings.Contains(page, row) {
			t.Errorf("measure %s: %q not in the HTML report", m.ID, row)
		}
	}
}
