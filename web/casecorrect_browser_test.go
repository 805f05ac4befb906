package web

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// TestCorrectionsInTheBrowser: an officer corrects HW-1's received date
// and sees the quarter's report move; corrects an answered stage, first
// without the reason it needs; reopens and closes; an administrator merges
// a mistyped theme and sees its row leave the report. axe-core checks
// every page and error state, at 1280 and at 320 px.
func TestCorrectionsInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	statutory := &heed.Record{Reference: "CS-2", Type: heed.TypeComplaint, Received: d("2015-01-05"), ServiceArea: "Children's Social Care",
		Procedure: heed.ChildrenStatutory, Summary: "Contact", Stages: []heed.Stage{
			{Number: 1, Responded: d("2015-01-16"), Outcome: heed.OutcomeNotUpheld},
			{Number: 2, Started: d("2015-01-26"), Responded: d("2015-03-10"), Outcome: heed.OutcomeNotUpheld},
			{Number: 3, Started: d("2015-03-12")}}}
	typo := &heed.Record{Reference: "HW-2", Type: heed.TypeComplaint, Received: d("2015-01-12"), ServiceArea: "Highways",
		Procedure: heed.Corporate, Theme: "Dealy", ComplainantName: "Flo Synthetic", Summary: "Street light out"}
	if _, err := app.Store.ImportRecords(context.Background(), heed.Actor{Name: "test"}, heed.RecordList{typo, statutory}, heed.ImportOptions{NewNames: true}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")

	// Every correcting form and its error state, at both widths.
	for _, width := range []int64{320, 1280} {
		b.prefix = "correct-" + strconv.FormatInt(width, 10) + "-"
		b.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
		b.visit("details", "/cases/HW-1/details", "Change details")
		b.visit("stage", "/cases/HW-1/correct-stage-1", "Correct Stage 1")
		b.do(b.date("responded", "19", "2", "2015")...)
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "Enter why you are changing a date or the outcome of a stage already answered") {
			t.Errorf("an answered stage corrected without a reason: %q", got)
		}
		b.check("stage-error")
		b.visit("reopen", "/cases/HW-1/reopen", "Reopen the case")
		b.submit(true)
		b.check("reopen-error")
		b.visit("close", "/cases/COMP-1/close", "Close the case")
		b.visit("void", "/cases/HW-1/void", "Void this record")
		b.visit("stage2-statutory", "/cases/CS-2/correct-stage-2", "Investigating Officer", "Independent Person")
		b.visit("stage3-panel", "/cases/CS-2/correct-stage-3", "When did the review panel meet?")
		b.visit("case-statutory", "/cases/CS-2", "Review panel meets by")
	}
	b.prefix = ""

	// The received date moves HW-1 from the fourth quarter to the third.
	b.visit("report-q3-before", "/reports/2014Q3")
	if got := b.main(); strings.Contains(got, "Highways") {
		t.Fatalf("the third quarter counts Highways before the correction: %q", got)
	}
	b.open("/cases/HW-1")
	b.follow("Change details")
	b.do(b.date("received", "10", "12", "2014")...)
	b.do(b.fill(map[string]string{"#change_reason": "typing error: the letter was dated December"})...)
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "Date received changed from 10 February 2015 to 10 December 2014") {
		t.Errorf("the history does not say the correction: %q", got)
	}
	b.visit("report-q3-after", "/reports/2014Q3", "Highways")

	// A mistyped theme leaves the year's report once merged.
	b.visit("report-year-before", "/reports/2014-15", "Dealy")
	a := newBrowserSession(t, app)
	a.signIn("admin")
	themes, _ := app.Store.Themes(context.Background())
	var dealy, delay string
	for _, th := range themes {
		switch th.Name {
		case "Dealy":
			dealy = strconv.FormatInt(th.ID, 10)
		case "Delay":
			delay = strconv.FormatInt(th.ID, 10)
		}
	}
	a.visit("theme-dealy", "/admin/themes/"+dealy, "Merge into another theme")
	a.do(chromedp.SetValue(chromedp.CSS("#into"), delay))
	a.leave(chromedp.Click(chromedp.CSS(`form[action$="/merge"] button`)), ".govuk-notification-banner--success")
	b.open("/reports/2014-15")
	if got := b.main(); strings.Contains(got, "Dealy") {
		t.Errorf("the merged theme is still in the report: %q", got)
	}
	b.check("report-year-after")

	// Voiding a record entered in error, and restoring it.
	b.visit("void", "/cases/CS-EXT/void", "Void this record")
	b.submit(true)
	b.check("void-error")
	b.do(b.fill(map[string]string{"#change_reason": "entered twice"})...)
	b.leave(chromedp.Click(chromedp.CSS("main form button[type=submit]")), ".govuk-notification-banner--success")
	b.check("voided")
	for _, width := range []int64{1280, 320} {
		a.prefix = "admin-" + strconv.FormatInt(width, 10) + "-"
		a.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
		a.visit("voided-case", "/cases/CS-EXT", "Voided as entered in error")
		a.visit("restore", "/cases/CS-EXT/restore", "Restore this record")
		a.visit("theme", "/admin/themes/"+delay, "Merge into another theme", "Retire this theme")
		a.visit("area", "/admin/areas", "Service areas")
	}
}
