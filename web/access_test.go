package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestRoleAccess proves, route by route, what each role can and cannot
// reach. 200 is allowed; 403 is refused; 404 hides a case outside the
// user's reach; 303 is a redirect to sign in.
func TestRoleAccess(t *testing.T) {
	// Each row: a route, then the code for a signed-out visitor, admin,
	// officer, manager (Highways), ivy (investigator of CS-OPEN) and viewer.
	// The forms' posts are in TestCaseFormAccess, the administration's in
	// TestAdminIsForAdministratorsOnly, single sign-on in TestSingleSignOn.
	matrix := []struct {
		route string
		codes [6]int
	}{
		{"/", [6]int{303, 200, 200, 200, 200, 200}},
		{"/account/password", [6]int{303, 200, 200, 200, 200, 200}},
		{"/cases", [6]int{303, 200, 200, 200, 200, 403}},
		{"/cases?q=marsh", [6]int{303, 200, 200, 200, 200, 403}},
		{"/?sort=received&order=desc&page=2&queue-page=2", [6]int{303, 200, 200, 200, 200, 200}},
		{"/cases?unallocated=yes&sort=due&order=asc", [6]int{303, 200, 200, 200, 200, 403}},
		{"/cases.csv", [6]int{303, 200, 200, 200, 200, 403}},
		{"/cases.xlsx?type=complaint", [6]int{303, 200, 200, 200, 200, 403}},
		{"/cases/new", [6]int{303, 200, 200, 403, 403, 403}},
		{"/cases/CS-OPEN", [6]int{303, 200, 200, 404, 200, 403}},
		{"/cases/HW-1", [6]int{303, 200, 200, 200, 404, 403}},
		{"/cases/COMP-1", [6]int{303, 200, 200, 200, 404, 403}},
		{"/cases/CS-OPEN/extend", [6]int{303, 200, 200, 404, 403, 403}},
		{"/cases/CS-OPEN/respond", [6]int{303, 200, 200, 404, 200, 403}},
		{"/learning", [6]int{303, 200, 200, 200, 200, 403}},
		{"/dashboard", [6]int{303, 200, 200, 200, 200, 200}},
		{"/reports", [6]int{303, 200, 200, 200, 200, 200}},
		{"/reports/2014-15", [6]int{303, 200, 200, 200, 200, 403}},
		{"/reports/2014Q4", [6]int{303, 200, 200, 200, 200, 403}},
		{"/reports/2014-15.xlsx", [6]int{303, 200, 200, 200, 200, 403}},
		{"/reports/2014-15.pdf", [6]int{303, 200, 200, 200, 200, 403}},
		{"/reports/2014-15/published", [6]int{303, 200, 200, 200, 200, 200}},
		{"/reports/2014-15/published.xlsx", [6]int{303, 200, 200, 200, 200, 200}},
		{"/reports/2014-15/published.csv", [6]int{303, 200, 200, 200, 200, 200}},
		{"/admin", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/users", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/areas", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/themes", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/targets", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/holidays", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/audit", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/emails", [6]int{303, 200, 403, 403, 403, 403}},
		{"/admin/emails/overdue", [6]int{303, 200, 403, 403, 403, 403}},
		{"/outbox", [6]int{303, 200, 200, 403, 403, 403}},
		{"/account/messages", [6]int{303, 200, 200, 200, 200, 200}},
	}
	app := newTestApp(t, sqlstore.SQLite)
	routes := map[string][6]int{}
	for _, m := range matrix {
		routes[m.route] = m.codes
	}
	checkGets(t, app, routes)
}

// testRoles are the users a role matrix is written for, in its order:
// signed out, admin, officer, manager (Highways), ivy (investigator of
// CS-OPEN) and viewer.
var testRoles = [6]string{"", "admin", "officer", "manager", "ivy", "viewer"}

// checkGets signs in as each of testRoles and checks the status of GET on
// each route.
func checkGets(t *testing.T, app *testApp, routes map[string][6]int) {
	t.Helper()
	for i, user := range testRoles {
		c := app.client(t)
		if user != "" {
			c.signIn(user)
		}
		for route, codes := range routes {
			if got := c.get(route).Code; got != codes[i] {
				t.Errorf("%q GET %s = %d, want %d", user, route, got, codes[i])
			}
		}
	}
}

// TestListsShowOnlyWhatTheUserMaySee checks the rows, not only the status:
// a manager's and an investigator's lists hold their own cases only.
func TestListsShowOnlyWhatTheUserMaySee(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	tests := []struct {
		user       string
		see, avoid []string
	}{
		{"officer", []string{"CS-OPEN", "CS-EXT", "HW-1", "COMP-1"}, nil},
		{"manager", []string{"HW-1", "COMP-1"}, []string{"CS-OPEN", "CS-EXT"}},
		{"ivy", []string{"CS-OPEN"}, []string{"CS-EXT", "HW-1", "COMP-1"}},
	}
	for _, tt := range tests {
		c := app.client(t)
		c.signIn(tt.user)
		body := c.get("/cases").Body
		for _, ref := range tt.see {
			if !strings.Contains(body, ">"+ref+"<") {
				t.Errorf("%s does not see %s", tt.user, ref)
			}
		}
		for _, ref := range tt.avoid {
			if strings.Contains(body, ref) {
				t.Errorf("%s sees %s", tt.user, ref)
			}
		}
	}
}

// TestOpeningACaseIsAudited runs on both backends: on PostgreSQL the
// opening is recorded in the same round trip as the linked records are read.
func TestOpeningACaseIsAudited(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) { testOpeningACaseIsAudited(t, dialect) })
	}
}

func testOpeningACaseIsAudited(t *testing.T, dialect sqlstore.Dialect) {
	app := newTestApp(t, dialect)
	c := app.client(t)
	c.signIn("officer")
	if res := c.get("/cases/CS-OPEN"); res.Code != http.StatusOK {
		t.Fatalf("open case: %d", res.Code)
	}
	rec, _ := app.Store.FindRecordByReference(t.Context(), "CS-OPEN")
	h, err := app.Store.RecordHistory(t.Context(), rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if last.Action != "viewed" || last.Actor != "officer" {
		t.Errorf("last history entry %+v, want viewed by officer", last)
	}
	// The page shows openings since the last change as one row.
	c.get("/cases/CS-OPEN")
	if body := c.get("/cases/CS-OPEN").Body; !strings.Contains(body, "Opened 3 times") {
		t.Error("the case page does not count the three openings since the last change")
	}
}
