package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// TestCodeAssessmentForm: a complaints officer writes the year's
// self-assessment and the Ombudsman's letter figures, and they are kept; a
// figure that is not a percentage is refused beside its field with what was
// typed, and saves nothing; a form opened before another's save is refused
// and shows the assessment as it is now; managers and viewers may not
// write it, and a year before the Code is no page.
func TestCodeAssessmentForm(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite, func(s *Server) {
		s.Now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC) }
	})
	const path = "/reports/code/lgsco/2026-27/assessment"
	o := app.client(t)
	o.signIn("officer")
	if body := o.get("/reports").Body; !strings.Contains(body, `href="`+path+`"`) {
		t.Errorf("the reports page does not link to the self-assessment: %s", mainText(body))
	}
	if res := o.get(path); res.Code != http.StatusOK || !strings.Contains(res.Body, "Self-assessment 2026/27") ||
		!strings.Contains(res.Body, "5.1 We acknowledge a complaint within 5 working days") {
		t.Fatalf("GET %s = %d %s", path, res.Code, mainText(res.Body))
	}
	form := url.Values{"version": {"0"}, "r5-1-compliant": {"partly"}, "r5-1-evidence": {"Monthly sample of letters."},
		"letter-upheld-rate": {"62.5"}, "governing-response": {"Noted by the committee."}}
	res := o.post(path, form)
	if res.Code != http.StatusSeeOther || res.Location != path+"?done=assessment-saved" {
		t.Fatalf("save: %d %s %s", res.Code, res.Location, mainText(res.Body))
	}
	a, err := app.Store.CodeAssessment(t.Context(), heed.CodeLGSCO, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if a.Version != 1 || a.Entry("5.1").Compliant != heed.PartiallyCompliant || a.Entry("5.1").Evidence != "Monthly sample of letters." ||
		a.Letter.UpheldRate == nil || *a.Letter.UpheldRate != 62.5 || a.GoverningResponse != "Noted by the committee." {
		t.Errorf("saved %+v", a)
	}
	if body := o.get(res.Location).Body; !strings.Contains(body, "The self-assessment was saved.") || !strings.Contains(body, `value="62.5"`) {
		t.Errorf("after saving: %s", mainText(body))
	}

	bad := url.Values{"version": {"1"}, "r5-1-compliant": {"yes"}, "letter-compliance-rate": {"104"}}
	res = o.post(path, bad)
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "govuk-error-summary") ||
		!strings.Contains(res.Body, `href="#letter-compliance-rate"`) || !strings.Contains(res.Body, `value="104"`) ||
		!strings.Contains(res.Body, "must be a percentage from 0 to 100") {
		t.Errorf("a bad figure: %d %s", res.Code, mainText(res.Body))
	}
	stale := url.Values{"version": {"0"}, "r5-1-compliant": {"no"}}
	res = o.post(path, stale)
	if res.Code != http.StatusConflict || !strings.Contains(res.Body, "Nothing was saved: officer changed this self-assessment") ||
		!strings.Contains(res.Body, "Monthly sample of letters.") {
		t.Errorf("a stale form: %d %s", res.Code, mainText(res.Body))
	}
	if a, _ := app.Store.CodeAssessment(t.Context(), heed.CodeLGSCO, 2026); a.Version != 1 {
		t.Errorf("refused forms saved: version %d", a.Version)
	}

	for _, who := range []string{"manager", "viewer"} {
		c := app.client(t)
		c.signIn(who)
		if body := c.get("/reports").Body; strings.Contains(body, "/assessment") {
			t.Errorf("the reports page links a %s to the self-assessment", who)
		}
		if res := c.get(path); res.Code != http.StatusForbidden {
			t.Errorf("%s GET: %d", who, res.Code)
		}
		if res := c.post(path, url.Values{"version": {"1"}, "r5-1-compliant": {"no"}}); res.Code != http.StatusForbidden {
			t.Errorf("%s POST: %d", who, res.Code)
		}
	}
	for _, p := range []string{"/reports/code/lgsco/2025-26/assessment", "/reports/code/lgsco/2026-28/assessment",
		"/reports/code/fca/2026-27/assessment"} {
		if res := o.get(p); res.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d", p, res.Code)
		}
	}
}
