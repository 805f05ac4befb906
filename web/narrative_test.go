package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestNarrativeForm: a complaints officer writes the year's report text
// from a link on the report page: fills the introduction, adds a section,
// removes another and moves one; the report page, and a viewer's published
// version, print it around the tables. A section left without a heading is
// refused beside its field with what was typed, and saves nothing; a form
// opened before another's save is refused and shows the text as it is now;
// managers and viewers may not write it, and a period that is no report's
// is no page.
func TestNarrativeForm(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite, func(s *Server) {
		s.Now = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC) }
	})
	const path = "/reports/2026-27/text"
	o := app.client(t)
	o.signIn("officer")
	if body := o.get("/reports/2026-27").Body; !strings.Contains(body, `href="`+path+`"`) {
		t.Errorf("the report page does not link to its text: %s", mainText(body))
	}
	if res := o.get(path); res.Code != http.StatusOK || !strings.Contains(res.Body, "Report text 2026/27") ||
		!strings.Contains(res.Body, `value="Introduction"`) || !strings.Contains(res.Body, `value="Recommendations"`) {
		t.Fatalf("GET %s = %d %s", path, res.Code, mainText(res.Body))
	}
	form := url.Values{"version": {"0"}, "sections": {"3"},
		"section-1-heading": {"Introduction"}, "section-1-text": {"This report covers 2026/27.\r\n\r\nIt goes to the committee."},
		"section-1-place": {"before"}, "section-1-position": {"1"},
		"section-2-heading": {"Conclusions"}, "section-2-place": {"after"}, "section-2-position": {"2"}, "section-2-remove": {"yes"},
		"section-3-heading": {"Recommendations"}, "section-3-text": {"Note the report."}, "section-3-place": {"after"}, "section-3-position": {"3"},
		"new-heading": {"Learning from complaints"}, "new-text": {"Teams shared their lessons."}, "new-place": {"after"}}
	// The recommendations move to the top; the new section comes last.
	form.Set("section-3-position", "1")
	form.Set("section-1-position", "2")
	res := o.post(path, form)
	if res.Code != http.StatusSeeOther || res.Location != path+"?done=narrative-saved" {
		t.Fatalf("save: %d %s %s", res.Code, res.Location, mainText(res.Body))
	}
	n, err := app.Store.Narrative(t.Context(), "2026-27")
	if err != nil {
		t.Fatal(err)
	}
	var headings []string
	for _, s := range n.Sections {
		headings = append(headings, s.Heading)
	}
	if n.Version != 1 || strings.Join(headings, "|") != "Recommendations|Introduction|Learning from complaints" ||
		n.Sections[0].BeforeFigures || !n.Sections[1].BeforeFigures {
		t.Errorf("saved version %d: %q", n.Version, headings)
	}
	if body := o.get(res.Location).Body; !strings.Contains(body, "The report&#39;s text was saved.") || !strings.Contains(body, "Last saved by officer") {
		t.Errorf("after saving: %s", mainText(body))
	}
	for who, page := range map[string]string{"officer": "/reports/2026-27", "viewer": "/reports/2026-27/published"} {
		c := app.client(t)
		c.signIn(who)
		text := mainText(c.get(page).Body)
		intro, tables := strings.Index(text, "It goes to the committee."), strings.LastIndex(text, "Headline measures")
		recommend, learning := strings.Index(text, "Note the report."), strings.Index(text, "Teams shared their lessons.")
		notes := strings.LastIndex(text, "How the figures are counted")
		if intro < 0 || tables < intro || recommend < tables || learning < recommend || notes < learning || strings.Contains(text, "Conclusions") {
			t.Errorf("%s reads %s without the text around the tables: %s", who, page, text)
		}
	}

	bad := url.Values{"version": {"1"}, "sections": {"3"},
		"section-1-heading": {""}, "section-1-text": {"Typed but not saved."}, "section-1-place": {"before"}, "section-1-position": {"1"},
		"section-2-heading": {"Learning from complaints"}, "section-2-place": {"after"}, "section-2-position": {"two"},
		"section-3-heading": {"Recommendations"}, "section-3-place": {"after"}, "section-3-position": {"3"}}
	res = o.post(path, bad)
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "govuk-error-summary") ||
		!strings.Contains(res.Body, `href="#section-1-heading"`) || !strings.Contains(res.Body, `href="#section-2-position"`) ||
		!strings.Contains(res.Body, "Typed but not saved.") || !strings.Contains(res.Body, "Enter a heading for section 1") {
		t.Errorf("a section without a heading: %d %s", res.Code, mainText(res.Body))
	}
	stale := url.Values{"version": {"0"}, "sections": {"1"}, "section-1-heading": {"Introduction"}, "section-1-text": {"Another officer's."},
		"section-1-place": {"before"}, "section-1-position": {"1"}}
	res = o.post(path, stale)
	if res.Code != http.StatusConflict || !strings.Contains(res.Body, "Nothing was saved: officer changed this report") ||
		!strings.Contains(res.Body, "Teams shared their lessons.") {
		t.Errorf("a stale form: %d %s", res.Code, mainText(res.Body))
	}
	if n, _ := app.Store.Narrative(t.Context(), "2026-27"); n.Version != 1 {
		t.Errorf("refused forms saved: version %d", n.Version)
	}

	for _, who := range []string{"manager", "viewer"} {
		c := app.client(t)
		c.signIn(who)
		if body := c.get("/reports/2026-27/published").Body; strings.Contains(body, path) {
			t.Errorf("the report page links a %s to the text form", who)
		}
		if res := c.get(path); res.Code != http.StatusForbidden {
			t.Errorf("%s GET: %d", who, res.Code)
		}
		if res := c.post(path, stale); res.Code != http.StatusForbidden {
			t.Errorf("%s POST: %d", who, res.Code)
		}
	}
	for _, p := range []string{"/reports/2026-28/text", "/reports/2027-28/text", "/reports/code/text", "/reports/2026Q4/text"} {
		if res := o.get(p); res.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d", p, res.Code)
		}
	}
	if res := o.get("/reports/2026Q2/text"); res.Code != http.StatusOK {
		t.Errorf("a quarter's text: %d", res.Code)
	}

	// The text is the whole council's annual report's: a directorate's
	// report and the Code's report print none, and offer no link to it.
	areas, err := app.Store.ServiceAreaList(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		if a.Name == "Highways" {
			if err := app.Store.SetDirectorate(t.Context(), storetest.Actor, a.ID, "Place"); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, page := range []string{"/reports/2026-27?directorate=Place", "/reports/code/lgsco/2026-27"} {
		res := o.get(page)
		if res.Code != http.StatusOK || strings.Contains(res.Body, "It goes to the committee.") || strings.Contains(res.Body, path) {
			t.Errorf("GET %s = %d, with the annual report's text or a link to it: %s", page, res.Code, mainText(res.Body))
		}
	}
}

// TestNarrativeFieldError: a problem is shown beside the field typed, and
// names the sections as the form numbers them, even when one before them
// was removed, or the section is the new one.
func TestNarrativeFieldError(t *testing.T) {
	form := func(n int) func(string) string {
		return narrativeSectionForm{N: n}.ID
	}
	added := func(field string) string { return "new-" + field }
	ids := []func(string) string{form(2), form(3), added} // section 1 removed
	for _, tt := range []struct {
		field, msg string
		want       heed.FieldError
	}{
		{"section1_heading", "Enter a heading for section 1", heed.FieldError{Field: "section-2-heading", Message: "Enter a heading for section 2"}},
		{"section2_heading", "Section 2 has the same heading as section 1: give each section its own heading",
			heed.FieldError{Field: "section-3-heading", Message: "Section 3 has the same heading as section 2: give each section its own heading"}},
		{"section3_text", "The text of section 3 must be 20000 characters or fewer", heed.FieldError{Field: "new-text", Message: "The text of the new section must be 20000 characters or fewer"}},
		{"section3_heading", "Section 3 has the same heading as section 1: give each section its own heading",
			heed.FieldError{Field: "new-heading", Message: "The new section has the same heading as section 2: give each section its own heading"}},
		{"sections", "A report can have at most 20 sections: remove one before adding another", heed.FieldError{Field: "new-heading", Message: "A report can have at most 20 sections: remove one before adding another"}},
	} {
		if got := narrativeFieldError(heed.FieldError{Field: tt.field, Message: tt.msg}, ids); got != tt.want {
			t.Errorf("%s %q: %+v, want %+v", tt.field, tt.msg, got, tt.want)
		}
	}
}
