package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestReportAndLearningPagesInTheBrowser opens the reports chooser, a
// report, its published version and the learning register in headless
// Chromium, in their filled, empty and error states, and runs axe-core on
// each: no violation is allowed. With HEED_SCREENSHOTS=DIR it saves each
// page.
func TestReportAndLearningPagesInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	b := newBrowserSession(t, app)
	reports := func() {
		t.Helper()
		b.do(chromedp.Navigate(app.URL+"/reports"), chromedp.WaitVisible(chromedp.CSS("#year")))
	}

	// The reports chooser, empty; then the form sent with no year.
	b.signIn("officer")
	reports()
	if got := b.main(); !strings.Contains(got, "Choose a report") || !strings.Contains(got, "2014/15") {
		t.Errorf("reports: %q", got)
	}
	b.check("reports")
	b.do(chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	if got := b.main(); !strings.Contains(got, "Enter the financial year") {
		t.Errorf("reports with no year: %q", got)
	}
	b.check("reports-error")

	// Choosing a quarter goes to its report.
	b.do(chromedp.SetValue(chromedp.CSS("#year"), "2014"),
		chromedp.Click(chromedp.CSS("#period-4")),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#measures")))
	if got := b.main(); !strings.Contains(got, "Complaints and feedback report 2014/15 Q3") {
		t.Errorf("the chosen quarter's report: %q", got)
	}
	b.check("report-quarter")

	// A year's report, full and published.
	b.visit("report", "/reports/2014-15", "Headline measures", "Inspect reported potholes")
	b.open("/reports/2014-15/published")
	if got := b.main(); !strings.Contains(got, "published version") || strings.Contains(got, "Inspect reported potholes") {
		t.Errorf("the published report: %q", got)
	}
	b.check("report-published")

	// The learning register, filled, filtered to nothing, and with errors.
	b.visit("learning", "/learning", "Change the inspection rota", "Overdue")
	b.visit("learning-empty", "/learning?status=overdue&service_area=Education", "No lessons match these filters.")
	b.visit("learning-error", "/learning?due-from-day=31&due-from-month=2&due-from-year=2015&status=late",
		"The due from date must be a real date")

	// A viewer: the published reports only.
	reports()
	b.do(chromedp.Click(chromedp.CSS("form[action='/sign-out'] button")), chromedp.WaitVisible(chromedp.CSS("#username")))
	b.signIn("viewer")
	reports()
	if got := b.main(); strings.Contains(got, "Full report") {
		t.Errorf("a viewer is offered the full report: %q", got)
	}
	b.check("reports-viewer")
	b.visit("report-forbidden", "/reports/2014-15", "Read the published version of the 2014/15 report")
}
