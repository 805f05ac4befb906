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

// TestPagesInTheBrowser signs in with a real headless Chromium, goes through
// the pages, and runs axe-core on each, in its filled and its error states:
// no violation is allowed. With HEED_SCREENSHOTS=DIR it saves each page.
func TestPagesInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
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

	// Sign in: the empty page, then a wrong password, then the right one.
	do(chromedp.Navigate(app.URL + "/cases"))
	check("sign-in")
	do(chromedp.SetValue(chromedp.CSS("#username"), "officer"),
		chromedp.SetValue(chromedp.CSS("#password"), "wrong"),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	check("sign-in-error")
	do(chromedp.SetValue(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("main table")))
	if got := text(); !strings.Contains(got, "Cases") || !strings.Contains(got, "CS-OPEN") {
		t.Fatalf("after signing in, the cases list was expected: %q", got)
	}
	check("cases")

	// The cases list filtered, and with a date that is not a date.
	do(chromedp.Navigate(app.URL + "/cases?q=marsh&type=complaint&overdue="))
	if got := text(); !strings.Contains(got, "CS-EXT") || strings.Contains(got, "CS-OPEN") {
		t.Errorf("search for marsh: %q", got)
	}
	check("cases-filtered")
	do(chromedp.Navigate(app.URL + "/cases?from-day=31&from-month=2&from-year=2015"))
	if got := text(); !strings.Contains(got, "The received from date must be a real date") {
		t.Errorf("a bad date was not explained: %q", got)
	}
	check("cases-error")

	// Home, and the case pages.
	do(chromedp.Navigate(app.URL + "/"))
	if got := text(); !strings.Contains(got, "Waiting to be allocated") || !strings.Contains(got, "CS-EXT") {
		t.Errorf("home: %q", got)
	}
	check("home")
	for _, ref := range []string{"CS-OPEN", "CS-EXT", "HW-1"} {
		do(chromedp.Navigate(app.URL + "/cases/" + ref))
		check("case-" + ref)
	}
	if got := text(); !strings.Contains(got, "Inspect reported potholes") || !strings.Contains(got, "Overdue") {
		t.Errorf("HW-1's overdue action is not shown: %q", got)
	}
	do(chromedp.Navigate(app.URL + "/cases/CS-EXT"))
	if got := text(); !strings.Contains(got, "7 April 2015") || !strings.Contains(got, "How the deadline was calculated") {
		t.Errorf("CS-EXT's extension and clock: %q", got)
	}

	// The password page, in its error state, and a missing page.
	do(chromedp.Navigate(app.URL+"/account/password"),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	check("password-error")
	do(chromedp.Navigate(app.URL + "/cases/NOPE"))
	check("not-found")
}
