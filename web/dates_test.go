package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// addMPEnquiry records MP-T, an MP enquiry received on Monday 2 March 2015
// (reply due 16 March, extendable to 30 March), extended to 25 March.
func addMPEnquiry(t *testing.T, app *testApp) {
	t.Helper()
	rec := &heed.Record{Reference: "MP-T", Type: heed.TypeMPEnquiry, Received: d("2015-03-02"), ServiceArea: "Highways",
		ComplainantName: "Mo Member", Stages: []heed.Stage{{Number: 1, ExtendedTo: d("2015-03-25"), ExtensionReason: "Waiting for the contractor"}}}
	if err := app.Store.CreateRecord(t.Context(), storetest.Actor, rec); err != nil {
		t.Fatal(err)
	}
}

// TestLoweredTargetLeavesCasesWorkable lowers the MP enquiry target after
// an extension was agreed within the maximum then in force: every form on
// the case can still be saved, and only a changed extension is held to the
// new maximum, with its error on the extension's own field.
func TestLoweredTargetLeavesCasesWorkable(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addMPEnquiry(t, app)
	lower := app.Store.Rules()
	lower.ReplyDays[heed.TypeMPEnquiry] = 5 // the maximum is now 16 March
	if _, err := app.Store.SaveTargets(t.Context(), storetest.Actor, lower); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	res := c.submit("/cases/MP-T/acknowledge", date3("acknowledged", "3", "3", "2015"))
	if res.Code != http.StatusSeeOther {
		t.Fatalf("acknowledging after the target was lowered: %d, errors %q", res.Code, errorSummary(res.Body))
	}
	if got := app.record(t, "MP-T").Stage(1); got.Acknowledged != d("2015-03-03") || got.ExtendedTo != d("2015-03-25") {
		t.Errorf("stage 1: acknowledged %s, extended to %s", got.Acknowledged, got.ExtendedTo)
	}
	res = c.submit("/cases/MP-T/respond", merge(date3("responded", "20", "3", "2015"), url.Values{"outcome": {"not_upheld"}}))
	if res.Code != http.StatusSeeOther {
		t.Fatalf("responding after the target was lowered: %d, errors %q", res.Code, errorSummary(res.Body))
	}

	// A changed extension meets the maximum in force.
	app2 := newTestApp(t, sqlstore.SQLite)
	addMPEnquiry(t, app2)
	if _, err := app2.Store.SaveTargets(t.Context(), storetest.Actor, lower); err != nil {
		t.Fatal(err)
	}
	c = app2.client(t)
	c.signIn("officer")
	res = c.submit("/cases/MP-T/extend", merge(date3("extended_to", "26", "3", "2015"), url.Values{"reason": {"Still waiting"}}))
	want := "The extended deadline must be on or before 16 March 2015, the furthest the reply may be extended to"
	if got := errorSummary(res.Body); res.Code != http.StatusBadRequest || !strings.Contains(got, want) ||
		!strings.Contains(res.Body, `href="#extended_to-day"`) {
		t.Errorf("an extension changed past the new maximum: %d, errors %q", res.Code, got)
	}
}

// TestOneDateOneError: a form that sets two dates from one input (a
// response that closes the case; a request not progressed, answered the
// day it was made) shows that input's problem once, linked to it, and no
// problem on a field the form does not have.
func TestOneDateOneError(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	for _, tc := range []struct {
		path  string
		form  url.Values
		input string
		want  string
	}{
		{"/cases/CS-OPEN/respond", merge(date3("responded", "21", "3", "2015"), url.Values{"outcome": {"upheld"}, "close": {"yes"}}),
			"responded-day", "The Stage 1 response date must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"/cases/HW-1/escalate", merge(date3("requested", "21", "3", "2015"), url.Values{"decision": {"not_progressed"}}),
			"requested-day", "The date Stage 2 was requested must be today (20 March 2015) or earlier, not 21 March 2015"},
	} {
		res := c.submit(tc.path, tc.form)
		got := errorSummary(res.Body)
		if res.Code != http.StatusBadRequest || got != tc.want || !strings.Contains(res.Body, `href="#`+tc.input+`"`) {
			t.Errorf("%s: %d, errors %q, want only %q linked to #%s", tc.path, res.Code, got, tc.want, tc.input)
		}
	}
}
