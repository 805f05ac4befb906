package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
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

// TestCodeReportInTheBrowser opens the Code's annual report, full and
// published, in a real Chromium at desktop width and at 320 CSS pixels;
// axe-core finds nothing on any of them.
func TestCodeReportInTheBrowser(t *testing.T) {
	app := newTestAppAt(t, sqlstore.SQLite, codeReportNow)
	if _, err := app.Store.ImportRecords(t.Context(), storetest.Actor, codeRecords(), heed.ImportOptions{NewNames: true}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.prefix = "code-report-"
	b.signIn("officer")
	b.visit("full", "/reports/code/lgsco/2026-27", "Complaints performance and service improvement report 2026/27",
		"Self-assessment against the Code", "Send a text when a repair is booked")
	b.visit("published", "/reports/code/lgsco/2026-27/published", "Self-assessment against the Code")
	b.do(chromedp.EmulateViewport(320, 640))
	b.visit("full-320", "/reports/code/lgsco/2026-27", "Service improvements made")
}
