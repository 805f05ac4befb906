package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed/sqlstore"
)

// TestLettersInTheBrowser: an administrator edits a letter template in a
// real Chromium (its filled, error and preview states, and at 320 px),
// then makes a letter from a case with it (the form, its error state and
// the case file with the letter); axe-core finds nothing on any page.
func TestLettersInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	b := newBrowserSession(t, app)
	b.prefix = "letters-"
	b.signIn("admin")

	b.visit("templates", "/admin/letters", "Letter templates", "Stage 3 response letter", "Heed's default text")
	b.visit("editor", "/admin/letters/stage1/standard", "Stage 1 response letter: Standard", "Preview with a made-up case",
		"Local Government and Social Care Ombudsman", ".EscalateBy")

	// An unknown field: the error, beside the text as typed.
	b.do(b.fill(map[string]string{"#body": "Dear {{.Complainant}}\n\n{{.Postcode}}"})...)
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "Line 3: there is no field .Postcode") {
		t.Errorf("error state: %q", got)
	}
	typed, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS("#body")))
	if err != nil || !strings.Contains(typed, "{{.Postcode}}") {
		t.Errorf("the text typed was not kept: %q, %v", typed, err)
	}
	b.check("editor-error")

	// A preview, then the save.
	body := "{{.Complainant}}\n{{.Address}}\n\n# Our answer, reference {{.Reference}}\n\n{{range .Elements}}- {{.Summary}}: {{.Finding}}\n{{end}}\n" +
		"Write to {{.Ombudsman.Name}}, {{.Ombudsman.Address}}.\n"
	b.do(b.fill(map[string]string{"#body": body})...)
	b.leave(chromedp.Click(chromedp.CSS(`main form button[value="preview"]`)), "#preview")
	if got := b.text(".heed-letter-preview"); !strings.Contains(got, "Our answer, reference CMP-2026-00042") || !strings.Contains(got, "Visits were late: Upheld") {
		t.Errorf("preview: %q", got)
	}
	b.check("editor-preview")
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "The letter template was saved.") || !strings.Contains(got, "Version 1, saved by admin") {
		t.Errorf("saved: %q", got)
	}
	b.check("templates-saved")

	b.do(chromedp.EmulateViewport(320, 900, chromedp.EmulateScale(1)))
	b.visit("editor-narrow", "/admin/letters/acknowledgement/young_person", "Fields")
	assertNoSidewaysScroll(t, b)
	b.do(chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))

	// A letter from the case: refused for a date to come, then made.
	b.open("/cases/CS-OPEN")
	b.do(chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.follow("Make a letter")
	b.check("make")
	b.do(b.date("date", "21", "3", "2015")...)
	b.do(chromedp.Click(chromedp.CSS(`input[name="kind"][value="stage1"]`)), chromedp.Click(chromedp.CSS(`input[name="audience"][value="standard"]`)))
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "The letter's date must be today or in the past") {
		t.Errorf("a letter dated tomorrow: %q", got)
	}
	b.check("make-error")
	b.do(b.date("date", "20", "3", "2015")...)
	b.do(b.fill(map[string]string{"#address": "1 Sample Street\nExampletown"})...)
	b.submit(false)
	got := b.text("#case-file ~ .heed-timeline")
	for _, want := range []string{"Letter sent", "CS-OPEN stage 1 response.pdf", "CS-OPEN stage 1 response.docx", "by Ada Admin"} {
		if !strings.Contains(got, want) {
			t.Errorf("the case file lacks %q: %q", want, got)
		}
	}
	b.check("case-with-letter")
}
