package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestReportForADirectorate: once service areas belong to directorates,
// the reports form offers them; a report for one counts its areas only and
// says so, its downloads and other version keep to it, and a directorate
// that does not exist is refused on the form and is no page.
func TestReportForADirectorate(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	o := app.client(t)
	o.signIn("officer")
	if body := o.get("/reports").Body; strings.Contains(body, `id="directorate"`) {
		t.Error("the form offers directorates before any area belongs to one")
	}
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
	if body := o.get("/reports").Body; !strings.Contains(body, `<option value="Place">Place</option>`) {
		t.Errorf("the form does not offer the directorate: %s", mainText(body))
	}
	res := o.get("/reports?year=2014&period=year&version=full&directorate=Place")
	if res.Code != http.StatusSeeOther || res.Location != "/reports/2014-15?directorate=Place" {
		t.Fatalf("choose a directorate's report: %d %q", res.Code, res.Location)
	}
	res = o.get(res.Location)
	text := mainText(res.Body)
	if res.Code != http.StatusOK || !strings.Contains(text, "Place. 1 April 2014 to 31 March 2015") ||
		!strings.Contains(res.Body, `href="/reports/2014-15.pdf?directorate=Place"`) ||
		!strings.Contains(res.Body, `href="/reports/2014-15/published?directorate=Place"`) {
		t.Errorf("the directorate's report: %d %s", res.Code, text)
	}
	for _, r := range testRecords() {
		if r.ServiceArea != "Highways" && r.ServiceArea != "" && strings.Contains(text, r.ServiceArea) {
			t.Errorf("the report for Place counts %s", r.ServiceArea)
		}
	}
	whole := mainText(o.get("/reports/2014-15").Body)
	if !strings.Contains(whole, "Complaints by directorate") {
		t.Errorf("the whole council's report has no table by directorate: %s", whole)
	}
	if res := o.get("/reports?year=2014&directorate=Nowhere"); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Choose the whole council or one of its directorates") {
		t.Errorf("an unknown directorate on the form: %d %s", res.Code, mainText(res.Body))
	}
	if res := o.get("/reports/2014-15?directorate=Nowhere"); res.Code != http.StatusNotFound {
		t.Errorf("an unknown directorate's report: %d", res.Code)
	}
}
