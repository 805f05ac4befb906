package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
)

// TestVoidAndRestoreThroughTheWeb: an officer voids a duplicate with a
// reason; it leaves the cases list, only an administrator can open it,
// nothing changes it, and an administrator restores it.
func TestVoidAndRestoreThroughTheWeb(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	officer := app.client(t)
	officer.signIn("officer")
	officer.get("/cases/CS-EXT/void")
	ver := func() string { return strconv.Itoa(app.record(t, "CS-EXT").Version) }
	if res := officer.post("/cases/CS-EXT/void", url.Values{"version": {ver()}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Enter why the record is voided") {
		t.Errorf("void without a reason: %d", res.Code)
	}
	if res := officer.post("/cases/CS-EXT/void", url.Values{"version": {ver()}, "change_reason": {"entered twice"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("void: %d %s", res.Code, res.Body)
	}
	if list := officer.get("/cases").Body; strings.Contains(list, "CS-EXT") {
		t.Error("the voided case is still in the cases list")
	}
	checkGets(t, app, map[string][6]int{
		"/cases/CS-EXT":         {303, 200, 404, 404, 404, 403},
		"/cases/CS-EXT/extend":  {303, 422, 404, 404, 404, 403},
		"/cases/CS-EXT/note":    {303, 422, 404, 404, 404, 403},
		"/cases/CS-EXT/restore": {303, 200, 404, 404, 404, 403},
		"/cases/CS-OPEN/void":   {303, 200, 200, 404, 403, 403},
	})
	admin := app.client(t)
	admin.signIn("admin")
	page := admin.get("/cases/CS-EXT").Body
	if !strings.Contains(page, "Voided as entered in error") || !strings.Contains(page, "entered twice") ||
		!strings.Contains(page, "Restore this record") || strings.Contains(page, "/cases/CS-EXT/extend") {
		t.Errorf("the voided case's page for an administrator: %s", mainText(page))
	}
	admin.get("/cases/CS-EXT/restore")
	if res := admin.post("/cases/CS-EXT/restore", url.Values{"version": {ver()}, "change_reason": {"not a duplicate"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("restore: %d", res.Code)
	}
	if list := officer.get("/cases").Body; !strings.Contains(list, "CS-EXT") {
		t.Error("the restored case is not back in the cases list")
	}
}
