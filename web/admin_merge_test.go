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

// TestMergeAndRetireThroughTheWeb: an administrator merges a theme into
// another and sees its cases move and its row leave the themes page; a
// merge without a choice says so; a retired theme is marked and can be
// brought back.
func TestMergeAndRetireThroughTheWeb(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	ctx := context.Background()
	if _, err := app.Store.CreateTheme(ctx, heed.Actor{Name: "admin"}, "Dealy"); err != nil {
		t.Fatal(err)
	}
	themes, _ := app.Store.Themes(ctx)
	id := map[string]string{}
	for _, th := range themes {
		id[th.Name] = strconv.FormatInt(th.ID, 10)
	}
	c := app.client(t)
	c.signIn("admin")
	page := c.get("/admin/themes/" + id["Delay"])
	if !strings.Contains(page.Body, "Merge into another theme") || !strings.Contains(page.Body, ">Dealy</option>") {
		t.Fatalf("the theme's page offers no merge: %s", page.Body)
	}
	if res := c.post("/admin/themes/"+id["Delay"]+"/merge", url.Values{"into": {""}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Select the theme to merge it into") || !strings.Contains(res.Body, `href="#into"`) {
		t.Errorf("a merge without a choice: %d", res.Code)
	}
	res := c.post("/admin/themes/"+id["Delay"]+"/merge", url.Values{"into": {id["Dealy"]}})
	if res.Code != http.StatusSeeOther || res.Location != "/admin/themes?done=theme-merged" {
		t.Fatalf("merge: %d %s", res.Code, res.Location)
	}
	if r := app.record(t, "CS-OPEN"); r.Theme != "Dealy" {
		t.Errorf("CS-OPEN's theme is %q after the merge", r.Theme)
	}
	list := c.get("/admin/themes?done=theme-merged")
	if strings.Contains(list.Body, ">Delay<") || !strings.Contains(list.Body, "The theme was merged") {
		t.Errorf("the themes page after the merge: %s", list.Body)
	}
	res = c.post("/admin/themes/"+id["Dealy"]+"/retire", url.Values{"retired": {"yes"}})
	if res.Code != http.StatusSeeOther {
		t.Fatalf("retire: %d", res.Code)
	}
	if page := c.get(res.Location); !strings.Contains(page.Body, "Bring it back into use") || !strings.Contains(page.Body, "The theme was retired") {
		t.Errorf("a retired theme's page: %s", page.Body)
	}
}
