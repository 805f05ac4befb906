package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestCodeAssessmentInTheBrowser fills in the Code report's
// self-assessment in a real Chromium, in its empty, error and saved
// states, at desktop width and at 320 CSS pixels; axe-core finds nothing
// on any of them.
func TestCodeAssessmentInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	b := newBrowserSession(t, app)
	b.prefix = "code-assessment-"
	b.signIn("officer")
	const path = "/reports/code/lgsco/2026-27/assessment"
	b.visit("empty", path, "Self-assessment 2026/27", "The Ombudsman's annual letter")
	b.do(chromedp.Click(chromedp.CSS("#r6-1-compliant-2")))
	b.do(b.fill(map[string]string{"#r6-1-evidence": "Stage 1 responses sampled each month.",
		"#letter-upheld-rate": "seventy", "#governing-response": "Noted."})...)
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "Complaints upheld (%) must be a percentage from 0 to 100") {
		t.Errorf("error state: %q", got)
	}
	b.check("error")
	b.do(b.fill(map[string]string{"#letter-upheld-rate": "70"})...)
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "The self-assessment was saved.") || !strings.Contains(got, "Last saved by officer") {
		t.Errorf("saved: %q", got)
	}
	b.check("saved")
	b.do(chromedp.EmulateViewport(320, 640))
	b.visit("320", path, "Self-assessment 2026/27")
}
