package web

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
)

// TestChildComplainantIsAYoungPerson records a complaint from a child on
// the new-contact form without ticking the young-person box: the case page
// says it is from a child or young person, and the report's young people's
// table counts it.
func TestChildComplainantIsAYoungPerson(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	before := youngPeopleComplaints(t, app)
	res := c.post("/cases/new", url.Values{"type": {"complaint"}, "reference": {"CS-CHILD"}, "service_area": {"Children's Social Care"},
		"procedure": {string(heed.ChildrenStatutory)}, "received-day": {"16"}, "received-month": {"3"}, "received-year": {"2015"},
		"summary": {"Contact visits"}, "complainant_type": {string(heed.ComplainantChild)}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("record the complaint: %d %q", res.Code, errorSummary(res.Body))
	}
	page := mainText(c.get("/cases/CS-CHILD").Body)
	if !strings.Contains(page, "Child or young person Yes") {
		t.Errorf("the case page does not say the complaint is from a child or young person: %s", page)
	}
	if after := youngPeopleComplaints(t, app); after != before+1 {
		t.Errorf("the young people's table counts %v complaints, want %v", after, before+1)
	}
}

// youngPeopleComplaints is the first figure of the 2014-15 report's table
// of complaints from children and young people.
func youngPeopleComplaints(t *testing.T, app *testApp) float64 {
	t.Helper()
	r, err := report.Generate(t.Context(), app.Store, report.Annual(2014), report.Options{AsOf: d("2015-03-20")})
	if err != nil {
		t.Fatal(err)
	}
	return r.Table("young_people").Rows[0].Values[0].N
}

// TestSARCasePage checks that a subject access request's page, and the
// forms it offers that concern its deadline, speak of a request: its
// deadline is one calendar month from receipt, never "(0 working days)",
// and nothing on them speaks of complaints or social workers.
func TestSARCasePage(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	res := c.post("/cases/new", url.Values{"type": {"sar"}, "reference": {"SAR-1"},
		"received-day": {"2"}, "received-month": {"3"}, "received-year": {"2015"}, "summary": {"All records"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("record the SAR: %d %q", res.Code, errorSummary(res.Body))
	}
	for _, path := range []string{"/cases/SAR-1", "/cases/SAR-1/extend", "/cases/SAR-1/respond"} {
		main := mainText(c.get(path).Body)
		for _, bad := range []string{"working days)", "complain", "social worker", "upheld"} {
			if strings.Contains(strings.ToLower(main), bad) {
				t.Errorf("%s speaks of %q: %s", path, bad, main)
			}
		}
		if path == "/cases/SAR-1" {
			for _, want := range []string{"About the request", "Requester", "Response", "Deadline 2 April 2015 (one calendar month from receipt)"} {
				if !strings.Contains(main, want) {
					t.Errorf("%s lacks %q: %s", path, want, main)
				}
			}
		}
	}
	// Its response is recorded without an outcome a complaint would have.
	v := date3("responded", "20", "3", "2015")
	v.Set("version", strconv.Itoa(app.record(t, "SAR-1").Version))
	if res := c.post("/cases/SAR-1/respond", v); res.Code != http.StatusSeeOther {
		t.Fatalf("respond to the SAR: %d %q", res.Code, errorSummary(res.Body))
	}
	if s := app.record(t, "SAR-1").Stage(1); s.Responded.String() != "2015-03-20" || s.Outcome != "" {
		t.Errorf("the SAR's response: %s %q", s.Responded, s.Outcome)
	}
	// A complaint still gives its target in working days.
	if main := mainText(c.get("/cases/CS-OPEN").Body); !strings.Contains(main, "(10 working days)") {
		t.Errorf("CS-OPEN's deadline lacks its target: %s", main)
	}
}

// mainText is the text of a page's main element, in full.
func mainText(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if i := strings.Index(body, "</main>"); i >= 0 {
		body = body[:i]
	}
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(body, " "))), " ")
}

// TestStaleEditInAnotherTab opens the same form twice in one session, as
// an officer with two tabs would, and saves both: the refusal says plainly
// that they changed the case themselves, in another tab or window.
func TestStaleEditInAnotherTab(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	v1 := c.openForm("/cases/CS-OPEN/allocate")
	v2 := c.openForm("/cases/CS-OPEN/allocate")
	if res := c.post("/cases/CS-OPEN/allocate", url.Values{"version": {v1}, "investigator": {"manager"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.Code)
	}
	res := c.post("/cases/CS-OPEN/allocate", url.Values{"version": {v2}, "investigator": {"officer"}})
	if res.Code != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", res.Code)
	}
	msg := errorSummary(res.Body)
	if !strings.Contains(msg, "You changed this case in another tab or window at 20 March 2015 at 10:00am") ||
		strings.Contains(msg, "officer (") {
		t.Errorf("explanation: %q", msg)
	}
}
