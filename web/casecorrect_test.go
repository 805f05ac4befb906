package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// detailsOf is the details form filled with what rec records.
func detailsOf(rec *heed.Record) url.Values {
	v := date3("received", strconv.Itoa(rec.Received.Day()), strconv.Itoa(int(rec.Received.Month())), strconv.Itoa(rec.Received.Year()))
	v.Set("service_area", rec.ServiceArea)
	v.Set("theme", rec.Theme)
	v.Set("procedure", string(rec.Procedure))
	v.Set("complainant_name", rec.ComplainantName)
	v.Set("complainant_type", string(rec.ComplainantType))
	v.Set("advocacy", string(rec.Advocacy))
	v.Set("channel", string(rec.Channel))
	v.Set("summary", rec.Summary)
	if rec.YoungPerson {
		v.Set("young_person", "yes")
	}
	return v
}

// TestCorrectingARecord: the details form corrects the received date and
// moves the Stage 1 clock with it, offers only the names administrators
// keep (typing one never creates it), and writes its change in words with
// the reason; an answered stage's correction needs a reason; a closed case
// reopens with one, and a compliment closes from the web.
func TestCorrectingARecord(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	rec := app.record(t, "HW-1")
	ver := func(ref string) string { return strconv.Itoa(app.record(t, ref).Version) }

	page := c.get("/cases/HW-1/details")
	if page.Code != http.StatusOK || !strings.Contains(page.Body, `<option value="Highways" selected>`) {
		t.Fatalf("the details form: %d", page.Code)
	}
	v := detailsOf(rec)
	v.Set("theme", "Potholes")
	v.Set("version", ver("HW-1"))
	if res := c.post("/cases/HW-1/details", v); res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "Select a theme from the list") {
		t.Errorf("a theme not in the list: %d", res.Code)
	}
	if themes, _ := app.Store.Themes(context.Background()); len(themes) != 1 {
		t.Errorf("typing a theme created it: %v", themes)
	}
	v = detailsOf(rec)
	v.Set("received-day", "9")
	v.Set("change_reason", "typing error")
	v.Set("version", ver("HW-1"))
	if res := c.post("/cases/HW-1/details", v); res.Code != http.StatusSeeOther {
		t.Fatalf("details: %d %s", res.Code, res.Body)
	}
	after := app.record(t, "HW-1")
	if after.Received.String() != "2015-02-09" || after.Stage(1).Started.String() != "2015-02-09" {
		t.Errorf("received %s, Stage 1 started %s", after.Received, after.Stage(1).Started)
	}
	casePage := c.get("/cases/HW-1").Body
	if !strings.Contains(casePage, "Date received changed from 10 February 2015 to 9 February 2015") || !strings.Contains(casePage, "Why: typing error") {
		t.Errorf("the history does not say the change in words")
	}

	// Stage 1 of HW-1 was answered: a changed response date needs a reason.
	s := date3("responded", "19", "2", "2015")
	s.Set("outcome", "not_upheld")
	s.Set("version", ver("HW-1"))
	if res := c.post("/cases/HW-1/correct-stage-1", s); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Enter why you are changing a date or the outcome of a stage already answered") {
		t.Errorf("an answered stage corrected without a reason: %d", res.Code)
	}
	s.Set("change_reason", "the letter was dated wrongly")
	if res := c.post("/cases/HW-1/correct-stage-1", s); res.Code != http.StatusSeeOther {
		t.Fatalf("correct stage 1: %d %s", res.Code, res.Body)
	}
	if got := app.record(t, "HW-1").Stage(1).Responded.String(); got != "2015-02-19" {
		t.Errorf("Stage 1 responded %s", got)
	}
	if res := c.get("/cases/HW-1/correct-stage-2"); res.Code != http.StatusUnprocessableEntity {
		t.Errorf("correcting a stage HW-1 does not have: %d", res.Code)
	}

	// Reopen with a reason, then close again.
	if res := c.post("/cases/HW-1/reopen", url.Values{"version": {ver("HW-1")}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Enter why the case is reopened") {
		t.Errorf("reopen without a reason: %d", res.Code)
	}
	if res := c.post("/cases/HW-1/reopen", url.Values{"version": {ver("HW-1")}, "change_reason": {"The complainant wrote again"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("reopen: %d", res.Code)
	}
	if !app.record(t, "HW-1").Closed.IsZero() {
		t.Error("HW-1 is still closed")
	}
	// A compliment recorded on the web closes from the web.
	cv := date3("closed", "20", "3", "2015")
	cv.Set("version", ver("COMP-1"))
	if res := c.post("/cases/COMP-1/close", cv); res.Code != http.StatusSeeOther {
		t.Fatalf("close COMP-1: %d %s", res.Code, res.Body)
	}
	if got := app.record(t, "COMP-1").Closed.String(); got != "2015-03-20" {
		t.Errorf("COMP-1 closed %s", got)
	}
	if res := c.get("/cases/CS-OPEN/close"); res.Code != http.StatusUnprocessableEntity {
		t.Errorf("closing a case waiting for its response: %d", res.Code)
	}
}

// TestCorrectionAccess: who may open the correcting forms.
func TestCorrectionAccess(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	routes := map[string][6]int{
		"/cases/CS-OPEN/details":         {303, 200, 200, 404, 403, 403},
		"/cases/CS-OPEN/correct-stage-1": {303, 200, 200, 404, 403, 403},
		"/cases/HW-1/details":            {303, 200, 200, 200, 404, 403},
		"/cases/HW-1/reopen":             {303, 200, 200, 200, 404, 403},
		"/cases/COMP-1/close":            {303, 200, 200, 200, 404, 403},
		"/cases/CS-OPEN/void":            {303, 200, 200, 404, 403, 403},
	}
	checkGets(t, app, routes)
	// A refused post is refused as its page is, and changes nothing.
	for i, user := range testRoles {
		c := app.client(t)
		if user != "" {
			c.signIn(user)
		}
		for route, codes := range routes {
			if codes[i] == http.StatusOK {
				continue
			}
			ref := strings.Split(strings.TrimPrefix(route, "/cases/"), "/")[0]
			before := app.record(t, ref)
			form := url.Values{"version": {strconv.Itoa(before.Version)}, "change_reason": {"refused"}, "summary": {"changed"}}
			want := codes[i]
			if user == "" {
				want = http.StatusUnauthorized
			}
			if got := c.post(route, form).Code; got != want {
				t.Errorf("%q POST %s = %d, want %d", user, route, got, want)
			}
			if after := app.record(t, ref); after.Version != before.Version || after.Voided != nil {
				t.Errorf("%q POST %s changed %s", user, route, ref)
			}
		}
	}
}

// TestEveryFormSaysItSaved: each case form's success banner exists.
func TestEveryFormSaysItSaved(t *testing.T) {
	for _, f := range caseForms {
		if doneMessages[f.done] == "" {
			t.Errorf("the form %s has no success message for %q", f.path, f.done)
		}
	}
}

// TestStatutoryStageDetails: the children's statutory Stage 2 records its
// agreed statement (its clock then runs from it), the Independent Person
// and the adjudicating officer; Stage 3 its review panel, whose own clocks
// the case page shows.
func TestStatutoryStageDetails(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	rec := &heed.Record{Reference: "CS-2", Type: heed.TypeComplaint, Received: d("2015-01-05"), ServiceArea: "Children's Social Care",
		Procedure: heed.ChildrenStatutory, Summary: "Contact", Stages: []heed.Stage{
			{Number: 1, Responded: d("2015-01-16"), Outcome: heed.OutcomeNotUpheld},
			{Number: 2, Started: d("2015-01-26"), Responded: d("2015-03-10"), Outcome: heed.OutcomeNotUpheld},
			{Number: 3, Started: d("2015-03-12")}}}
	if _, err := app.Store.ImportRecords(context.Background(), heed.Actor{Name: "test"}, heed.RecordList{rec}, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	form := c.get("/cases/CS-2/correct-stage-2").Body
	if !strings.Contains(form, "Investigating Officer") || !strings.Contains(form, `id="statement_agreed"`) {
		t.Fatalf("Stage 2's form does not ask for the statutory details")
	}
	v := merge(date3("requested", "26", "1", "2015"), date3("responded", "10", "3", "2015"), date3("statement_agreed", "9", "2", "2015"))
	v.Set("outcome", "not_upheld")
	v.Set("independent_person", "Ida Person")
	v.Set("adjudicator", "Ada Director")
	v.Set("change_reason", "statement agreed at the first meeting")
	v.Set("version", strconv.Itoa(app.record(t, "CS-2").Version))
	if res := c.post("/cases/CS-2/correct-stage-2", v); res.Code != http.StatusSeeOther {
		t.Fatalf("correct Stage 2: %d %s", res.Code, errorSummary(res.Body))
	}
	s2 := app.record(t, "CS-2").Stage(2)
	if s2.StatementAgreed.String() != "2015-02-09" || s2.IndependentPerson != "Ida Person" || s2.Deadline.String() != "2015-03-16" {
		t.Errorf("Stage 2 after the correction: %+v", s2)
	}
	page := mainText(c.get("/cases/CS-2").Body)
	for _, want := range []string{"Statement of complaint agreed 9 February 2015", "Independent Person Ida Person",
		"Adjudicating officer Ada Director", "Review panel meets by 27 April 2015", "Council responds to the report by"} {
		if !strings.Contains(page, want) {
			t.Errorf("the case page does not say %q", want)
		}
	}
}

// TestNewContactNeverCreatesNames: the new-contact form files a contact
// under the lists administrators keep; a name typed in (or posted by hand)
// is refused and creates nothing.
func TestNewContactNeverCreatesNames(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	c.get("/cases/new")
	res := c.post("/cases/new", merge(date3("received", "16", "3", "2015"), url.Values{"type": {"compliment"},
		"service_area": {"Parks"}, "theme": {"Friendly staff"}, "team": {"99999"}, "summary": {"Thanks"}}))
	body := errorSummary(res.Body)
	for _, want := range []string{"Select a service area from the list", "Select a team from the list", "Select a theme from the list"} {
		if res.Code != http.StatusBadRequest || !strings.Contains(body, want) {
			t.Errorf("%d %q, want %q", res.Code, body, want)
		}
	}
	areas, _ := app.Store.ServiceAreaList(context.Background())
	themes, _ := app.Store.Themes(context.Background())
	if len(areas) != 2 || len(themes) != 1 {
		t.Errorf("typed names were created: %d areas, %d themes", len(areas), len(themes))
	}
}

// TestUASCAndCorrectiveAction: the new-contact form records an
// unaccompanied asylum-seeking child, and a stage's correction whether its
// response identified corrective action; the case page says both.
func TestUASCAndCorrectiveAction(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	c.get("/cases/new")
	res := c.post("/cases/new", merge(date3("received", "16", "3", "2015"), url.Values{"type": {"complaint"}, "reference": {"CS-U"},
		"service_area": {"Children's Social Care"}, "procedure": {"children_statutory"}, "summary": {"Placement"}, "uasc": {"yes"},
		"complainant_type": {"child_or_young_person"}}))
	if res.Code != http.StatusSeeOther {
		t.Fatalf("new contact: %d %q", res.Code, errorSummary(res.Body))
	}
	if !app.record(t, "CS-U").UASC {
		t.Error("the UASC flag was not recorded")
	}
	v := merge(date3("responded", "20", "2", "2015"), url.Values{"outcome": {"not_upheld"}, "corrective_action": {"yes"},
		"version": {strconv.Itoa(app.record(t, "HW-1").Version)}})
	if res := c.post("/cases/HW-1/correct-stage-1", v); res.Code != http.StatusSeeOther {
		t.Fatalf("correct Stage 1: %d %q", res.Code, errorSummary(res.Body))
	}
	if got := app.record(t, "HW-1").Stage(1).CorrectiveAction; got != heed.CorrectiveActionYes {
		t.Errorf("corrective action %q", got)
	}
	if page := mainText(c.get("/cases/HW-1").Body); !strings.Contains(page, "Corrective action Corrective action identified") {
		t.Errorf("the case page does not say the corrective action: %s", page)
	}
	if page := mainText(c.get("/cases/CS-U").Body); !strings.Contains(page, "Unaccompanied asylum-seeking child Yes") {
		t.Errorf("the case page does not say UASC")
	}
}
