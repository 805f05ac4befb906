package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// addLearningRecords adds cases with lessons to the test app, beside
// HW-1's overdue action: a children's case allocated to ivy whose action
// is completed, a Highways case with no learning identified, and an
// Education case no manager or investigator of the tests can see.
func addLearningRecords(t testing.TB, app *testApp) {
	t.Helper()
	recs := []*heed.Record{
		{Reference: "CS-LEARN", Type: heed.TypeComplaint, Received: d("2015-01-12"),
			ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory, Theme: "Communication",
			ComplainantName: "Fay Lowe", Summary: "No advocate offered",
			Stages: []heed.Stage{{Number: 1, Investigator: "ivy", Responded: d("2015-01-20"), Outcome: heed.OutcomeUpheld}},
			Lessons: []heed.Lesson{{Text: "Offer an advocate at the first contact", Actions: []heed.Action{
				{Description: "Add the offer to the contact script", Owner: "Team manager", Due: d("2015-02-27"), Completed: d("2015-02-20"),
					Evidence: "Script updated"}}}},
			Closed: d("2015-01-20")},
		{Reference: "HW-NOLEARN", Type: heed.TypeComplaint, Received: d("2014-12-01"),
			ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Gus Hale", Summary: "Gritting",
			Stages:  []heed.Stage{{Number: 1, Responded: d("2014-12-05"), Outcome: heed.OutcomeNotUpheld}},
			Lessons: []heed.Lesson{{NoLearning: true}}, Closed: d("2014-12-05")},
		{Reference: "ED-LEARN", Type: heed.TypeComplaint, Received: d("2014-10-06"),
			ServiceArea: "Education", Procedure: heed.Corporate, ComplainantName: "Hal Pike", Summary: "Transport",
			Stages: []heed.Stage{{Number: 1, Responded: d("2014-10-10"), Outcome: heed.OutcomePartiallyUpheld}},
			Lessons: []heed.Lesson{{Text: "Confirm school transport in writing", Actions: []heed.Action{
				{Description: "Send a confirmation letter template", Owner: "Transport lead", Due: d("2015-06-30")}}}},
			Closed: d("2014-10-10")},
	}
	if _, err := app.Store.ImportRecords(context.Background(), storetest.Actor, recs, heed.ImportOptions{Note: "learning test"}); err != nil {
		t.Fatal(err)
	}
}

// references lists the case references a learning register page links to,
// in order.
var caseLink = regexp.MustCompile(`href="/cases/([A-Z0-9-]+)"`)

func references(body string) []string {
	var refs []string
	for _, m := range caseLink.FindAllStringSubmatch(body, -1) {
		refs = append(refs, m[1])
	}
	return refs
}

func TestLearningRegisterRoles(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	tests := []struct {
		user string
		code int
		want []string // the cases listed, newest first
	}{
		{"admin", http.StatusOK, []string{"HW-1", "CS-LEARN", "HW-NOLEARN", "ED-LEARN"}},
		{"officer", http.StatusOK, []string{"HW-1", "CS-LEARN", "HW-NOLEARN", "ED-LEARN"}},
		{"manager", http.StatusOK, []string{"HW-1", "HW-NOLEARN"}},
		{"ivy", http.StatusOK, []string{"CS-LEARN"}},
		{"viewer", http.StatusForbidden, nil},
	}
	for _, tt := range tests {
		t.Run(tt.user, func(t *testing.T) {
			c := app.client(t)
			c.signIn(tt.user)
			res := c.get("/learning")
			if res.Code != tt.code {
				t.Fatalf("status %d, want %d", res.Code, tt.code)
			}
			if got := strings.Join(references(res.Body), " "); got != strings.Join(tt.want, " ") {
				t.Errorf("cases listed: %q, want %q", got, strings.Join(tt.want, " "))
			}
			// A filter for another area does not reach past the user's own.
			if res := c.get("/learning?service_area=Education"); tt.user == "manager" && len(references(res.Body)) != 0 {
				t.Errorf("a manager filtering for Education sees %v", references(res.Body))
			}
		})
	}
	t.Run("signed out", func(t *testing.T) {
		res := app.client(t).get("/learning")
		if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/sign-in") {
			t.Errorf("got %d %q, want a redirect to sign in", res.Code, res.Location)
		}
	})
}

func TestLearningRegisterFlagsOverdueActions(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	c := app.client(t)
	c.signIn("officer")
	res := c.get("/learning")
	// HW-1's action was due on 1 March 2015 and is not completed: on 20
	// March it is overdue. CS-LEARN's was completed; ED-LEARN's is not due.
	rows := strings.Split(res.Body, `<tr class="govuk-table__row">`)
	flagged := map[string]bool{}
	for _, row := range rows {
		if refs := references(row); len(refs) == 1 {
			flagged[refs[0]] = strings.Contains(row, `govuk-tag--red heed-flag">Overdue`)
		}
	}
	want := map[string]bool{"HW-1": true, "CS-LEARN": false, "HW-NOLEARN": false, "ED-LEARN": false}
	if fmt.Sprint(flagged) != fmt.Sprint(want) {
		t.Errorf("overdue flags %v, want %v", flagged, want)
	}
	for _, s := range []string{"Change the inspection rota", "Owner: Highways manager", "Due 1 March 2015", "Completed 20 February 2015",
		"No learning identified", "Showing 1 to 4 of 4 lessons"} {
		if !strings.Contains(res.Body, s) {
			t.Errorf("the register does not show %q", s)
		}
	}
}

func TestLearningRegisterFilters(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	c := app.client(t)
	c.signIn("admin")
	tests := []struct {
		query string
		want  []string
	}{
		{"status=overdue", []string{"HW-1"}},
		{"status=open", []string{"HW-1", "ED-LEARN"}},
		{"status=completed", []string{"CS-LEARN"}},
		{"kind=no_learning", []string{"HW-NOLEARN"}},
		{"kind=learning", []string{"HW-1", "CS-LEARN", "ED-LEARN"}},
		{"service_area=Highways", []string{"HW-1", "HW-NOLEARN"}},
		{"theme=Communication", []string{"CS-LEARN"}},
		{"q=advocate", []string{"CS-LEARN"}},
		{"q=transport+lead", []string{"ED-LEARN"}},
		{"due-from-day=1&due-from-month=6&due-from-year=2015", []string{"ED-LEARN"}},
		{"due-to-day=28&due-to-month=2&due-to-year=2015", []string{"CS-LEARN"}},
		{"from-day=1&from-month=1&from-year=2015&to-day=31&to-month=1&to-year=2015", []string{"CS-LEARN"}},
		{"status=overdue&service_area=Education", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := c.get("/learning?" + tt.query)
			if res.Code != http.StatusOK {
				t.Fatalf("status %d", res.Code)
			}
			if got := strings.Join(references(res.Body), " "); got != strings.Join(tt.want, " ") {
				t.Errorf("cases listed: %q, want %q", got, strings.Join(tt.want, " "))
			}
			if tt.want == nil && !strings.Contains(res.Body, "No lessons match these filters.") {
				t.Error("an empty register does not say so")
			}
		})
	}
	// With an action filter, a lesson lists only the matching actions, and
	// says so.
	res := c.get("/learning?status=completed")
	if !strings.Contains(res.Body, "Only the actions that match the filters are listed: Completed.") ||
		strings.Contains(res.Body, "Change the inspection rota") {
		t.Error("the completed filter lists actions that are not completed, or does not say it filters them")
	}
}

func TestLearningRegisterErrors(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	c := app.client(t)
	c.signIn("officer")
	tests := []struct {
		query, field, message string
	}{
		{"from-day=31&from-month=2&from-year=2015", "from-day", "The received from date must be a real date"},
		{"due-from-day=1&due-from-month=&due-from-year=2015", "due-from-month", "The due from date must include a month"},
		{"due-from-day=2&due-from-month=3&due-from-year=2015&due-to-day=1&due-to-month=3&due-to-year=2015", "due-to-day",
			"The due to date must be the same as or after the due from date"},
		{"status=late", "status", "Choose not completed, overdue or completed actions, or any"},
		{"kind=maybe", "kind", "Choose lessons, no learning identified, or both"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := c.get("/learning?" + tt.query)
			if res.Code != http.StatusBadRequest {
				t.Errorf("status %d, want 400", res.Code)
			}
			if !strings.Contains(res.Body, `<a href="#`+tt.field+`">`+tt.message+`</a>`) {
				t.Errorf("the error summary does not link %q to #%s", tt.message, tt.field)
			}
			if !strings.Contains(res.Body, `<span class="govuk-visually-hidden">Error:</span> `+tt.message) {
				t.Errorf("no inline error %q", tt.message)
			}
			if refs := references(res.Body); len(refs) != 0 {
				t.Errorf("a register with errors lists %v", refs)
			}
		})
	}
}

func TestLearningRegisterPages(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	rec := &heed.Record{Reference: "MANY-1", Type: heed.TypeComplaint, Received: d("2015-03-16"),
		ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Ivo Crane", Summary: "Street lights",
		Stages: []heed.Stage{{Number: 1}}}
	for i := 1; i <= 30; i++ {
		rec.Lessons = append(rec.Lessons, heed.Lesson{Text: fmt.Sprintf("Lesson number %02d", i)})
	}
	if _, err := app.Store.ImportRecords(context.Background(), storetest.Actor, []*heed.Record{rec}, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("admin")
	first := c.get("/learning?q=lesson")
	if !strings.Contains(first.Body, "Showing 1 to 25 of 30 lessons") || !strings.Contains(first.Body, "Lesson number 25") ||
		strings.Contains(first.Body, "Lesson number 26") {
		t.Error("the first page is not lessons 1 to 25 of 30")
	}
	if !strings.Contains(first.Body, `href="/learning?page=2&amp;q=lesson"`) {
		t.Error("no link to the next page keeping the search")
	}
	second := c.get("/learning?page=2&q=lesson")
	if !strings.Contains(second.Body, "Showing 26 to 30 of 30 lessons") || !strings.Contains(second.Body, "Lesson number 30") ||
		strings.Contains(second.Body, "Lesson number 25") || !strings.Contains(second.Body, `href="/learning?q=lesson" rel="prev"`) ||
		!strings.Contains(second.Body, `aria-label="Pages of lessons"`) || strings.Contains(second.Body, `rel="next"`) {
		t.Error("the second page is not lessons 26 to 30 with a link back")
	}
}
