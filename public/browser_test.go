package public_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/internal/browsertest"
	"github.com/heedhq/heed/public"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
	"github.com/heedhq/heed/web"
)

// app serves the staff application and the public forms from one address,
// as heed serve does.
func app(t *testing.T) (string, *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	now := func() time.Time { return fixedNow }
	db := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{Now: now})
	hash, err := argon2id.CreateHash("a test password", &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateUser(ctx, storetest.Actor, &heed.User{Username: "officer", DisplayName: "Olu Officer",
		Role: heed.RoleOfficer, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	// A service area to file cases under.
	if _, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{{Reference: "CS-1", Type: heed.TypeCompliment,
		Received: calendar.DateOf(fixedNow), ServiceArea: "Waste"}}, heed.ImportOptions{NewNames: true}); err != nil {
		t.Fatal(err)
	}
	staff := &web.Server{CouncilName: "Testshire Council", Store: db, Logger: slog.New(slog.DiscardHandler), Now: now}
	sh, err := staff.Handler()
	if err != nil {
		t.Fatal(err)
	}
	pub := &public.Server{CouncilName: "Testshire Council", Store: db, Now: now, PerHour: 1000}
	ph, err := pub.Handler()
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(public.Prefix, ph)
	mux.Handle("/", sh)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL, db
}

type browser struct {
	t      *testing.T
	ctx    context.Context
	url    string
	prefix string
	// sideways fails a page that scrolls sideways (the default).
	sideways bool
}

func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *browser) main() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		b.t.Fatal(err)
	}
	return s
}

// check runs axe-core on the page, allows no violation, and checks that
// the page does not scroll sideways.
func (b *browser) check(name string, want ...string) {
	b.t.Helper()
	name = b.prefix + name
	got := b.main()
	for _, w := range want {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s: %q is not on the page: %q", name, w, got)
		}
	}
	for _, v := range browsertest.AxeHere(b.t, b.ctx) {
		b.t.Errorf("%s: %s", name, v)
	}
	wider, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
	if err != nil || (wider && b.sideways) {
		what, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).slice(-3).map(e => e.outerHTML.slice(0, 200)).join("\n")`))
		b.t.Errorf("%s scrolls sideways (%v): %s", name, err, what)
	}
	browsertest.Screenshot(b.t, b.ctx, name)
}

// press presses the main form's button and waits for the next page's sel.
func (b *browser) press(sel string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`document.documentElement.dataset.left = "yes"`),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("html:not([data-left]) "+sel)))
}

func (b *browser) set(fields map[string]string) {
	b.t.Helper()
	for sel, v := range fields {
		b.do(chromedp.SetValue(chromedp.CSS(sel), v))
	}
}

// TestFormsInTheBrowser sends every version of the public forms, with
// their error states and a refused file, at 1280 and 320 px, then triages
// each as an officer. axe-core checks every page and state.
func TestFormsInTheBrowser(t *testing.T) {
	url, db := app(t)
	dir := t.TempDir()
	photo, page := filepath.Join(dir, "photo.png"), filepath.Join(dir, "page.html")
	if err := os.WriteFile(photo, png, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("<!DOCTYPE html><html><body>not a photo</body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, ctx: browsertest.Browser(t), url: url, sideways: true}
	forms := []struct {
		kind    string // the start page's radio
		who     string // the who page's radio
		errText string // the empty form's first message
		fill    map[string]string
		heard   string
	}{
		{"#kind", "#form", "Enter your full name", map[string]string{"#name": "Ada Testperson", "#email": "ada@example.com",
			"#summary": "The bin was missed three weeks running.", "#outcome": "Collect it."}, "You will hear from us by 6 January 2027"},
		{"#kind-2", "#form-3", "Tell us your name", map[string]string{"#name": "Cy Testperson", "#summary": "My worker was kind."},
			"We will pass your thanks on"},
		{"#kind-3", "#form-4", "Tell us your name", map[string]string{"#name": "Di Testperson", "#summary": "More buses please."},
			"We will get in touch with you by 13 January 2027"},
		{"#kind", "#form-2", "Enter the name of the person you are acting for", map[string]string{"#name": "Ed Testperson",
			"#on_behalf_name": "Flo Testperson", "#on_behalf_relation": "my mother", "#on_behalf_why": "She asked me to.",
			"#summary": "Her carer did not come."}, "You will hear from us by 6 January 2027"},
	}
	var refs, sentURLs []string
	for _, width := range []int64{1280, 320} {
		b.prefix = ""
		if width < 1280 {
			b.prefix = "narrow-"
		}
		b.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
		for i, f := range forms {
			b.do(chromedp.Navigate(url+"/public/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			b.check("start")
			b.press(".govuk-error-summary")
			b.check("start-error", "Select what you would like to do")
			b.do(chromedp.Click(chromedp.CSS(f.kind)))
			b.press("#form")
			b.check("who")
			b.press(".govuk-error-summary")
			b.check("who-error", "Select who is filling in this form")
			b.do(chromedp.Click(chromedp.CSS(f.who)))
			b.press("#summary")
			b.check("details", "Files (optional)")
			b.press(".govuk-error-summary")
			b.check("details-error", f.errText)
			if strings.Contains(b.main(), "advocate") != (i == 1 || i == 2) {
				t.Errorf("form %d: the advocate is offered on the wrong forms", i)
			}
			b.set(f.fill)
			if i == 1 || i == 2 {
				b.do(chromedp.Click(chromedp.CSS("#advocate")))
			}
			b.do(chromedp.SetUploadFiles(chromedp.CSS("#attachment"), []string{page}))
			b.press(".govuk-error-summary")
			b.check("details-refused-file", "page.html must be a PDF")
			b.do(chromedp.SetUploadFiles(chromedp.CSS("#attachment"), []string{photo}))
			b.press(".govuk-summary-list")
			b.check("check", "Check your answers", "photo.png", f.fill["#summary"])
			b.press("#reference")
			b.check("sent", f.heard)
			ref, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS("#reference")))
			if err != nil {
				t.Fatal(err)
			}
			refs = append(refs, ref)
			loc, err := chromedp.Run(b.ctx, chromedp.Location())
			if err != nil {
				t.Fatal(err)
			}
			sentURLs = append(sentURLs, loc)
		}
	}
	if q, _ := db.Submissions(context.Background(), heed.SubmissionReceived, 0); len(q) != len(refs) {
		t.Fatalf("%d in the queue, %d sent", len(q), len(refs))
	}

	// An officer triages each, every way there is.
	b.prefix = "officer-"
	b.do(chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
	b.do(chromedp.Navigate(url+"/sign-in"), chromedp.SetValue(chromedp.CSS("#username"), "officer"),
		chromedp.SetValue(chromedp.CSS("#password"), "a test password"),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.Search(`//h1[normalize-space(.)="Your work"]`)))
	decisions := []map[string]string{
		{"#action": "", "#procedure": "corporate"},
		{"#action-3": ""},
		{"#action-4": ""},
		{"#action-5": "", "#redirected_to": "safeguarding"},
		{"#action-6": "", "#refusal_reason": "previously_considered"},
		{"#action-2": ""},
		{"#action": "", "#procedure": "children_statutory"},
		{"#action-4": ""},
	}
	for i, ref := range refs {
		if i == 4 {
			b.do(chromedp.EmulateViewport(320, 900, chromedp.EmulateScale(1)))
			b.prefix = "officer-narrow-"
		}
		b.do(chromedp.Navigate(url+"/triage"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		b.check("queue", ref)
		b.do(chromedp.Click(chromedp.Search(`//main//a[normalize-space(.)="`+ref+`"]`)), chromedp.WaitVisible(chromedp.CSS("#action")))
		b.check("item", ref, "photo.png")
		if i == 0 || i == 4 {
			b.press(".govuk-error-summary")
			b.check("item-error", "Select what to do with it")
		}
		for sel, v := range decisions[i] {
			if v == "" {
				b.do(chromedp.Click(chromedp.CSS(sel)))
			} else {
				b.do(chromedp.SetValue(chromedp.CSS(sel), v))
			}
		}
		b.do(chromedp.SetValue(chromedp.CSS("#service_area"), "Waste"))
		b.press(".govuk-notification-banner--success")
		// The case page is the staff application's own, checked by axe
		// and held to the sideways rule here too: its table of linked
		// records scrolls within itself at 320 px.
		b.check("case", ref, "photo.png")
	}
	if q, _ := db.Submissions(context.Background(), heed.SubmissionReceived, 0); len(q) != 0 {
		t.Fatalf("%d left in the queue", len(q))
	}

	// The sender of the refused complaint sees why, and the Ombudsman route.
	b.prefix = "narrow-"
	b.do(chromedp.Navigate(sentURLs[4]), chromedp.WaitVisible(chromedp.CSS("#decision")))
	b.check("sent-refused", "We cannot take your complaint", "already considered", "Ombudsman")
}
