package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
)

// fetched is a response with its headers, for downloads.
type fetched struct {
	Code   int
	Header http.Header
	Body   []byte
}

func (c *client) fetch(path string) fetched {
	c.t.Helper()
	res, err := c.http.Get(c.app.URL + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return fetched{res.StatusCode, res.Header, b}
}

func TestReportsPageRoles(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app) // adds records back to October 2014
	for _, user := range []string{"admin", "officer", "manager", "ivy", "viewer"} {
		t.Run(user, func(t *testing.T) {
			c := app.client(t)
			c.signIn(user)
			res := c.get("/reports")
			if res.Code != http.StatusOK {
				t.Fatalf("status %d", res.Code)
			}
			// The test records are all in 2014/15 (testNow is in March 2015).
			if !strings.Contains(res.Body, `href="/reports/2014-15/published"`) {
				t.Error("no link to the published 2014/15 report")
			}
			full := strings.Contains(res.Body, `href="/reports/2014-15"`)
			version := strings.Contains(res.Body, `name="version"`)
			if want := user != "viewer"; full != want || version != want {
				t.Errorf("full report offered: link %v, version choice %v; want %v", full, version, want)
			}
			if strings.Contains(res.Body, "2013-14") || strings.Contains(res.Body, "2015-16") {
				t.Error("a year without records is listed")
			}
		})
	}
}

func TestReportsForm(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	officer, viewer := app.client(t), app.client(t)
	officer.signIn("officer")
	viewer.signIn("viewer")
	redirects := []struct {
		c     *client
		query string
		want  string
	}{
		{officer, "year=2014&period=year&version=full", "/reports/2014-15"},
		{officer, "year=+2013+", "/reports/2013-14"},
		{officer, "year=2014&period=3&version=full", "/reports/2014Q3"},
		{officer, "year=2014&period=year&version=published", "/reports/2014-15/published"},
		{officer, "year=2014&period=4&version=published", "/reports/2014Q4/published"},
		{viewer, "year=2014&period=year&version=full", "/reports/2014-15/published"},
		{viewer, "year=2014&period=2", "/reports/2014Q2/published"},
	}
	for _, tt := range redirects {
		res := tt.c.get("/reports?" + tt.query)
		if res.Code != http.StatusSeeOther || res.Location != tt.want {
			t.Errorf("%s: got %d %q, want a redirect to %s", tt.query, res.Code, res.Location, tt.want)
		}
	}
	errors := []struct {
		query, field, message string
	}{
		{"year=", "year", "Enter the financial year, such as 2014 for April 2014 to March 2015"},
		{"year=last", "year", "The financial year must be a year of 4 digits, such as 2014"},
		{"year=14", "year", "The financial year must be a year of 4 digits, such as 2014"},
		{"year=1999", "year", "The financial year must be between 2000 and 2014"},
		{"year=2015", "year", "The financial year must be between 2000 and 2014"},
		{"year=2014&period=5", "period", "Choose the whole year or one of its quarters"},
		{"year=2014&version=draft", "version", "Choose the full report or the published version"},
	}
	for _, tt := range errors {
		res := officer.get("/reports?" + tt.query)
		if res.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", tt.query, res.Code)
		}
		if !strings.Contains(res.Body, `<a href="#`+tt.field+`">`+tt.message+`</a>`) ||
			!strings.Contains(res.Body, `<span class="govuk-visually-hidden">Error:</span> `+tt.message) {
			t.Errorf("%s: the error %q is not in the summary and beside #%s", tt.query, tt.message, tt.field)
		}
		if !strings.Contains(res.Body, "<title>Error: Reports") {
			t.Errorf("%s: the title does not start with Error:", tt.query)
		}
	}
	// What was typed is kept.
	if res := officer.get("/reports?year=1999&period=2&version=published"); !strings.Contains(res.Body, `value="1999"`) ||
		!strings.Contains(res.Body, `value="2" checked`) || !strings.Contains(res.Body, `value="published" checked`) {
		t.Error("the form does not keep what was chosen")
	}
}

func TestChooseReportQuarterNotStarted(t *testing.T) {
	today := calendar.MustParseDate("2015-05-01") // 2015/16 Q1
	if ref, errs := chooseReport(url.Values{"year": {"2015"}, "period": {"1"}}, true, today); len(errs) != 0 || ref.Slug != "2015Q1" {
		t.Errorf("2015 Q1: %v %v", ref.Slug, errs)
	}
	_, errs := chooseReport(url.Values{"year": {"2015"}, "period": {"2"}}, true, today)
	if len(errs) != 1 || errs[0].Field != "period" || !strings.Contains(errs[0].Message, "2015/16 Q2 has not started yet") {
		t.Errorf("2015 Q2 on 1 May 2015: %v", errs)
	}
}

func TestReportPageRoles(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	tests := []struct {
		user, path string
		code       int
		has, lacks []string
	}{
		{"officer", "/reports/2014-15", http.StatusOK,
			[]string{"Complaints and feedback report 2014/15", "1 April 2014 to 31 March 2015", "Figures as at 20 March 2015",
				"Headline measures", "Inspect reported potholes within a week", "Offer an advocate at the first contact",
				`href="/cases/HW-1"`, `href="/reports/2014-15/published"`, `href="/reports/2014-15.xlsx"`, `href="/reports/2014-15.pdf"`,
				"This is the full report, for staff"},
			[]string{"Lessons of cases you cannot see"}},
		{"officer", "/reports/2014-15/published", http.StatusOK,
			[]string{"Complaints and feedback report 2014/15: published version", `href="/reports/2014-15/published.csv"`,
				`href="/reports/2014-15"`},
			[]string{"Inspect reported potholes", "Offer an advocate", `href="/cases/`}},
		{"officer", "/reports/2014Q3", http.StatusOK,
			[]string{"Complaints and feedback report 2014/15 Q3", "1 October 2014 to 31 December 2014"},
			[]string{"Inspect reported potholes"}}, // received in February: Q4
		{"manager", "/reports/2014-15", http.StatusOK,
			[]string{"Inspect reported potholes within a week", "Lessons of cases you cannot see are left out"},
			[]string{"Offer an advocate", "Confirm school transport"}},
		{"ivy", "/reports/2014-15", http.StatusOK,
			[]string{"Headline measures", "Lessons of cases you cannot see are left out"},
			[]string{"Inspect reported potholes", "Offer an advocate"}},
		{"viewer", "/reports/2014-15", http.StatusForbidden,
			[]string{"You cannot see this page", `href="/reports/2014-15/published"`},
			[]string{"Headline measures"}},
		{"viewer", "/reports/2014Q3", http.StatusForbidden, []string{`href="/reports/2014Q3/published"`}, nil},
		{"viewer", "/reports/2014-15/published", http.StatusOK,
			[]string{"published version", "Headline measures", `href="/reports/2014-15/published.pdf"`},
			[]string{"Inspect reported potholes", `href="/reports/2014-15"`, "Full report"}},
	}
	for _, tt := range tests {
		t.Run(tt.user+tt.path, func(t *testing.T) {
			c := app.client(t)
			c.signIn(tt.user)
			res := c.get(tt.path)
			if res.Code != tt.code {
				t.Fatalf("status %d, want %d", res.Code, tt.code)
			}
			for _, s := range tt.has {
				if !strings.Contains(res.Body, s) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(res.Body, s) {
					t.Errorf("should not show %q", s)
				}
			}
		})
	}
}

func TestReportNotFound(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")
	for _, path := range []string{"/reports/2014-16", "/reports/2014", "/reports/2014Q5", "/reports/2014q3", "/reports/2014-15.doc",
		"/reports/2014-15/draft", "/reports/2014-15/published.exe", "/reports/2014-15.pdf/published", "/reports/2015-16",
		"/reports/2015Q1", "/reports/1999-00"} {
		if res := c.get(path); res.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.Code)
		}
	}
}

func TestReportDownloads(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	addLearningRecords(t, app)
	admin, manager, viewer := app.client(t), app.client(t), app.client(t)
	admin.signIn("admin")
	manager.signIn("manager")
	viewer.signIn("viewer")
	types := map[string]string{
		"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"csv":  "text/csv; charset=utf-8",
		"pdf":  "application/pdf",
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"json": "application/json",
		"html": "text/html; charset=utf-8",
	}
	for format, contentType := range types {
		for _, v := range []struct {
			c         *client
			path      string
			code      int
			filename  string
			published bool
		}{
			{admin, "/reports/2014-15." + format, http.StatusOK, "complaints-report-2014-15." + format, false},
			{admin, "/reports/2014Q4/published." + format, http.StatusOK, "complaints-report-2014Q4-published." + format, true},
			{viewer, "/reports/2014-15/published." + format, http.StatusOK, "complaints-report-2014-15-published." + format, true},
			{viewer, "/reports/2014-15." + format, http.StatusForbidden, "", false},
		} {
			t.Run(v.path, func(t *testing.T) {
				res := v.c.fetch(v.path)
				if res.Code != v.code {
					t.Fatalf("status %d, want %d", res.Code, v.code)
				}
				if v.code != http.StatusOK {
					if res.Header.Get("Content-Disposition") != "" || !bytes.Contains(res.Body, []byte("published version")) {
						t.Error("a refused download is not a page pointing to the published version")
					}
					return
				}
				if got := res.Header.Get("Content-Type"); got != contentType {
					t.Errorf("Content-Type %q, want %q", got, contentType)
				}
				if got, want := res.Header.Get("Content-Disposition"), `attachment; filename="`+v.filename+`"`; got != want {
					t.Errorf("Content-Disposition %q, want %q", got, want)
				}
				checkReportFile(t, format, res.Body, v.published)
			})
		}
	}
	// A download follows the same limits as the page: a manager's copy
	// holds the lessons of their areas only.
	res := manager.fetch("/reports/2014-15.json")
	var rep struct {
		Lessons []struct{ Reference string } `json:"lessons"`
	}
	if err := json.Unmarshal(res.Body, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Lessons) != 1 || rep.Lessons[0].Reference != "HW-1" {
		t.Errorf("the manager's download lists the lessons %+v, want HW-1 only", rep.Lessons)
	}
}

// checkReportFile opens a downloaded report and checks it is the report
// asked for.
func checkReportFile(t *testing.T, format string, b []byte, published bool) {
	t.Helper()
	switch format {
	case "xlsx":
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("the xlsx does not open: %v", err)
		}
		defer f.Close()
		if len(f.GetSheetList()) == 0 {
			t.Error("the xlsx has no sheets")
		}
	case "csv":
		if !bytes.HasPrefix(b, []byte("table,kind,key,label,")) {
			t.Errorf("the csv starts %q", b[:min(len(b), 40)])
		}
	case "pdf":
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("the pdf starts %q", b[:min(len(b), 10)])
		}
	case "docx":
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("the docx does not open: %v", err)
		}
		f, err := z.Open("word/document.xml")
		if err != nil {
			t.Fatalf("the docx has no document: %v", err)
		}
		doc, _ := io.ReadAll(f)
		if !bytes.Contains(doc, []byte("Complaints and feedback report 2014/15")) ||
			published != bytes.Contains(doc, []byte("Published version: small numbers are not shown.")) {
			t.Errorf("the docx is not the report asked for (published %v)", published)
		}
	case "json":
		var rep struct {
			Published bool `json:"published"`
			Period    struct{ Label string }
		}
		if err := json.Unmarshal(b, &rep); err != nil {
			t.Fatalf("the json does not decode: %v", err)
		}
		if rep.Published != published || !strings.HasPrefix(rep.Period.Label, "2014/15") {
			t.Errorf("json: published %v, period %q", rep.Published, rep.Period.Label)
		}
	case "html":
		if !bytes.Contains(b, []byte("<h1>Complaints and feedback report 2014/15")) {
			t.Error("the html is not the report")
		}
	}
}

// TestLimitLessonsComparesAreasAsNames checks that a manager keeps the
// lessons of their areas when the area is written another way that is the
// same name (decomposed accents, a double space, another case).
func TestLimitLessonsComparesAreasAsNames(t *testing.T) {
	u := &heed.User{Username: "manager", Role: heed.RoleManager, ServiceAreas: []string{"E\u0301mergency  planning"}}
	rep := &report.Report{Lessons: []report.LessonLine{
		{Reference: "EP-1", ServiceArea: "\u00c9mergency Planning"},
		{Reference: "HW-1", ServiceArea: "Highways"},
	}}
	if !limitLessons(u, rep) {
		t.Error("the manager's copy is not marked as limited")
	}
	if len(rep.Lessons) != 1 || rep.Lessons[0].Reference != "EP-1" {
		t.Errorf("the manager's copy lists %+v, want EP-1 only", rep.Lessons)
	}
}

// TestReportViewShowsNotApplicable checks that a figure with nothing to
// count reads "n/a", as an abbreviation, and is never compared with.
func TestReportViewShowsNotApplicable(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")
	res := c.get("/reports/2014-15")
	if res.Code != http.StatusOK {
		t.Fatalf("status %d", res.Code)
	}
	na := `<abbr title="not applicable">n/a</abbr>`
	if n := strings.Count(res.Body, na); n < 16 {
		t.Errorf("the page shows %d figures as n/a, want every percentage and average of nothing", n)
	}
	// The test records are all in 2014/15: the year before has no figure.
	if strings.Contains(res.Body, "compared with 0.0%") {
		t.Error("the summary compares with a percentage of nothing as 0.0%")
	}
	if !strings.Contains(res.Body, "there is no comparable figure for 2013/14") {
		t.Error("the summary does not say there is no comparable figure")
	}
}
