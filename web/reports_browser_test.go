package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/internal/browsertest"
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
	ctx := browsertest.Browser(t)
	check := func(name string) {
		t.Helper()
		for _, v := range browsertest.AxeHere(t, ctx) {
			t.Errorf("%s: %s", name, v)
		}
		browsertest.Screenshot(t, ctx, name)
	}
	do := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(tctx, actions...); err != nil {
			t.Fatal(err)
		}
	}
	text := func() string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	// signIn opens the reports page, which asks to sign in first and
	// comes back after.
	signIn := func(user string) {
		t.Helper()
		do(chromedp.Navigate(app.URL+"/reports"),
			chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SetValue(chromedp.CSS("#username"), user),
			chromedp.SetValue(chromedp.CSS("#password"), testPassword),
			chromedp.Click(chromedp.CSS("main button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#year")))
	}

	// The reports chooser, empty; then the form sent with no year.
	signIn("officer")
	if got := text(); !strings.Contains(got, "Choose a report") || !strings.Contains(got, "2014/15") {
		t.Errorf("reports: %q", got)
	}
	check("reports")
	do(chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	if got := text(); !strings.Contains(got, "Enter the financial year") {
		t.Errorf("reports with no year: %q", got)
	}
	check("reports-error")

	// Choosing a quarter goes to its report.
	do(chromedp.SetValue(chromedp.CSS("#year"), "2014"),
		chromedp.Click(chromedp.CSS("#period-4")),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#measures")))
	if got := text(); !strings.Contains(got, "Complaints and feedback report 2014/15 Q3") {
		t.Errorf("the chosen quarter's report: %q", got)
	}
	check("report-quarter")

	// A year's report, full and published.
	do(chromedp.Navigate(app.URL + "/reports/2014-15"))
	if got := text(); !strings.Contains(got, "Headline measures") || !strings.Contains(got, "Inspect reported potholes") {
		t.Errorf("the full report: %q", got)
	}
	check("report")
	do(chromedp.Navigate(app.URL + "/reports/2014-15/published"))
	if got := text(); !strings.Contains(got, "published version") || strings.Contains(got, "Inspect reported potholes") {
		t.Errorf("the published report: %q", got)
	}
	check("report-published")

	// The learning register, filled, filtered to nothing, and with errors.
	do(chromedp.Navigate(app.URL + "/learning"))
	if got := text(); !strings.Contains(got, "Change the inspection rota") || !strings.Contains(got, "Overdue") {
		t.Errorf("learning: %q", got)
	}
	check("learning")
	do(chromedp.Navigate(app.URL + "/learning?status=overdue&service_area=Education"))
	if got := text(); !strings.Contains(got, "No lessons match these filters.") {
		t.Errorf("learning filtered to nothing: %q", got)
	}
	check("learning-empty")
	do(chromedp.Navigate(app.URL + "/learning?due-from-day=31&due-from-month=2&due-from-year=2015&status=late"))
	if got := text(); !strings.Contains(got, "The due from date must be a real date") {
		t.Errorf("learning with a bad date: %q", got)
	}
	check("learning-error")

	// A viewer: the published reports only.
	do(chromedp.Navigate(app.URL+"/reports"), chromedp.WaitVisible(chromedp.CSS("#year")),
		chromedp.Click(chromedp.CSS("form[action='/sign-out'] button")), chromedp.WaitVisible(chromedp.CSS("#username")))
	signIn("viewer")
	if got := text(); strings.Contains(got, "Full report") {
		t.Errorf("a viewer is offered the full report: %q", got)
	}
	check("reports-viewer")
	do(chromedp.Navigate(app.URL + "/reports/2014-15"))
	if got := text(); !strings.Contains(got, "Read the published version of the 2014/15 report") {
		t.Errorf("a viewer asking for the full report: %q", got)
	}
	check("report-forbidden")
}
