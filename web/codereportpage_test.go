package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// codeReportNow is the day the Code report tests run on: 2026/27 under way.
var codeReportNow = time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)

// codeRecords are corporate complaints of 2026/27: one acknowledged and
// answered in time, one acknowledged late, and a lesson whose action was
// completed; and a children's complaint the Code report leaves out.
func codeRecords() []*heed.Record {
	d := calendar.MustParseDate
	return []*heed.Record{
		{Reference: "CR-1", Type: heed.TypeComplaint, Procedure: heed.Corporate, Received: d("2026-06-01"), ServiceArea: "Highways",
			Stages: []heed.Stage{{Number: 1, Acknowledged: d("2026-06-02"), Responded: d("2026-06-10"), Outcome: heed.OutcomeUpheld}},
			Lessons: []heed.Lesson{{Text: "Tell people when a repair is booked", Actions: []heed.Action{
				{Description: "Send a text when a repair is booked", Owner: "Highways manager", Due: d("2026-08-01"), Completed: d("2026-07-15")}}}}},
		{Reference: "CR-2", Type: heed.TypeComplaint, Procedure: heed.Corporate, Received: d("2026-06-01"), ServiceArea: "Highways",
			Stages: []heed.Stage{{Number: 1, Acknowledged: d("2026-06-15"), Responded: d("2026-06-25"), Outcome: heed.OutcomeNotUpheld}}},
		{Reference: "CR-3", Type: heed.TypeComplaint, Procedure: heed.ChildrenStatutory, Received: d("2026-06-01"), ServiceArea: "Children's Social Care",
			Stages: []heed.Stage{{Number: 1, Responded: d("2026-06-05"), Outcome: heed.OutcomeUpheld}}},
	}
}

// TestCodeReportPage: the Code's annual report shows the self-assessment
// as saved with the figures Heed measured beside it, the Ombudsman's letter
// and the service improvements, counts only the Code's procedures, and
// downloads in every format; a viewer reads the published version only,
// without the actions' texts; a year before the Code, or not yet begun, is
// no page.
func TestCodeReportPage(t *testing.T) {
	app := newTestAppAt(t, sqlstore.SQLite, codeReportNow)
	if _, err := app.Store.ImportRecords(t.Context(), storetest.Actor, codeRecords(), heed.ImportOptions{NewNames: true}); err != nil {
		t.Fatal(err)
	}
	o := app.client(t)
	o.signIn("officer")
	form := url.Values{"version": {"0"}, "r5-1-compliant": {"partly"}, "r5-1-evidence": {"Letters sampled monthly."},
		"letter-upheld-rate": {"62.5"}, "letter-upheld-average": {"71"}, "governing-response": {"Noted by the Audit Committee."}}
	if res := o.post("/reports/code/lgsco/2026-27/assessment", form); res.Code != http.StatusSeeOther {
		t.Fatalf("save the assessment: %d %s", res.Code, mainText(res.Body))
	}
	if body := o.get("/reports").Body; !strings.Contains(body, `href="/reports/code/lgsco/2026-27"`) ||
		!strings.Contains(body, `href="/reports/code/housing/2026-27/published"`) {
		t.Errorf("the reports page does not link the Code reports: %s", mainText(body))
	}
	res := o.get("/reports/code/lgsco/2026-27")
	text := mainText(res.Body)
	for _, want := range []string{
		"Complaints performance and service improvement report 2026/27",
		"Local Government and Social Care Ombudsman's Complaint Handling Code",
		"5.1 The complaint handling process: We acknowledge a complaint within 5 working days",
		"Partly", "1 of 2 (50%)", "Letters sampled monthly.", "Noted by the Audit Committee.",
		"Send a text when a repair is booked", "Edit the self-assessment",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Code report lacks %q: %s", want, text)
		}
	}
	if res.Code != http.StatusOK || strings.Contains(text, "Children's Social Care") {
		t.Errorf("the Code report (%d) counts a children's complaint: %s", res.Code, text)
	}
	for _, d := range downloads {
		res := o.get("/reports/code/lgsco/2026-27/published." + d.Format)
		if res.Code != http.StatusOK || res.Header.Get("Content-Type") != d.ContentType ||
			!strings.Contains(res.Header.Get("Content-Disposition"), "complaints-performance-report-lgsco-2026-27-published."+d.Format) {
			t.Errorf("%s download: %d %q %q", d.Format, res.Code, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
	}

	v := app.client(t)
	v.signIn("viewer")
	if res := v.get("/reports/code/lgsco/2026-27"); res.Code != http.StatusForbidden {
		t.Errorf("a viewer reads the full Code report: %d", res.Code)
	}
	res = v.get("/reports/code/lgsco/2026-27/published")
	if text := mainText(res.Body); res.Code != http.StatusOK || !strings.Contains(text, "Noted by the Audit Committee.") ||
		strings.Contains(text, "Send a text when a repair is booked") || strings.Contains(text, "Edit the self-assessment") {
		t.Errorf("the published Code report for a viewer: %d %s", res.Code, text)
	}
	for _, path := range []string{"/reports/code/lgsco/2025-26", "/reports/code/lgsco/2027-28", "/reports/code/other/2026-27",
		"/reports/code/lgsco/2026-27/draft", "/reports/code/lgsco/2026-27.doc"} {
		if res := o.get(path); res.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, res.Code)
		}
	}
}
