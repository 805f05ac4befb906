package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
)

// TestRoleAccess proves, route by route, what each role can and cannot
// reach. 200 is allowed; 403 is refused; 404 hides a case outside the
// user's reach; 303 is a redirect to sign in.
func TestRoleAccess(t *testing.T) {
	routes := []string{"/", "/cases", "/cases?q=marsh", "/cases/CS-OPEN", "/cases/HW-1", "/cases/COMP-1"}
	want := map[string][]int{
		"":        {303, 303, 303, 303, 303, 303},
		"admin":   {200, 200, 200, 200, 200, 200},
		"officer": {200, 200, 200, 200, 200, 200},
		// The manager has Highways: HW-1 and COMP-1, not the children's cases.
		"manager": {200, 200, 200, 404, 200, 200},
		// The investigator has CS-OPEN only.
		"ivy":    {200, 200, 200, 200, 404, 404},
		"viewer": {200, 403, 403, 403, 403, 403},
	}
	app := newTestApp(t, sqlstore.SQLite)
	for user, codes := range want {
		c := app.client(t)
		if user != "" {
			c.signIn(user)
		}
		for i, route := range routes {
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

func TestOpeningACaseIsAudited(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
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
}
