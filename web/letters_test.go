package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/letters"
	"github.com/heedhq/heed/sqlstore"
)

// TestLetterAccess: who may open the letter form and the template editor,
// as for the case file and the administration pages.
func TestLetterAccess(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	users := []string{"", "admin", "officer", "manager", "ivy", "viewer"}
	for _, route := range []struct {
		path string
		want []int
	}{
		{"/cases/CS-OPEN/letter", []int{303, 200, 200, 404, 200, 403}},
		{"/cases/HW-1/letter", []int{303, 200, 200, 200, 404, 403}},
		{"/cases/COMP-1/letter", []int{303, 422, 422, 422, 404, 403}},
		{"/admin/letters", []int{303, 200, 403, 403, 403, 403}},
		{"/admin/letters/stage1/young_person", []int{303, 200, 403, 403, 403, 403}},
		{"/admin/letters/stage9/standard", []int{303, 404, 403, 403, 403, 403}},
	} {
		for i, u := range users {
			c := app.client(t)
			if u != "" {
				c.signIn(u)
			}
			if got := c.get(route.path).Code; got != route.want[i] {
				t.Errorf("%s as %q: %d, want %d", route.path, u, got, route.want[i])
			}
		}
	}
	// A viewer's post is refused and makes nothing.
	c := app.client(t)
	c.signIn("viewer")
	c.post("/cases/CS-OPEN/letter", url.Values{"kind": {"acknowledgement"}, "audience": {"standard"},
		"date-day": {"20"}, "date-month": {"3"}, "date-year": {"2015"}})
	rec := app.record(t, "CS-OPEN")
	if f, _ := app.Store.CaseFile(context.Background(), rec.ID); len(f.Documents) != 0 {
		t.Errorf("a viewer's post made %+v", f.Documents)
	}
}

// TestMakeLetter: the form offers the case's letters, the young person's
// version for a child; a letter made is two documents and a letter sent on
// the case file, with the case's details and the Ombudsman's address; a
// date to come or a broken template makes nothing.
func TestMakeLetter(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	ctx := context.Background()
	c := app.client(t)
	c.signIn("officer")
	page := c.get("/cases/CS-OPEN/letter")
	for _, want := range []string{"Acknowledgement letter (Stage 1)", "Stage 1 response letter", `value="young_person" checked`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	if strings.Contains(page.Body, "Stage 2 response letter") {
		t.Error("the form offers a Stage 2 letter to a case with one stage")
	}
	form := func(day string) url.Values {
		return url.Values{"kind": {"acknowledgement"}, "audience": {"young_person"}, "date-day": {day}, "date-month": {"3"},
			"date-year": {"2015"}, "address": {"1 Sample Street\nExampletown"}, "version": {"1"}}
	}
	res := c.post("/cases/CS-OPEN/letter", form("21"))
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "must be today or in the past") {
		t.Errorf("a letter dated tomorrow: %d", res.Code)
	}
	rec := app.record(t, "CS-OPEN")
	if f, _ := app.Store.CaseFile(ctx, rec.ID); len(f.Documents) != 0 {
		t.Fatalf("a refused letter made %+v", f.Documents)
	}

	c.get("/cases/CS-OPEN/letter")
	res = c.post("/cases/CS-OPEN/letter", form("20"))
	if res.Code != http.StatusSeeOther || res.Location != "/cases/CS-OPEN?done=letter#case-file" {
		t.Fatalf("make the letter: %d %s %s", res.Code, res.Location, res.Body)
	}
	f, err := app.Store.CaseFile(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Documents) != 2 || f.Documents[0].Name != "CS-OPEN acknowledgement (young person).pdf" || f.Documents[0].Type != letters.PDFType ||
		f.Documents[1].Type != letters.DOCXType || f.Documents[0].By != "officer" {
		t.Fatalf("documents = %+v", f.Documents)
	}
	if len(f.Correspondence) != 1 || f.Correspondence[0].DocumentID != f.Documents[0].ID || f.Correspondence[0].Channel != heed.ChannelLetter ||
		f.Correspondence[0].Direction != heed.DirectionOut || f.Correspondence[0].Date != d("2015-03-20") {
		t.Errorf("correspondence = %+v", f.Correspondence)
	}
	casePage := c.get("/cases/CS-OPEN?done=letter")
	for _, want := range []string{"The letter has been made", "Letter sent", "CS-OPEN acknowledgement (young person).docx"} {
		if !strings.Contains(casePage.Body, want) {
			t.Errorf("the case page lacks %q", want)
		}
	}

	// A template saved before a change of fields that now fails says so,
	// and makes nothing. (Saved straight into the table: the store's
	// check would refuse it.)
	if _, err := app.Store.SQL().ExecContext(ctx, `INSERT INTO letter_templates (kind, audience, body, version, updated_by, updated_at)
		VALUES ('stage1', 'standard', '{{index .Elements 5}}', 1, 'admin', '2015-03-01 10:00:00')`); err != nil {
		t.Fatal(err)
	}
	c.get("/cases/CS-OPEN/letter")
	res = c.post("/cases/CS-OPEN/letter", url.Values{"kind": {"stage1"}, "audience": {"standard"}, "date-day": {"20"}, "date-month": {"3"}, "date-year": {"2015"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "ask an administrator to correct it") {
		t.Errorf("a broken template: %d", res.Code)
	}
	if f, _ := app.Store.CaseFile(ctx, rec.ID); len(f.Documents) != 2 {
		t.Errorf("a broken template made documents: %d", len(f.Documents))
	}
}

// TestLetterTemplateEditor: the editor shows Heed's default and a preview;
// a template with an unknown field is refused with its line and kept as
// typed; a preview saves nothing; a save is versioned, and a save from a
// stale page is refused.
func TestLetterTemplateEditor(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	ctx := context.Background()
	c := app.client(t)
	c.signIn("admin")
	page := c.get("/admin/letters/stage2/standard")
	for _, want := range []string{"This is Heed's default text", "Preview with a made-up case", "Sam Example", "CV4 0EH", ".EscalateBy"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the editor lacks %q", want)
		}
	}
	res := c.post("/admin/letters/stage2/standard", url.Values{"version": {"0"}, "action": {"save"}, "body": {"Dear {{.Complainant}}\n{{.Postcode}}"}})
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "Line 2: there is no field .Postcode") || !strings.Contains(res.Body, "{{.Postcode}}</textarea>") {
		t.Errorf("an unknown field: %d", res.Code)
	}
	res = c.post("/admin/letters/stage2/standard", url.Values{"version": {"0"}, "action": {"preview"}, "body": {"Dear {{.Complainant}}, about {{.Reference}}"}})
	if res.Code != http.StatusOK || !strings.Contains(res.Body, "Dear Sam Example, about CMP-2026-00042") {
		t.Errorf("preview: %d", res.Code)
	}
	if got, _ := app.Store.LetterTemplate(ctx, heed.LetterStage2, heed.AudienceStandard); got.Version != 0 {
		t.Errorf("a preview saved version %d", got.Version)
	}
	res = c.post("/admin/letters/stage2/standard", url.Values{"version": {"0"}, "action": {"save"}, "body": {"Dear {{.Complainant}}\r\n\r\nBye"}})
	if res.Code != http.StatusSeeOther || res.Location != "/admin/letters?done=letter-template-saved" {
		t.Fatalf("save: %d %s", res.Code, res.Location)
	}
	if got, _ := app.Store.LetterTemplate(ctx, heed.LetterStage2, heed.AudienceStandard); got.Version != 1 || got.Body != "Dear {{.Complainant}}\n\nBye" {
		t.Errorf("saved %+v", got)
	}
	if list := c.get("/admin/letters?done=letter-template-saved"); !strings.Contains(list.Body, "Version 1, saved by admin") {
		t.Error("the list does not show the saved version")
	}
	res = c.post("/admin/letters/stage2/standard", url.Values{"version": {"0"}, "action": {"save"}, "body": {"Hello {{.Complainant}}"}})
	if res.Code != http.StatusConflict || !strings.Contains(res.Body, "admin changed this letter template") || !strings.Contains(res.Body, "Bye</textarea>") {
		t.Errorf("a stale save: %d %s", res.Code, res.Body)
	}
}
