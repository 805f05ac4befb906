package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

var formTokenInput = regexp.MustCompile(`name="form_token" value="([^"]+)"`)

// formToken is the one-time token of the form on a page.
func formToken(t *testing.T, body string) string {
	t.Helper()
	m := formTokenInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the form has no one-time token")
	}
	return m[1]
}

// TestSamePostTwice posts the same form twice, as the back button or a
// double click does: the new-contact form records one contact, and a case
// form makes one change; the second post leads where the first did.
func TestSamePostTwice(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	_, before, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{})

	form := merge(date3("received", "16", "3", "2015"), url.Values{"type": {"complaint"},
		"service_area": {"Highways"}, "procedure": {"corporate"}, "summary": {"Synthetic summary"}})
	form.Set("form_token", formToken(t, c.get("/cases/new").Body))
	first := c.post("/cases/new", form)
	if first.Code != http.StatusSeeOther || first.Location != "/cases/CMP-2015-00001?done=recorded" {
		t.Fatalf("first post: %d %q %q", first.Code, first.Location, errorSummary(first.Body))
	}
	again := "/cases/CMP-2015-00001?done=again"
	second := c.post("/cases/new", form)
	if second.Code != http.StatusSeeOther || second.Location != again {
		t.Errorf("second post: %d %q, want a redirect to %q", second.Code, second.Location, again)
	}
	if page := c.get(second.Location); !strings.Contains(page.Body, "This form had been sent already, and it was saved once") {
		t.Error("the case page does not say the form was sent twice")
	}
	// The same values from the form loaded afresh (the back button to a
	// page the browser did not keep, which fills in what was typed).
	form.Set("form_token", formToken(t, c.get("/cases/new").Body))
	if res := c.post("/cases/new", form); res.Code != http.StatusSeeOther || res.Location != again {
		t.Errorf("the same values with a new token: %d %q", res.Code, res.Location)
	}
	if _, after, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); after != before+1 {
		t.Errorf("%d records recorded, want 1", after-before)
	}
	// Another contact, with a new token: numbered next.
	form.Set("form_token", formToken(t, c.get("/cases/new").Body))
	form.Set("summary", "Another synthetic summary")
	if res := c.post("/cases/new", form); res.Location != "/cases/CMP-2015-00002?done=recorded" {
		t.Errorf("the next contact: %d %q", res.Code, res.Location)
	}

	// A case form: allocating CS-EXT, posted twice, is one change.
	page := c.get("/cases/CS-EXT/allocate").Body
	was := app.record(t, "CS-EXT").Version
	alloc := url.Values{"investigator": {"ivy"}, "version": {fmt.Sprint(was)}, "form_token": {formToken(t, page)}}
	first = c.post("/cases/CS-EXT/allocate", alloc)
	second = c.post("/cases/CS-EXT/allocate", alloc)
	if first.Code != http.StatusSeeOther || second.Code != http.StatusSeeOther || second.Location != "/cases/CS-EXT?done=again" {
		t.Errorf("allocate twice: %d %q then %d %q", first.Code, first.Location, second.Code, second.Location)
	}
	// From the form loaded afresh: the same version, which the first post
	// changed, so the same post.
	alloc.Set("form_token", formToken(t, c.get("/cases/CS-EXT/allocate").Body))
	if res := c.post("/cases/CS-EXT/allocate", alloc); res.Code != http.StatusSeeOther || res.Location != "/cases/CS-EXT?done=again" {
		t.Errorf("allocate again from a page loaded afresh: %d %q", res.Code, res.Location)
	}
	if v := app.record(t, "CS-EXT").Version; v != was+1 {
		t.Errorf("version %d after two posts of one form, want %d", v, was+1)
	}
	// A form with errors saves nothing and keeps nothing: sent again
	// corrected, with the same token, it saves.
	form.Set("form_token", formToken(t, c.get("/cases/new").Body))
	form.Set("service_area", "")
	if res := c.post("/cases/new", form); res.Code != http.StatusBadRequest {
		t.Fatalf("a form with an error: %d", res.Code)
	}
	form.Set("service_area", "Highways")
	form.Set("summary", "A third synthetic summary")
	if res := c.post("/cases/new", form); res.Location != "/cases/CMP-2015-00003?done=recorded" {
		t.Errorf("corrected: %d %q %q", res.Code, res.Location, errorSummary(res.Body))
	}
}

// TestTypedReferencePattern refuses a typed reference with other than
// letters, digits, hyphens and slashes, beside the field.
func TestTypedReferencePattern(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	c.get("/cases/new")
	form := merge(date3("received", "16", "3", "2015"), url.Values{"type": {"compliment"}, "service_area": {"Highways"}})
	for _, ref := range []string{"CMP 2015 1", "<b>1</b>", "-X1", strings.Repeat("A", heed.MaxReference+1)} {
		form.Set("reference", ref)
		res := c.post("/cases/new", form)
		if res.Code != http.StatusBadRequest || !strings.Contains(errorSummary(res.Body), "The reference must") {
			t.Errorf("%q: %d %q", ref, res.Code, errorSummary(res.Body))
		}
	}
	form.Set("reference", "LGO/2015-17a")
	if res := c.post("/cases/new", form); res.Code != http.StatusSeeOther {
		t.Errorf("a reference of the pattern: %d %q", res.Code, errorSummary(res.Body))
	}
}

// TestCasesExport downloads the filtered cases list as CSV and XLSX, reads
// both back, and finds each download in the audit log without the search
// words.
func TestCasesExport(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	res := c.get("/cases.csv?type=complaint&sort=reference")
	if res.Code != http.StatusOK {
		t.Fatalf("csv: %d %s", res.Code, res.Body)
	}
	rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{exportColumns,
		{"CS-EXT", "2015-03-09", "Complaint", "Children's statutory", "Children's Social Care", "", "Ben Marsh", "1", "", "2015-04-07", ""},
		{"CS-OPEN", "2015-03-02", "Complaint", "Children's statutory", "Children's Social Care", "Delay", "Ada Quill", "1", "Ivy Investigator"},
		{"HW-1", "2015-02-10", "Complaint"}}
	if len(rows) != len(want) {
		t.Fatalf("csv rows: %q", rows)
	}
	for i := range want {
		for j, cell := range want[i] {
			if rows[i][j] != cell && !(i == 1 && j == 3) {
				t.Errorf("csv row %d column %d: %q, want %q", i, j, rows[i][j], cell)
			}
		}
	}
	res = c.get("/cases.xlsx?q=marsh&sort=received&order=asc")
	if res.Code != http.StatusOK {
		t.Fatalf("xlsx: %d", res.Code)
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(res.Body)))
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := f.GetRows("Cases")
	if err != nil {
		t.Fatal(err)
	}
	if len(sheet) != 3 || sheet[1][0] != "HW-1" || sheet[2][0] != "CS-EXT" || sheet[2][1] != "9 March 2015" {
		t.Errorf("xlsx rows: %q", sheet)
	}
	// Printed, it is one A4 page wide, in landscape: all its columns on a
	// page, as LibreOffice printed only three before.
	if pl, err := f.GetPageLayout("Cases"); err != nil || pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil ||
		*pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("the sheet's page layout: %+v %v", pl, err)
	}
	if typ, _ := f.GetCellType("Cases", "B2"); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("the received date is text, not a date")
	}
	// Read again without excelize: CS-EXT's received date is a number
	// (the days since 1899-12-30: 9 March 2015 is 42072) shown as a long
	// date, its stage a number.
	raw := readRawXLSX(t, []byte(res.Body))
	if raw.cells["A1"] != "Reference" || raw.cells["A2"] != "HW-1" || raw.cells["A3"] != "CS-EXT" ||
		raw.cells["B3"] != "42072" || raw.formats["B3"] != "d mmmm yyyy" || raw.cells["H3"] != "1" || raw.cells["G3"] != "Ben Marsh" {
		t.Errorf("the XLSX read without excelize: %v %v", raw.cells, raw.formats)
	}
	readWithLibreOffice(t, []byte(res.Body), "HW-1", "CS-EXT")

	log, _, err := app.Store.AuditLog(t.Context(), heed.AuditFilter{Action: heed.AuditExported})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Actor != "officer" || !strings.Contains(log[0].Note, "exported 2 cases as XLSX") ||
		!strings.Contains(log[1].Note, "exported 3 cases as CSV") || !strings.Contains(log[1].Note, `type "complaint"`) {
		t.Fatalf("audit log: %+v", log)
	}
	if strings.Contains(strings.ToLower(log[0].Note), "marsh") || !strings.Contains(log[0].Note, "search words (not recorded)") {
		t.Errorf("the audit log holds the search words: %q", log[0].Note)
	}
	// A cell a spreadsheet would run as a formula is kept as text.
	formula := &heed.Record{Reference: "HW-F", Type: heed.TypeCompliment, Received: d("2015-03-02"), ServiceArea: "Highways",
		ComplainantName: `=HYPERLINK("http://example.invalid","x")`}
	if err := app.Store.CreateRecord(t.Context(), storetest.Actor, formula); err != nil {
		t.Fatal(err)
	}
	if body := c.get("/cases.csv?type=compliment").Body; !strings.Contains(body, `"'=HYPERLINK(""http://example.invalid"",""x"")"`) {
		t.Errorf("a formula in the CSV: %s", body)
	}
	// A filter with a mistake downloads nothing and logs nothing.
	if res := c.get("/cases.csv?stage=9"); res.Code != http.StatusBadRequest {
		t.Errorf("a wrong filter: %d", res.Code)
	}
	// A manager's download holds their areas' cases only.
	m := app.client(t)
	m.signIn("manager")
	body := m.get("/cases.csv").Body
	if strings.Contains(body, "CS-OPEN") || !strings.Contains(body, "HW-1") {
		t.Errorf("a manager's download: %s", body)
	}
}

// readWithLibreOffice converts the spreadsheet to CSV with LibreOffice, a
// program other than the one that wrote it, when it is installed, and
// checks the cells it finds.
func readWithLibreOffice(t *testing.T, xlsx []byte, want ...string) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Log("LibreOffice is not installed: the XLSX is read back with excelize and with the standard library only")
		return
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "cases.xlsx")
	if err := os.WriteFile(in, xlsx, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+dir+"/profile", "--convert-to", "csv", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "cases.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(string(got), w) {
			t.Errorf("LibreOffice read %q, without %q", got, w)
		}
	}
}

// TestWorkListsShowEveryStage pages through a queue longer than the 50 the
// home page used to stop at, and names who holds each stage.
func TestWorkListsShowEveryStage(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	var recs []*heed.Record
	for i := range 60 {
		investigator := ""
		if i%2 == 1 {
			investigator = "ivy"
		}
		recs = append(recs, &heed.Record{Reference: fmt.Sprintf("HW-Q%02d", i), Type: heed.TypeComplaint,
			Received: d("2015-01-05").AddDays(i), ServiceArea: "Highways", Procedure: heed.Corporate,
			Stages: []heed.Stage{{Number: 1, Investigator: investigator}}})
	}
	if _, err := app.Store.ImportRecords(t.Context(), storetest.Actor, recs, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	// 30 new ones and CS-EXT wait to be allocated: two pages of 25.
	res := c.get("/")
	if !strings.Contains(res.Body, "Showing 1 to 25 of 31 stages") || !strings.Contains(res.Body, `href="/?queue-page=2#queue"`) {
		t.Fatalf("the queue's first page: %s", res.Body)
	}
	res = c.get("/?queue-page=2")
	if !strings.Contains(res.Body, "Showing 26 to 31 of 31 stages") || !strings.Contains(res.Body, "CS-EXT") {
		t.Errorf("the queue's second page")
	}
	res = c.get("/?sort=due&order=desc")
	if i, j := strings.Index(res.Body, "HW-Q58"), strings.Index(res.Body, "HW-Q56"); i < 0 || j < 0 || i > j {
		t.Errorf("latest due first: HW-Q58 at %d, HW-Q56 at %d", i, j)
	}
	m := app.client(t)
	m.signIn("manager")
	res = m.get("/")
	if !strings.Contains(res.Body, "Showing 1 to 25 of 60 stages") || !strings.Contains(res.Body, "Ivy Investigator") || !strings.Contains(res.Body, "Not allocated") {
		t.Errorf("a manager's areas: %s", res.Body)
	}
	// The cases list's unallocated filter.
	res = c.get("/cases?unallocated=yes&q=CS")
	if !strings.Contains(res.Body, "CS-EXT") || strings.Contains(res.Body, ">CS-OPEN<") {
		t.Errorf("unallocated cases: %s", res.Body)
	}
	if res = c.get("/cases?q=CS"); !strings.Contains(res.Body, "Held by Ivy Investigator") {
		t.Errorf("the cases list does not say who holds CS-OPEN: %s", res.Body)
	}
}

// TestCasesExportEveryPage downloads a list longer than the store's page
// of a download in full, and refuses one longer than 10,000 cases rather
// than cut it short.
func TestCasesExportEveryPage(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	var recs []*heed.Record
	for i := range heed.CaseMaxTotal + 1 {
		typ := heed.TypeComment
		if i < 2*exportPage+500 {
			typ = heed.TypeCompliment
		}
		recs = append(recs, &heed.Record{Reference: fmt.Sprintf("X-%05d", i), Type: typ, Received: d("2015-01-05").AddDays(i % 60), ServiceArea: "Waste"})
	}
	if _, err := app.Store.ImportRecords(t.Context(), storetest.Actor, recs, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	res := c.get("/cases.csv?type=compliment&sort=reference")
	rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// The 2,500 above and COMP-1, in order of reference, each once.
	if len(rows) != 1+2*exportPage+500+1 || rows[1][0] != "COMP-1" || rows[2][0] != "X-00000" || rows[len(rows)-1][0] != "X-02499" {
		t.Fatalf("%d rows: %v … %v", len(rows), rows[1], rows[len(rows)-1])
	}
	res = c.get("/cases.xlsx")
	if res.Code != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "more than 10,000 cases") {
		t.Errorf("a list too long: %d", res.Code)
	}
	log, _, err := app.Store.AuditLog(t.Context(), heed.AuditFilter{Action: heed.AuditExported})
	if err != nil || len(log) != 1 || !strings.Contains(log[0].Note, "exported 2,501 cases as CSV") {
		t.Errorf("audit log: %+v %v", log, err)
	}
}

// TestPausedShownNotOverdue: a stage past its deadline whose clock is
// paused, with no end yet, is flagged "Paused" and not overdue on Your
// work, the cases list and the case page.
func TestPausedShownNotOverdue(t *testing.T) {
	app := newTestAppAt(t, sqlstore.SQLite, time.Date(2025, 11, 20, 12, 0, 0, 0, time.UTC))
	rec := &heed.Record{Reference: "P-1", Type: heed.TypeComplaint, Received: calendar.MustParseDate("2025-10-01"),
		ServiceArea: "Highways", Procedure: heed.Corporate, Stages: []heed.Stage{{Number: 1, Investigator: "officer",
			Pauses: []heed.Pause{{From: calendar.MustParseDate("2025-10-03"), Reason: "Awaiting consent"}}}}}
	if err := app.Store.CreateRecord(t.Context(), storetest.Actor, rec); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	for _, path := range []string{"/", "/cases", "/cases/P-1"} {
		body := c.get(path).Body
		if path != "/cases/P-1" {
			// The row of P-1: the lists hold the test's other cases too.
			start := strings.Index(body, `href="/cases/P-1"`)
			if start < 0 {
				t.Fatalf("%s does not list P-1", path)
			}
			body = body[start : start+strings.Index(body[start:], "</tr>")]
		}
		if !strings.Contains(body, `govuk-tag--grey heed-flag">Paused</strong>`) || strings.Contains(body, "govuk-tag--red") ||
			strings.Contains(body, "working days left") {
			t.Errorf("%s: the paused stage is not flagged Paused alone:\n%s", path, body)
		}
	}
}
