package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/internal/browsertest"
)

// browserSession drives one headless Chromium through the application, for
// the tests in the browser.
type browserSession struct {
	t      *testing.T
	ctx    context.Context
	url    string
	prefix string // put before the name of each page checked
}

func newBrowserSession(t *testing.T, app *testApp) *browserSession {
	return &browserSession{t: t, ctx: browsertest.Browser(t), url: app.URL}
}

// do runs actions in the browser, and fails the test after 30 seconds.
func (b *browserSession) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browserSession) open(path string) { b.t.Helper(); b.do(chromedp.Navigate(b.url + path)) }

// signIn signs in as a test user with their password, and waits for their
// home page.
func (b *browserSession) signIn(username string) {
	b.t.Helper()
	b.open("/sign-in")
	b.do(chromedp.SetValue(chromedp.CSS("#username"), username),
		chromedp.SetValue(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//h1[normalize-space(.)="Your work"]`)))
}

// text returns the text of the page's part that sel selects.
func (b *browserSession) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

// main returns the text of the page's main part.
func (b *browserSession) main() string { b.t.Helper(); return b.text("main") }

// check runs axe-core on the page: no violation is allowed. With
// HEED_SCREENSHOTS=DIR the page is saved too.
func (b *browserSession) check(name string) {
	b.t.Helper()
	name = b.prefix + name
	for _, v := range browsertest.AxeHere(b.t, b.ctx) {
		b.t.Errorf("%s: %s", name, v)
	}
	browsertest.Screenshot(b.t, b.ctx, name)
}

// visit opens a page, expects each of want in its main part, and checks it.
func (b *browserSession) visit(name, path string, want ...string) {
	b.t.Helper()
	b.do(chromedp.Navigate(b.url+path), chromedp.WaitVisible(chromedp.CSS("main h1")))
	got := b.main()
	for _, w := range want {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s: %q is not on the page: %q", b.prefix+name, w, got)
		}
	}
	b.check(name)
}

func (b *browserSession) fill(fields map[string]string) []chromedp.Action[chromedp.Void] {
	var out []chromedp.Action[chromedp.Void]
	for sel, v := range fields {
		out = append(out, chromedp.SetValue(chromedp.CSS(sel), v))
	}
	return out
}

// submit presses the form's button and waits for the next page: the case
// with a success banner, or the form with its error summary.
func (b *browserSession) submit(wantErrors bool) {
	b.t.Helper()
	wait := ".govuk-notification-banner--success"
	if wantErrors {
		wait = ".govuk-error-summary"
	}
	b.leave(chromedp.Click(chromedp.CSS("main form button[type=submit]")), wait)
}

// leave runs action, which takes the browser to another page, and waits for
// sel on that page. The page left is marked first, so that what it showed
// (the error summary of an earlier try, say) is not taken for the next
// page's before that page has loaded.
func (b *browserSession) leave(action chromedp.Action[chromedp.Void], sel string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`document.documentElement.dataset.left = "yes"`),
		action, chromedp.WaitVisible(chromedp.CSS("html:not([data-left]) "+sel)))
}

func (b *browserSession) date(name, day, month, year string) []chromedp.Action[chromedp.Void] {
	return b.fill(map[string]string{"#" + name + "-day": day, "#" + name + "-month": month, "#" + name + "-year": year})
}

// follow clicks a link of the page's main part and waits for its form.
func (b *browserSession) follow(linkText string) {
	b.t.Helper()
	b.leave(chromedp.Click(chromedp.Search(`//main//a[normalize-space(.)="`+linkText+`"]`)), "main form")
}
