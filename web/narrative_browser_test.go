package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestNarrativeInTheBrowser writes a report's text in a real Chromium:
// from the report page's link to the form, in its empty, error and saved
// states, then the report page with the text around its tables, at
// desktop width and at 320 CSS pixels; axe-core finds nothing on any of
// them.
func TestNarrativeInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	b := newBrowserSession(t, app)
	b.prefix = "report-text-"
	b.signIn("officer")
	b.open("/reports/2014-15")
	b.do(chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.follow("Write the report's text")
	if got := b.main(); !strings.Contains(got, "Report text 2014/15") || !strings.Contains(got, "Add a section") {
		t.Fatalf("the form: %q", got)
	}
	b.check("empty")
	b.do(b.fill(map[string]string{"#section-1-text": "This report goes to the Corporate Committee.",
		"#section-2-heading": "  ", "#new-heading": "Learning from complaints", "#new-text": "Teams shared their lessons."})...)
	b.submit(true)
	typed, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS("#new-text")))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.main(); !strings.Contains(got, "Enter a heading for section 2") || typed != "Teams shared their lessons." {
		t.Errorf("error state: %q, the new section's text %q", got, typed)
	}
	b.check("error")
	b.do(b.fill(map[string]string{"#section-2-heading": "Conclusions", "#section-2-text": "Fewer complaints were upheld."})...)
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "The report's text was saved.") || !strings.Contains(got, "Last saved by officer") ||
		!strings.Contains(got, "Section 4: Learning from complaints") {
		t.Errorf("saved: %q", got)
	}
	b.check("saved")
	b.visit("report", "/reports/2014-15", "This report goes to the Corporate Committee.", "Fewer complaints were upheld.", "Teams shared their lessons.")
	b.do(chromedp.EmulateViewport(320, 640))
	b.visit("320", "/reports/2014-15/text", "Report text 2014/15")
}
