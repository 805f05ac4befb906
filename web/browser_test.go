package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestPagesInTheBrowser signs in with a real headless Chromium, goes through
// the pages, and runs axe-core on each, in its filled and its error states:
// no violation is allowed. With HEED_SCREENSHOTS=DIR it saves each page.
func TestPagesInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	b := newBrowserSession(t, app)

	// Sign in: the empty page, then a wrong password, then the right one.
	b.open("/cases")
	b.check("sign-in")
	b.do(chromedp.SetValue(chromedp.CSS("#username"), "officer"),
		chromedp.SetValue(chromedp.CSS("#password"), "wrong"),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.check("sign-in-error")
	b.do(chromedp.SetValue(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("main table")))
	if got := b.main(); !strings.Contains(got, "Cases") || !strings.Contains(got, "CS-OPEN") {
		t.Fatalf("after signing in, the cases list was expected: %q", got)
	}
	b.check("cases")

	// The cases list filtered, and with a date that is not a date.
	b.open("/cases?q=marsh&type=complaint&overdue=")
	if got := b.main(); !strings.Contains(got, "CS-EXT") || strings.Contains(got, "CS-OPEN") {
		t.Errorf("search for marsh: %q", got)
	}
	b.check("cases-filtered")
	b.open("/cases?from-day=31&from-month=2&from-year=2015")
	if got := b.main(); !strings.Contains(got, "The received from date must be a real date") {
		t.Errorf("a bad date was not explained: %q", got)
	}
	b.check("cases-error")

	// Home, and the case pages.
	b.open("/")
	if got := b.main(); !strings.Contains(got, "Waiting to be allocated") || !strings.Contains(got, "CS-EXT") {
		t.Errorf("home: %q", got)
	}
	b.check("home")
	for _, ref := range []string{"CS-OPEN", "CS-EXT", "HW-1"} {
		b.open("/cases/" + ref)
		b.check("case-" + ref)
	}
	if got := b.main(); !strings.Contains(got, "Inspect reported potholes") || !strings.Contains(got, "Overdue") {
		t.Errorf("HW-1's overdue action is not shown: %q", got)
	}
	b.open("/cases/CS-EXT")
	if got := b.main(); !strings.Contains(got, "7 April 2015") || !strings.Contains(got, "How the deadline was calculated") {
		t.Errorf("CS-EXT's extension and clock: %q", got)
	}

	// The password page, in its error state, and a missing page.
	b.open("/account/password")
	b.do(chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.check("password-error")
	b.open("/cases/NOPE")
	b.check("not-found")
}
