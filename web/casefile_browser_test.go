package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestCaseFileInTheBrowser: an officer adds a note and sees it on the
// timeline, uploads a document and downloads it, records a holding letter,
// and is told what is wrong with a refused file; a manager who cannot see
// the case cannot download its document. axe-core checks every page and
// error state, at 1280 and at 320 px.
func TestCaseFileInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	dir := t.TempDir()
	pdf, page := filepath.Join(dir, "reply.pdf"), filepath.Join(dir, "page.pdf")
	if err := os.WriteFile(pdf, []byte(testPDF), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte("<!DOCTYPE html><html><body>not a pdf</body></html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")

	for _, width := range []int64{1280, 320} {
		b.prefix = ""
		if width < 1280 {
			b.prefix = "narrow-"
		}
		b.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))

		// A note, then its error state.
		b.open("/cases/CS-OPEN")
		b.follow("Add a note")
		b.check("note")
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "Enter the note") {
			t.Errorf("an empty note: %q", got)
		}
		b.check("note-error")
		note := "Rang the foster carer at " + b.prefix + "width"
		b.do(b.fill(map[string]string{"#text": note})...)
		b.submit(false)
		if got := b.text("#case-file ~ .heed-timeline"); !strings.Contains(got, note) || !strings.Contains(got, "by Olu Officer") {
			t.Errorf("the note is not on the timeline: %q", got)
		}
		b.check("case-with-note")
		assertNoSidewaysScroll(t, b)

		// A refused file, then a document.
		b.follow("Add a document")
		b.check("document")
		b.do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{page}))
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "The selected file must be a PDF") {
			t.Errorf("an HTML file as a document: %q", got)
		}
		b.check("document-error")
		b.do(chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{pdf}))
		b.submit(false)
		b.check("case-with-document")

		// Correspondence: an error, then a holding letter.
		b.follow("Record correspondence")
		b.check("correspondence")
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "Select whether it was received or sent") {
			t.Errorf("empty correspondence: %q", got)
		}
		b.check("correspondence-error")
		b.do(chromedp.Click(chromedp.CSS("#direction-2")), chromedp.SetValue(chromedp.CSS("#channel"), "letter"),
			chromedp.SetValue(chromedp.CSS("#summary"), "Holding letter: the reply will follow."), chromedp.Click(chromedp.CSS("#holding")))
		b.submit(false)
		if got := b.text("#case-file ~ .heed-timeline"); !strings.Contains(got, "Holding letter sent") {
			t.Errorf("the holding letter is not on the timeline: %q", got)
		}
	}

	// The document downloads, from the page's own link, as an attachment.
	link, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS(`.heed-timeline a[download]`), "href"))
	if err != nil || !link.Exists {
		t.Fatalf("no download link: %v", err)
	}
	href := link.Value
	type download struct {
		Status      int
		Disposition string
		Body        string
	}
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[download](`fetch(`+jsString(href)+`).then(async r => ({Status: r.status,
		Disposition: r.headers.get("Content-Disposition"), Body: await r.text()}))`, chromedp.EvalAwaitPromise))
	if err != nil || got.Status != 200 || !strings.HasPrefix(got.Disposition, "attachment") || got.Body != testPDF {
		t.Errorf("download: %+v %v", got, err)
	}

	// A manager of another service area cannot.
	m := newBrowserSession(t, app)
	m.signIn("manager")
	m.open(href)
	if got := m.main(); !strings.Contains(got, "no case CS-OPEN that you can see") {
		t.Errorf("a manager of Highways downloading CS-OPEN's document: %q", got)
	}
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// assertNoSidewaysScroll fails the test when the page is wider than the
// window.
func assertNoSidewaysScroll(t *testing.T, b *browserSession) {
	t.Helper()
	wider, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if wider {
		t.Errorf("%sthe case page scrolls sideways", b.prefix)
	}
}
