package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

var versionInput = regexp.MustCompile(`name="version" value="(\d+)"`)

// openForm GETs a case form and returns its version field, failing the
// test unless the form is there.
func (c *client) openForm(path string) string {
	c.t.Helper()
	res := c.get(path)
	m := versionInput.FindStringSubmatch(res.Body)
	if res.Code != http.StatusOK || m == nil {
		c.t.Fatalf("GET %s: %d, version field found: %v", path, res.Code, m != nil)
	}
	return m[1]
}

// submit opens a case form and posts it with the fields, as a browser would.
func (c *client) submit(path string, fields url.Values) response {
	c.t.Helper()
	fields.Set("version", c.openForm(path))
	return c.post(path, fields)
}

func date3(name, day, month, year string) url.Values {
	return url.Values{name + "-day": {day}, name + "-month": {month}, name + "-year": {year}}
}

func merge(vs ...url.Values) url.Values {
	out := url.Values{}
	for _, v := range vs {
		for k, x := range v {
			out[k] = x
		}
	}
	return out
}

func (a *testApp) record(t *testing.T, ref string) *heed.Record {
	t.Helper()
	rec, err := a.Store.FindRecordByReference(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// lastChange is the newest "updated" entry of a record's history.
func (a *testApp) lastChange(t *testing.T, ref string) heed.AuditEntry {
	t.Helper()
	h, err := a.Store.RecordHistory(t.Context(), a.record(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Action == heed.AuditUpdated || h[i].Action == heed.AuditCreated {
			return h[i]
		}
	}
	t.Fatalf("%s has no change in its history", ref)
	return heed.AuditEntry{}
}

func TestRecordANewContact(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	if res := c.get("/cases/new"); res.Code != http.StatusOK || !strings.Contains(res.Body, "Record a new contact") {
		t.Fatalf("GET /cases/new: %d", res.Code)
	}

	// Nothing filled in: each problem is named, and nothing is recorded.
	_, before, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{})
	res := c.post("/cases/new", url.Values{"received-day": {"31"}, "received-month": {"2"}, "received-year": {"2015"}})
	if res.Code != http.StatusBadRequest {
		t.Fatalf("empty form: %d", res.Code)
	}
	for _, want := range []string{"Select what kind of contact this is", "The date it was received must be a real date", "Select the service area the contact is about"} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the error page does not say %q", want)
		}
	}
	// A date in the future breaks a rule the store checks, shown beside the date.
	res = c.post("/cases/new", merge(date3("received", "1", "1", "2030"), url.Values{"type": {"complaint"}, "service_area": {"Highways"}}))
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, `href="#received-day"`) ||
		!strings.Contains(errorSummary(res.Body), "The date received must be today (20 March 2015) or earlier, not 1 January 2030") {
		t.Errorf("a future date: %d, %q", res.Code, errorSummary(res.Body))
	}
	if _, after, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); after != before {
		t.Fatalf("refused forms recorded %d records", after-before)
	}

	res = c.post("/cases/new", merge(date3("received", "16", "3", "2015"), url.Values{
		"type": {"complaint"}, "service_area": {"Children's Social Care"}, "procedure": {"children_statutory"},
		"complainant_name": {"Tess Synthetic"}, "young_person": {"yes"}, "summary": {"No reply to my calls"},
	}))
	if res.Code != http.StatusSeeOther || !regexp.MustCompile(`^/cases/CMP-2015-\d{5}\?done=recorded$`).MatchString(res.Location) {
		t.Fatalf("record: %d %q %q", res.Code, res.Location, errorSummary(res.Body))
	}
	ref := strings.TrimSuffix(strings.TrimPrefix(res.Location, "/cases/"), "?done=recorded")
	rec := app.record(t, ref)
	if rec.Procedure != heed.ChildrenStatutory || !rec.YoungPerson || rec.Stage(1) == nil || rec.Stage(1).Deadline.String() != "2015-03-30" {
		t.Errorf("recorded %+v", rec)
	}
	if e := app.lastChange(t, ref); e.Actor != "officer" || e.Action != heed.AuditCreated {
		t.Errorf("history: %+v", e)
	}
	if page := c.get(res.Location); !strings.Contains(page.Body, "The contact has been recorded.") {
		t.Error("no success banner on the case page")
	}
	// A reference already used is refused beside the reference.
	res = c.post("/cases/new", merge(date3("received", "16", "3", "2015"), url.Values{"type": {"compliment"}, "service_area": {"Highways"}, "reference": {"HW-1"}}))
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "HW-1 is already the reference of another record") {
		t.Errorf("duplicate reference: %d %q", res.Code, errorSummary(res.Body))
	}
}

var summaryItems = regexp.MustCompile(`(?s)govuk-error-summary__list">(.*?)</ul>`)

func errorSummary(body string) string {
	if m := summaryItems.FindStringSubmatch(body); m != nil {
		return strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], " ")), " ")
	}
	return ""
}

// TestCaseForms takes CS-OPEN (a children's complaint received on Monday
// 2 March 2015, deadline 16 March, furthest extension 30 March) through
// each form, checking what each saves and what each refuses. Stage 2,
// requested on the day of the Stage 1 response (20 March, today), is due 25
// working days later, past Easter: 28 April.
func TestCaseForms(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	steps := []struct {
		name      string
		path      string
		form      url.Values
		wantError string // "" when the save must succeed
		check     func(*heed.Record) bool
	}{
		{"acknowledge", "acknowledge", date3("acknowledged", "4", "3", "2015"), "",
			func(r *heed.Record) bool { return r.Stage(1).Acknowledged.String() == "2015-03-04" }},
		{"allocate to no one", "allocate", url.Values{"investigator": {""}}, "Select who will investigate", nil},
		{"allocate to a viewer", "allocate", url.Values{"investigator": {"viewer"}}, "Select who will investigate", nil},
		{"allocate", "allocate", url.Values{"investigator": {"manager"}}, "",
			func(r *heed.Record) bool { return r.Stage(1).Investigator == "manager" }},
		{"extend without a reason", "extend", date3("extended_to", "27", "3", "2015"), "Enter why the deadline is extended", nil},
		{"extend past the statutory maximum", "extend", merge(date3("extended_to", "31", "3", "2015"), url.Values{"reason": {"Waiting"}}),
			"The Stage 1 extended deadline must be on or before 30 March 2015, the furthest Stage 1 may be extended to (20 working days at most)", nil},
		{"extend", "extend", merge(date3("extended_to", "30", "3", "2015"), url.Values{"reason": {"Meeting the family"}}), "",
			func(r *heed.Record) bool { return r.Stage(1).ExtendedTo.String() == "2015-03-30" }},
		{"an element without a summary", "elements", url.Values{"element-1-summary": {"Reply was late"}, "element-1-finding": {"upheld"}, "element-2-finding": {"not_upheld"}},
			"Enter what element 2 of the complaint is about", nil},
		{"elements", "elements", url.Values{"element-1-summary": {"Reply was late"}, "element-1-finding": {"upheld"},
			"element-2-summary": {"Social worker was rude"}, "element-2-finding": {"not_upheld"}}, "",
			func(r *heed.Record) bool {
				return len(r.Stage(1).Elements) == 2 && r.Stage(1).Elements[1].Finding == heed.FindingNotUpheld
			}},
		{"escalate before the response", "escalate", nil, "", nil}, // refused: see below
		{"respond with an outcome the findings contradict", "respond", merge(date3("responded", "20", "3", "2015"), url.Values{"outcome": {"upheld"}}),
			"Upheld does not follow from the findings on its elements, which give partially upheld", nil},
		{"respond", "respond", merge(date3("responded", "20", "3", "2015"), url.Values{"outcome": {"partially_upheld"}}), "",
			func(r *heed.Record) bool {
				return r.Stage(1).Outcome == heed.OutcomePartiallyUpheld && r.Stage(1).ResponseDays == 14 && r.Closed.IsZero()
			}},
		{"escalate", "escalate", merge(date3("requested", "20", "3", "2015"), url.Values{"decision": {"progress"}}), "",
			func(r *heed.Record) bool { return r.Stage(2) != nil && r.Stage(2).Deadline.String() == "2015-04-28" }},
		{"learning without an owner", "learning", merge(date3("due", "30", "6", "2015"), url.Values{"lesson": {"new"}, "lesson_text": {"Call back within a day"}, "action": {"Set a call-back standard"}}),
			"Enter who owns the action", nil},
		{"learning", "learning", merge(date3("due", "30", "6", "2015"), url.Values{"lesson": {"new"}, "lesson_text": {"Call back within a day"},
			"action": {"Set a call-back standard"}, "owner": {"Head of Fostering"}}), "",
			func(r *heed.Record) bool {
				return len(r.Lessons) == 1 && r.Lessons[0].Actions[0].Owner == "Head of Fostering" && r.Lessons[0].Actions[0].Due.String() == "2015-06-30"
			}},
		{"complete the action", "complete-action?action=1.1", merge(date3("completed", "19", "3", "2015"), url.Values{"action_ref": {"1.1"}, "evidence": {"Standard published"}}), "",
			func(r *heed.Record) bool { return r.Lessons[0].Actions[0].Completed.String() == "2015-03-19" }},
	}
	for _, st := range steps {
		if st.name == "escalate before the response" {
			if res := c.get("/cases/CS-OPEN/escalate"); res.Code != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "has not been answered yet") {
				t.Errorf("%s: %d", st.name, res.Code)
			}
			continue
		}
		before := app.record(t, "CS-OPEN")
		res := c.submit("/cases/CS-OPEN/"+st.path, st.form)
		after := app.record(t, "CS-OPEN")
		if st.wantError != "" {
			if res.Code != http.StatusBadRequest || !strings.Contains(errorSummary(res.Body), st.wantError) {
				t.Errorf("%s: %d, errors %q, want %q", st.name, res.Code, errorSummary(res.Body), st.wantError)
			}
			if after.Version != before.Version {
				t.Errorf("%s: a refused form saved a new version", st.name)
			}
			continue
		}
		if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/cases/CS-OPEN?done=") {
			t.Fatalf("%s: %d %q, errors %q", st.name, res.Code, res.Location, errorSummary(res.Body))
		}
		if !st.check(after) {
			t.Errorf("%s: the case is now %+v", st.name, after.Stages)
		}
		if after.Version != before.Version+1 {
			t.Errorf("%s: version %d → %d", st.name, before.Version, after.Version)
		}
		if e := app.lastChange(t, "CS-OPEN"); e.Actor != "officer" || len(e.Changes) == 0 {
			t.Errorf("%s: history %+v", st.name, e)
		}
	}
}

// TestStaleEditIsRefused opens the same form in two sessions: the second
// save is refused with an explanation and the case as it now is.
func TestStaleEditIsRefused(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	first, second := app.client(t), app.client(t)
	first.signIn("officer")
	second.signIn("admin")
	v1 := first.openForm("/cases/CS-OPEN/allocate")
	v2 := second.openForm("/cases/CS-OPEN/allocate")
	if res := first.post("/cases/CS-OPEN/allocate", url.Values{"version": {v1}, "investigator": {"manager"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.Code)
	}
	res := second.post("/cases/CS-OPEN/allocate", url.Values{"version": {v2}, "investigator": {"officer"}})
	if res.Code != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", res.Code)
	}
	msg := errorSummary(res.Body)
	if !strings.Contains(msg, "Your change was not saved. officer (20 March 2015 at 10:00am) changed case CS-OPEN") || !strings.Contains(msg, "you were editing version "+v2) {
		t.Errorf("explanation: %q", msg)
	}
	// The page shows the current version: the first person's allocation.
	if !strings.Contains(res.Body, "manager") {
		t.Error("the refusal does not show the case as it now is")
	}
	if got := app.record(t, "CS-OPEN").Stage(1).Investigator; got != "manager" {
		t.Errorf("investigator %q: the stale save overwrote the first", got)
	}
}

// TestLinkedRecords shows, on a case, the Ombudsman enquiry about it and
// the same person's other contacts, within what the user may see. It runs
// on both backends: on PostgreSQL the page reads them in the round trip
// that records the opening.
func TestLinkedRecords(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) { testLinkedRecords(t, dialect) })
	}
}

func testLinkedRecords(t *testing.T, dialect sqlstore.Dialect) {
	app := newTestApp(t, dialect)
	ctx := t.Context()
	for _, rec := range []*heed.Record{
		{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-10"), ServiceArea: "Highways", RelatedReference: "HW-1", ComplainantName: "Someone Else"},
		{Reference: "HW-2", Type: heed.TypeComplaint, Received: d("2015-03-12"), ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "CY MARSH"},
		{Reference: "CS-2", Type: heed.TypeComplaint, Received: d("2015-03-12"), ServiceArea: "Children's Social Care", ComplainantName: "Cy Marsh"},
	} {
		if err := app.Store.CreateRecord(ctx, heed.Actor{Name: "test"}, rec); err != nil {
			t.Fatal(err)
		}
	}
	c := app.client(t)
	c.signIn("officer")
	body := c.get("/cases/HW-1").Body
	for _, ref := range []string{"LGO-1", "HW-2", "CS-2"} {
		if !strings.Contains(body, `href="/cases/`+ref+`"`) {
			t.Errorf("officer: HW-1 does not link %s", ref)
		}
	}
	if strings.Contains(body, `href="/cases/CS-EXT"`) {
		t.Error("a record of another person is linked")
	}
	if body := c.get("/cases/LGO-1").Body; !strings.Contains(body, "(this case is about it)") {
		t.Error("the Ombudsman enquiry does not link its complaint")
	}
	m := app.client(t)
	m.signIn("manager") // Highways only
	body = m.get("/cases/HW-1").Body
	if !strings.Contains(body, `href="/cases/HW-2"`) || strings.Contains(body, "CS-2") {
		t.Error("the manager's links are not limited to their service areas")
	}

	// Past ten, the page lists the newest ten and links a search for the
	// rest, which finds them all.
	for i := range 12 {
		rec := &heed.Record{Reference: fmt.Sprintf("HW-P%02d", i), Type: heed.TypeComplaint, Received: d("2015-03-01").AddDays(i),
			ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Pat Manyton"}
		if err := app.Store.CreateRecord(ctx, heed.Actor{Name: "test"}, rec); err != nil {
			t.Fatal(err)
		}
	}
	body = c.get("/cases/HW-P00").Body
	if n := len(regexp.MustCompile(`href="/cases/HW-P\d\d"`).FindAllString(body, -1)); n != 10 {
		t.Errorf("HW-P00 links %d of the same person's 11 other records, want the newest 10", n)
	}
	if strings.Contains(body, `href="/cases/HW-P01"`) {
		t.Error("HW-P00 links the oldest of the others, not the newest ten")
	}
	search := `/cases?q=Pat%20Manyton`
	if !strings.Contains(body, `There are older linked records: <a class="govuk-link" href="`+search+`">`) {
		t.Error("HW-P00 does not link a search for the rest")
	}
	if body := c.get(search).Body; !strings.Contains(body, `href="/cases/HW-P01"`) || !strings.Contains(body, "12 cases") {
		t.Error("the search for the rest does not find all 12")
	}
	if body := c.get("/cases/HW-2").Body; strings.Contains(body, "older linked records") {
		t.Error("a case with fewer than ten linked records says there are more")
	}
}

// TestCaseFormAccess proves, form by form, who may open and post each: a
// refused post changes nothing. 200 and 400 (an empty form's errors) mean
// the form was reached; 403 refused; 404 a case out of the user's reach;
// 303 sends a signed-out visitor to sign in.
func TestCaseFormAccess(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	users := []string{"", "admin", "officer", "manager", "ivy", "viewer"}
	routes := []struct {
		path string
		get  []int // for each of users
	}{
		{"/cases/new", []int{303, 200, 200, 403, 403, 403}},
		// CS-OPEN is a children's case allocated to ivy; the manager has Highways.
		{"/cases/CS-OPEN/acknowledge", []int{303, 200, 200, 404, 403, 403}},
		{"/cases/CS-OPEN/allocate", []int{303, 200, 200, 404, 403, 403}},
		{"/cases/CS-OPEN/extend", []int{303, 200, 200, 404, 403, 403}},
		{"/cases/CS-OPEN/redirect", []int{303, 200, 200, 404, 403, 403}},
		{"/cases/CS-OPEN/elements", []int{303, 200, 200, 404, 200, 403}},
		{"/cases/CS-OPEN/respond", []int{303, 200, 200, 404, 200, 403}},
		{"/cases/CS-OPEN/learning", []int{303, 200, 200, 404, 200, 403}},
		// HW-1 is a Highways complaint answered at Stage 1, not ivy's.
		{"/cases/HW-1/escalate", []int{303, 200, 200, 200, 404, 403}},
		{"/cases/HW-1/complete-action?action=1.1", []int{303, 200, 200, 200, 404, 403}},
		{"/cases/HW-1/learning", []int{303, 200, 200, 200, 404, 403}},
	}
	for i, user := range users {
		c := app.client(t)
		if user != "" {
			c.signIn(user)
		}
		for _, rt := range routes {
			if got := c.get(rt.path).Code; got != rt.get[i] {
				t.Errorf("%q GET %s = %d, want %d", user, rt.path, got, rt.get[i])
			}
			// The same post, empty but for the case's current version: a
			// user who may use the form gets its errors; anyone else is
			// refused as on GET, and nothing changes.
			ref := strings.Split(strings.TrimPrefix(rt.path, "/cases/"), "/")[0]
			form := url.Values{}
			var before *heed.Record
			if ref != "new" {
				before = app.record(t, ref)
				form.Set("version", strconv.Itoa(before.Version))
			}
			if strings.Contains(rt.path, "action=") {
				form.Set("action_ref", "1.1")
			}
			want := rt.get[i]
			switch want {
			case http.StatusOK:
				want = http.StatusBadRequest
			case http.StatusSeeOther:
				want = http.StatusUnauthorized // a post is not redirected to sign in
			}
			if got := c.post(strings.Split(rt.path, "?")[0], form).Code; got != want {
				t.Errorf("%q POST %s = %d, want %d", user, rt.path, got, want)
			}
			if before != nil && app.record(t, ref).Version != before.Version {
				t.Errorf("%q POST %s changed the case", user, rt.path)
			}
		}
	}
}

// TestErrorsFollowTheFields checks that the error summary lists problems in
// the order of the fields, whoever found them: here the rules (the date)
// and the form (the reason).
func TestErrorsFollowTheFields(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	res := c.submit("/cases/CS-OPEN/extend", date3("extended_to", "1", "4", "2015"))
	got := errorSummary(res.Body)
	date, reason := strings.Index(got, "The Stage 1 extended deadline must be on or before"), strings.Index(got, "Enter why")
	if res.Code != http.StatusBadRequest || date < 0 || reason < 0 || date > reason {
		t.Errorf("%d: errors %q: want the date's first, then the reason's", res.Code, got)
	}
}

// TestTextLimitsFollowTheFields checks that text past its limit (see
// limits.go) is refused with the limit named, in the error summary and
// linked to the field that holds it, on every form with free text.
func TestTextLimitsFollowTheFields(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	long, short := strings.Repeat("a", heed.MaxLongText+1), strings.Repeat("b", heed.MaxShortText+1)
	tooLong := func(n, limit int) string {
		return fmt.Sprintf("is too long: %s characters, where at most %s are kept", thousands(n), thousands(limit))
	}
	for _, tc := range []struct {
		path   string
		fields url.Values
		input  string
		want   string
	}{
		{"/cases/new", merge(date3("received", "16", "3", "2015"), url.Values{"type": {"complaint"}, "service_area": {"Highways"}, "summary": {long}}),
			"summary", "Summary " + tooLong(heed.MaxLongText+1, heed.MaxLongText)},
		{"/cases/CS-EXT/extend", merge(date3("extended_to", "7", "4", "2015"), url.Values{"reason": {short}}),
			"reason", "Extension reason " + tooLong(heed.MaxShortText+1, heed.MaxShortText)},
		{"/cases/CS-OPEN/elements", url.Values{"element-1-summary": {"Reply was late"}, "element-1-finding": {"upheld"}, "element-2-summary": {short}},
			"element-2-summary", "Element 2 summary " + tooLong(heed.MaxShortText+1, heed.MaxShortText)},
		{"/cases/HW-1/learning", merge(date3("due", "1", "6", "2015"), url.Values{"lesson": {"new"}, "lesson_text": {long}, "action": {"Train"}, "owner": {"Head of Highways"}}),
			"lesson_text", "Lesson 2 learning " + tooLong(heed.MaxLongText+1, heed.MaxLongText)},
	} {
		var res response
		if tc.path == "/cases/new" {
			res = c.post(tc.path, tc.fields)
		} else {
			res = c.submit(tc.path, tc.fields)
		}
		if got := errorSummary(res.Body); res.Code != http.StatusBadRequest || !strings.Contains(got, tc.want) ||
			!strings.Contains(res.Body, `href="#`+tc.input+`"`) {
			t.Errorf("%s: %d, errors %q: want %q linked to #%s", tc.path, res.Code, got, tc.want, tc.input)
		}
	}
}
