package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

// checkReportText saves the text of the 2025/26 report, as an officer does
// in the web application: heed report prints it in the HTML around the
// tables, never in the JSON, and a --from/--to period, which has no text
// of its own, prints none.
func checkReportText(t *testing.T, dir string) {
	t.Helper()
	db := open(t, filepath.Join(dir, "heed.db"))
	n := heed.NewNarrative("2025-26")
	n.Sections[0].Text = "This report goes to the Audit Committee."
	n.Sections[2].Text = "Publish the Code self-assessment."
	if err := db.SaveNarrative(context.Background(), heed.Actor{Name: "test"}, n); err != nil {
		t.Fatal(err)
	}
	db.Close()
	run := func(args ...string) string {
		t.Helper()
		r := heedCmd(t, dir, nil, append([]string{"report", "annual", "--as-of", "2026-10-31"}, args...)...)
		if r.code != 0 {
			t.Fatalf("report %q: exit %d %s", args, r.code, r.stderr)
		}
		return r.stdout
	}
	html := run("--year", "2025", "--format", "html")
	intro, summary := strings.Index(html, "This report goes to the Audit Committee."), strings.Index(html, `<h2 id="summary">`)
	recommend, notes := strings.Index(html, "Publish the Code self-assessment."), strings.Index(html, `<h2 id="notes">`)
	if intro < 0 || summary < intro || recommend < summary || notes < recommend {
		t.Errorf("the HTML report does not print its text around the tables (at %d, %d, %d, %d)", intro, summary, recommend, notes)
	}
	if js := run("--year", "2025", "--format", "json"); strings.Contains(js, "Audit Committee") {
		t.Error("the JSON report carries the report's text")
	}
	if custom := run("--from", "2025-04-01", "--to", "2025-09-30", "--format", "html"); strings.Contains(custom, "Audit Committee") {
		t.Error("a --from/--to report prints the year's text")
	}
}
