package web

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// TestJourneyInTheBrowser takes a new complaints officer through a
// children's complaint from its receipt to Stage 2 and its learning, then to
// the annual report and its spreadsheet, in headless Chromium; axe-core
// checks every page on the way, filled and with errors.
func TestJourneyInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	b := newBrowserSession(t, app)

	b.signIn("officer")

	// Record a children's complaint: first with nothing in it.
	b.do(chromedp.Click(chromedp.Search(`//main//a[normalize-space(.)="Record a new contact"]`)), chromedp.WaitVisible(chromedp.CSS("#received-day")))
	b.check("new-contact")
	b.do(chromedp.Clear(chromedp.CSS("#received-day")), chromedp.Clear(chromedp.CSS("#received-month")), chromedp.Clear(chromedp.CSS("#received-year")))
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "Enter the date it was received") || !strings.Contains(got, "Select the service area the contact is about") {
		t.Errorf("the empty form's errors: %q", got)
	}
	b.check("new-contact-error")
	b.do(b.date("received", "16", "3", "2015")...)
	_, team := areaID(t, app, "Children's Social Care")
	fostering := strconv.FormatInt(team, 10) // the team is chosen from the area's list
	b.do(b.fill(map[string]string{
		"#service_area": "Children's Social Care", "#team": fostering, "#procedure": "children_statutory",
		"#theme": "Delay", "#complainant_name": "Tess Synthetic", "#complainant_type": "child_or_young_person",
		"#summary": "Nobody returned my calls about contact with my brother.", "#advocacy": "offered",
	})...)
	b.do(chromedp.Click(chromedp.CSS("#young_person")))
	b.submit(false)
	location, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	ref := strings.TrimPrefix(strings.Split(location, "?")[0], app.URL+"/cases/")
	if got := b.main(); !strings.Contains(got, ref) || !strings.Contains(got, "30 March 2015") {
		t.Fatalf("the new case %s should show its deadline, 30 March 2015: %q", ref, got)
	}
	b.check("case-recorded")

	// Acknowledge and allocate.
	b.follow("Acknowledge")
	b.check("acknowledge")
	b.do(b.date("acknowledged", "17", "3", "2015")...)
	b.submit(false)
	b.follow("Allocate to an investigator")
	b.submit(true)
	b.check("allocate-error")
	b.do(chromedp.SetValue(chromedp.CSS("#investigator"), "ivy"))
	b.submit(false)

	// Extend: past the statutory maximum first, which is refused.
	b.follow("Extend the deadline")
	b.check("extend")
	b.do(b.date("extended_to", "16", "4", "2015")...)
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "The Stage 1 extended deadline must be on or before 15 April 2015, the furthest Stage 1 may be extended to") ||
		!strings.Contains(got, "Enter why the deadline is extended") {
		t.Errorf("extension past the maximum: %q", got)
	}
	b.check("extend-error")
	b.do(b.date("extended_to", "15", "4", "2015")...)
	b.do(chromedp.SetValue(chromedp.CSS("#reason"), "The family asked to meet after the school holidays."))
	b.submit(false)

	// Two elements with different findings.
	b.follow("Elements and findings")
	b.check("elements")
	b.do(b.fill(map[string]string{
		"#element-1-summary": "Calls were not returned", "#element-1-finding": "upheld",
		"#element-2-summary": "Contact was refused", "#element-2-finding": "not_upheld",
	})...)
	b.submit(false)

	// Respond: the outcome offered follows from the findings.
	b.follow("Record the response")
	outcome, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS("input[name=outcome]:checked")))
	if err != nil || outcome != "partially_upheld" {
		t.Errorf("the outcome offered is %q (%v), want partially_upheld", outcome, err)
	}
	b.check("respond")
	b.submit(false)

	// Escalate to Stage 2.
	b.follow("Escalate to the next stage")
	b.submit(true)
	b.check("escalate-error")
	b.do(chromedp.Click(chromedp.CSS("#decision")))
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "Stage 2") || !strings.Contains(got, "Partially upheld") {
		t.Errorf("after escalation: %q", got)
	}

	// A learning action.
	b.follow("Add learning")
	b.check("learning")
	b.do(b.fill(map[string]string{"#lesson_text": "Return calls from young people within a day", "#action": "Set a call-back standard for the fostering team"})...)
	b.do(b.date("due", "30", "6", "2015")...)
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "Enter who owns the action") {
		t.Errorf("learning without an owner: %q", got)
	}
	b.check("learning-error")
	b.do(chromedp.SetValue(chromedp.CSS("#owner"), "Head of Fostering"))
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "Set a call-back standard") || !strings.Contains(got, "Head of Fostering") {
		t.Errorf("the learning action is not on the case: %q", got)
	}
	b.check("case-at-stage-2")

	rec, err := app.Store.FindRecordByReference(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	s1 := rec.Stage(1)
	if s1 == nil || s1.Investigator != "ivy" || s1.ExtendedTo.String() != "2015-04-15" || s1.Outcome != heed.OutcomePartiallyUpheld ||
		rec.Stage(2) == nil || len(rec.Lessons) != 1 || !rec.YoungPerson {
		t.Fatalf("the stored case: %+v", rec)
	}

	// The annual report of 2014/15, and its spreadsheet.
	b.open("/reports")
	b.check("reports")
	journeyReport(t, b, ref)
}

// journeyReport opens the annual report of 2014/15 from the reports page
// and downloads its xlsx; the new complaint must be counted in it.
func journeyReport(t *testing.T, b *browserSession, ref string) {
	b.leave(chromedp.Click(chromedp.Search(`//main//a[contains(normalize-space(.), "Full report") and contains(., "2014/15")]`)), "main h1")
	if got := b.main(); !strings.Contains(got, "2014/15") {
		t.Fatalf("the annual report page: %q", got)
	}
	b.check("report-2014-15")

	dir := t.TempDir()
	progress := chromedp.Events(b.ctx, browser.DownloadProgress)
	b.do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: new(true),
		})
		return err
	}), chromedp.Click(chromedp.Search(`//main//a[contains(@href, ".xlsx")]`)))
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("the downloaded report is not a spreadsheet: %v", err)
	}
	defer x.Close()
	if len(x.GetSheetList()) < 2 {
		t.Errorf("the spreadsheet has sheets %v", x.GetSheetList())
	}
}

// TestCaseFormsInTheBrowser runs axe-core on every case form, as it opens
// and after a submission with errors.
func TestCaseFormsInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	if err := app.Store.CreateRecord(t.Context(), heed.Actor{Name: "test"}, &heed.Record{Reference: "LGO-1",
		Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-10"), ServiceArea: "Highways", RelatedReference: "HW-1"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")
	clearDate := func(name string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{chromedp.Clear(chromedp.CSS("#" + name + "-day")),
			chromedp.Clear(chromedp.CSS("#" + name + "-month")), chromedp.Clear(chromedp.CSS("#" + name + "-year"))}
	}
	forms := []struct {
		path      string
		spoil     []chromedp.Action[chromedp.Void] // makes the form wrong
		wantError string
	}{
		{"/cases/CS-OPEN/acknowledge", clearDate("acknowledged"), "Enter the date it was acknowledged"},
		{"/cases/CS-OPEN/allocate", []chromedp.Action[chromedp.Void]{chromedp.SetValue(chromedp.CSS("#investigator"), "")}, "Select who will investigate"},
		{"/cases/CS-OPEN/elements", []chromedp.Action[chromedp.Void]{chromedp.SetValue(chromedp.CSS("#element-2-finding"), "upheld")}, "Enter what element 2 of the complaint is about"},
		{"/cases/CS-OPEN/respond", b.date("responded", "30", "2", "2015"), "The date of the response must be a real date"},
		{"/cases/CS-OPEN/redirect", nil, "Select where the contact was redirected to"},
		{"/cases/CS-OPEN/learning", []chromedp.Action[chromedp.Void]{chromedp.SetValue(chromedp.CSS("#action"), "Review the rota")}, "Enter who owns the action"},
		{"/cases/HW-1/escalate", clearDate("requested"), "Enter the date the complainant asked for the next stage"},
		{"/cases/HW-1/complete-action?action=1.1", nil, "Enter what shows the action was done"},
		{"/cases/LGO-1/ombudsman", b.date("decided", "30", "2", "2015"), "The date of the decision must be a real date"},
		{"/cases/LGO-1/ombudsman-remedy", []chromedp.Action[chromedp.Void]{chromedp.SetValue(chromedp.CSS("#amount"), "a lot")}, "Enter the amount in pounds"},
		{"/cases/LGO-1/ombudsman-recommendation", nil, "Enter what the Ombudsman recommended"},
		{"/cases/CS-OPEN/refuse", nil, "Select why the complaint is refused"},
	}
	for _, f := range forms {
		b.do(chromedp.Navigate(app.URL+f.path), chromedp.WaitVisible(chromedp.CSS("main form")))
		name := strings.NewReplacer("/cases/", "", "/", "-", "?action=", "-").Replace(f.path)
		b.check(name)
		b.do(f.spoil...)
		b.submit(true)
		if got := b.main(); !strings.Contains(got, f.wantError) {
			t.Errorf("%s: the errors do not say %q: %q", f.path, f.wantError, got)
		}
		b.check(name + "-error")
	}
}
