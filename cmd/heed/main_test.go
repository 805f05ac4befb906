package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// result is what one run of the command printed.
type result struct {
	code           int
	stdout, stderr string
}

// heedCmd runs the command in-process, as a person would from the shell,
// in dir, with env as its only environment.
func heedCmd(t *testing.T, dir string, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }}
	if dir != "" {
		t.Chdir(dir)
	}
	code := a.run(context.Background(), args)
	return result{code, out.String(), errOut.String()}
}

func TestDueExplainsTheCount(t *testing.T) {
	dir := t.TempDir()
	r := heedCmd(t, dir, nil, "due", "--from", "2014-12-18", "--working-days", "15")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"2015-01-13", "Christmas Day", "Boxing Day", "New Year", "Saturday 20 December 2014"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "heed.db")); err == nil {
		t.Error("heed due created a database; it should only read one")
	}
	r = heedCmd(t, dir, nil, "due", "--from", "2029-01-02", "--working-days", "5")
	if r.code != 0 || !strings.Contains(r.stdout, "one-off bank holidays after 31 December 2028 are not yet known") {
		t.Errorf("a count past the known holidays gave no warning: %q", r.stdout)
	}
	r = heedCmd(t, dir, nil, "due", "--from", "2023-01-30", "--sar")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "2023-02-28 (extendable to 2023-05-02)") ||
		!strings.Contains(r.stdout, "Tuesday 2 May 2023 at the latest") {
		t.Errorf("SAR received 30 January 2023: %q %s", r.stdout, r.stderr)
	}
	// A SAR whose extended date is past the list warns.
	r = heedCmd(t, dir, nil, "due", "--from", "2028-10-20", "--sar")
	if r.code != 0 || !strings.Contains(r.stdout, "not yet known") {
		t.Errorf("SAR extendable into 2029 gave no warning: %q", r.stdout)
	}
}

// TestDueBeforeTheList is the count the issue found wrong: one working day
// from Thursday 24 December 2009, before the built-in list, was Christmas Day.
func TestDueBeforeTheList(t *testing.T) {
	r := heedCmd(t, t.TempDir(), nil, "due", "--from", "2009-12-24", "--working-days", "1")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "2009-12-29\n") || !strings.Contains(r.stdout, "Boxing Day (substitute day)") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "Warning") {
		t.Errorf("a warning before the list:\n%s", r.stdout)
	}
}

// TestDueRefusesBadInput checks that each mistake exits 2 and its message
// repeats the bad value and says what is accepted.
func TestDueRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--from", "31/02/2015", "--working-days", "5"}, []string{`"31/02/2015"`, "2014-12-18", "18/12/2014"}},
		{[]string{"--from", "yesterday", "--working-days", "5"}, []string{`"yesterday"`, "2014-12-18", "18/12/2014"}},
		{[]string{"--from", "1800-01-01", "--working-days", "5"}, []string{`"1800-01-01"`, "1990 to 2100"}},
		{[]string{"--working-days", "5"}, []string{"--from", "2014-12-18", "18/12/2014"}},
		{[]string{"--from", "2015-01-05", "--working-days", "abc"}, []string{`"abc"`, "positive whole number"}},
		{[]string{"--from", "2015-01-05", "--working-days", "0"}, []string{`"0"`, "positive whole number"}},
		{[]string{"--from", "2015-01-05", "--working-days", "-3"}, []string{`"-3"`, "positive whole number"}},
		{[]string{"--from", "2015-01-05", "--working-days", "2.5"}, []string{`"2.5"`, "positive whole number"}},
		{[]string{"--from", "2015-01-05"}, []string{"--working-days", "positive whole number", "--sar"}},
		{[]string{"--from", "2015-01-05", "--sar", "--working-days", "15"}, []string{"--sar", "--working-days", "cannot be used together"}},
		{[]string{"--from", "2015-01-05", "--working-days", "15", "--sar"}, []string{"cannot be used together"}},
	}
	for _, tt := range tests {
		r := heedCmd(t, dir, nil, append([]string{"due"}, tt.args...)...)
		if r.code != 2 || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q; want exit 2 and nothing", tt.args, r.code, r.stdout)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: %q lacks %q", tt.args, r.stderr, w)
			}
		}
	}
}

func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("council_name = \"Test\"\n\n[procedures.children_statutory.stage1]\ntarget_working_days = 25\n"), 0o600)
	r := heedCmd(t, dir, nil, "config", "check", bad)
	if r.code != 1 || !strings.Contains(r.stderr, "bad.toml, line 4: ") || !strings.Contains(r.stderr, "statutory maximum") {
		t.Errorf("exit %d, stderr %q; want the line (4) and the statutory maximum", r.code, r.stderr)
	}
	good := filepath.Join(dir, "good.toml")
	os.WriteFile(good, []byte("[procedures.children_statutory.stage1]\ntarget_working_days = 15\n"), 0o600)
	if r := heedCmd(t, dir, nil, "config", "check", good); r.code != 0 {
		t.Errorf("a valid file: exit %d %s", r.code, r.stderr)
	}
	if r := heedCmd(t, dir, nil, "config", "example"); r.code != 0 || !strings.Contains(r.stdout, "target_working_days") {
		t.Errorf("config example: exit %d", r.code)
	}
}

// TestImportLargeFileAllOrNothing imports a 100,000-row generated file on
// each backend; the same file with one bad row in the middle imports nothing
// and names that row.
func TestImportLargeFileAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 rows: not in -short")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "records.csv")
	if r := heedCmd(t, dir, nil, "generate", "--records", "100000", "--years", "3", "--end", "2026-10-31", "--out", good); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	// Row 50,001 of the file (the header is row 1) gets a date that is no date.
	const badRow = 50001
	badLine := regexp.MustCompile(`,20\d\d-\d\d-\d\d,`).ReplaceAll(lines[badRow-1], []byte(",2015-02-31,"))
	if bytes.Equal(badLine, lines[badRow-1]) {
		t.Fatal("could not spoil the row")
	}
	spoilt := bytes.Join(append(append(append([][]byte{}, lines[:badRow-1]...), badLine), lines[badRow:]...), nil)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, spoilt, 0o600)

	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			env := map[string]string{"HEED_DB": storetest.DSN(t, d)}
			r := heedCmd(t, dir, env, "import", bad)
			if r.code != 1 || !strings.Contains(r.stderr, fmt.Sprintf("row %d", badRow)) || !strings.Contains(r.stderr, "2015-02-31") {
				t.Fatalf("bad file: exit %d, stderr %.500s", r.code, r.stderr)
			}
			db := open(t, env["HEED_DB"])
			if n := countRecords(t, db); n != 0 {
				t.Fatalf("%d records after a refused import, want 0", n)
			}
			r = heedCmd(t, dir, env, "import", good)
			if r.code != 0 || !strings.Contains(r.stdout, "100000 records created") {
				t.Fatalf("good file: exit %d %s %s", r.code, r.stdout, r.stderr)
			}
			if n := countRecords(t, db); n != 100000 {
				t.Fatalf("%d records, want 100000", n)
			}
			r = heedCmd(t, dir, env, "import", good)
			if r.code != 1 || !strings.Contains(r.stderr, "--update") {
				t.Errorf("re-import without --update: exit %d %.300s", r.code, r.stderr)
			}
		})
	}
}

// TestExportImportRoundTrip exports a store and imports the file into an
// empty one of the other backend: the second export must equal the first.
func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "generated.csv")
	if r := heedCmd(t, dir, nil, "generate", "--records", "3000", "--years", "3", "--end", "2026-10-31", "--out", src); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	for _, format := range []string{"csv", "xlsx"} {
		for _, pair := range [][2]sqlstore.Dialect{{sqlstore.SQLite, sqlstore.Postgres}, {sqlstore.Postgres, sqlstore.SQLite}} {
			t.Run(fmt.Sprintf("%s/%s_to_%s", format, pair[0], pair[1]), func(t *testing.T) {
				first := map[string]string{"HEED_DB": storetest.DSN(t, pair[0])}
				second := map[string]string{"HEED_DB": storetest.DSN(t, pair[1])}
				if r := heedCmd(t, dir, first, "import", src); r.code != 0 {
					t.Fatalf("import: %s", r.stderr)
				}
				out1 := filepath.Join(dir, "first."+format)
				if r := heedCmd(t, dir, first, "export", "--out", out1); r.code != 0 {
					t.Fatalf("export: %s", r.stderr)
				}
				if r := heedCmd(t, dir, second, "import", out1); r.code != 0 {
					t.Fatalf("import of export: %s", r.stderr)
				}
				out2 := filepath.Join(dir, "second.csv")
				if r := heedCmd(t, dir, second, "export", "--out", out2); r.code != 0 {
					t.Fatalf("export: %s", r.stderr)
				}
				check := filepath.Join(dir, "check.csv")
				if r := heedCmd(t, dir, first, "export", "--out", check); r.code != 0 {
					t.Fatalf("export: %s", r.stderr)
				}
				a, _ := os.ReadFile(check)
				b, _ := os.ReadFile(out2)
				if !bytes.Equal(a, b) {
					t.Errorf("export after round trip differs from the original export (%d vs %d bytes)", len(a), len(b))
				}
				src, _ := os.ReadFile(src)
				if got, want := bytes.Count(b, []byte("\n")), bytes.Count(src, []byte("\n")); got < want {
					t.Errorf("export has %d lines, the generated file %d", got, want)
				}
			})
		}
	}
}

func TestHolidaysLoadAndList(t *testing.T) {
	// GOV.UK's feed, kept in the repository for the tests.
	feed, err := filepath.Abs(filepath.Join("..", "..", "calendar", "testdata", "bank-holidays.json"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r := heedCmd(t, dir, nil, "holidays", "load", feed)
	if r.code != 0 || !strings.Contains(r.stdout, "Loaded 140 bank holidays from "+feed+",") {
		t.Fatalf("exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = heedCmd(t, dir, nil, "holidays", "list", "--year", "2022")
	if !strings.Contains(r.stdout, "2022-09-19") || !strings.Contains(r.stdout, "2022-06-03") || strings.Contains(r.stdout, "2022-05-30") {
		t.Errorf("2022 list:\n%s", r.stdout)
	}
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(`{"england-and-wales": {"events": [{"date": "2022-13-01", "title": "x"}]}}`), 0o600)
	if r := heedCmd(t, dir, nil, "holidays", "load", "broken.json"); r.code != 1 || !strings.Contains(r.stderr, "2022-13-01") ||
		!strings.Contains(r.stderr, "broken.json was not loaded") {
		t.Errorf("a broken file: exit %d %q", r.code, r.stderr)
	}
	if r := heedCmd(t, dir, nil, "holidays", "load", "missing.json"); r.code != 1 || !strings.Contains(r.stderr, "cannot read missing.json") {
		t.Errorf("a missing file: exit %d %q", r.code, r.stderr)
	}
	// A year the list does not hold is computed, and says so.
	r = heedCmd(t, dir, nil, "holidays", "list", "--year", "2009")
	if !strings.Contains(r.stdout, "2009-12-28  Monday     Boxing Day (substitute day)") || !strings.Contains(r.stdout, "computed by the usual rules") {
		t.Errorf("2009 list:\n%s", r.stdout)
	}
}

// TestServe starts the server as the README's first command does and checks
// the database file, the first administrator and the health endpoint.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	pr, pw, _ := os.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{stdin: strings.NewReader(""), stdout: pw, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	var wg sync.WaitGroup
	wg.Add(1)
	code := -1
	go func() {
		defer wg.Done()
		code = a.run(ctx, []string{"serve", "--addr", "127.0.0.1:0"})
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	var url, password string
	deadline := time.After(30 * time.Second)
	lines := make(chan string)
	go func() {
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for url == "" || password == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("serve stopped before printing its URL and password")
			}
			if m := regexp.MustCompile(`at (http://\S+)$`).FindStringSubmatch(l); m != nil && url == "" {
				url = m[1]
			}
			if m := regexp.MustCompile(`one-time password: (\S+)`).FindStringSubmatch(l); m != nil {
				password = m[1]
			}
		case <-deadline:
			t.Fatal("serve printed no URL and password in 30 s")
		}
	}
	go func() {
		for range lines {
		}
	}()
	res, err := http.Get(url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("/healthz = %d", res.StatusCode)
	}
	if _, err := os.Stat(filepath.Join(dir, "heed.db")); err != nil {
		t.Errorf("no heed.db in the working directory: %v", err)
	}
	db := open(t, filepath.Join(dir, "heed.db"))
	u, err := db.FindUserByUsername(context.Background(), "admin")
	if err != nil || !u.MustChange || u.Role != heed.RoleAdmin {
		t.Fatalf("first administrator: %+v, %v", u, err)
	}
	if ok, err := argon2id.ComparePasswordAndHash(password, u.PasswordHash); !ok || err != nil {
		t.Errorf("the printed password does not match the stored argon2id hash (%v)", err)
	}
	if ok, _ := argon2id.ComparePasswordAndHash(password+"x", u.PasswordHash); ok {
		t.Error("a wrong password matched")
	}
	cancel()
	wg.Wait()
	if code != 0 {
		t.Errorf("serve exited %d", code)
	}
}

func open(t *testing.T, dsn string) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), dsn, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func countRecords(t *testing.T, db *sqlstore.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM records`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReportFormats writes the annual report in every format from a
// generated database, as the README shows.
func TestReportFormats(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "generated.csv")
	if r := heedCmd(t, dir, nil, "generate", "--records", "2000", "--years", "3", "--end", "2026-03-31", "--out", src); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	if r := heedCmd(t, dir, nil, "import", src); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	magic := map[string]string{"json": "{", "csv": "table,kind", "html": "<!DOCTYPE html>", "xlsx": "PK", "pdf": "%PDF-", "docx": "PK"}
	for format, start := range magic {
		out := filepath.Join(dir, "report."+format)
		r := heedCmd(t, dir, nil, "report", "annual", "--year", "2025", "--as-of", "2026-10-31", "--out", out)
		if r.code != 0 {
			t.Fatalf("%s: exit %d %s", format, r.code, r.stderr)
		}
		b, _ := os.ReadFile(out)
		if !bytes.HasPrefix(b, []byte(start)) {
			t.Errorf("%s report starts %q", format, b[:min(len(b), 20)])
		}
	}
	r := heedCmd(t, dir, nil, "report", "quarterly", "--quarter", "2025Q3", "--publish", "--format", "csv", "--out", filepath.Join(dir, "q.csv"))
	if r.code != 0 {
		t.Fatalf("quarterly: %s", r.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "q.csv")); !bytes.Contains(b, []byte("2025/26 Q3")) && !bytes.Contains(b, []byte("Q3")) {
		t.Errorf("quarterly csv lacks its quarter")
	}
	if r := heedCmd(t, dir, nil, "report", "quarterly", "--quarter", "2025Q9"); r.code != 1 || !strings.Contains(r.stderr, "2014Q3") {
		t.Errorf("a bad quarter: exit %d %q", r.code, r.stderr)
	}
	checkDirectorateReport(t, dir)
	checkReportText(t, dir)
	if r := heedCmd(t, dir, nil, "report", "annual", "--format", "odt"); r.code != 2 || !strings.Contains(r.stderr, "json, html, xlsx, csv, pdf or docx") {
		t.Errorf("a bad format: exit %d %q", r.code, r.stderr)
	}
}

// checkDirectorateReport puts two service areas in a directorate and runs
// the report for it: its complaints are those two areas' of the whole
// council's report, and it says which directorate it is; a directorate
// that does not exist is refused with the list of those that do.
func checkDirectorateReport(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db := open(t, filepath.Join(dir, "heed.db"))
	areas, err := db.ServiceAreaList(ctx)
	if err != nil || len(areas) < 3 {
		t.Fatalf("service areas: %d, %v", len(areas), err)
	}
	for _, a := range areas[:2] {
		if err := db.SetDirectorate(ctx, heed.Actor{Name: "test"}, a.ID, "People"); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	read := func(args ...string) *report.Report {
		t.Helper()
		r := heedCmd(t, dir, nil, append([]string{"report", "annual", "--year", "2025", "--as-of", "2026-10-31"}, args...)...)
		if r.code != 0 {
			t.Fatalf("report %q: exit %d %s", args, r.code, r.stderr)
		}
		var rep report.Report
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err)
		}
		return &rep
	}
	whole, people := read(), read("--directorate", " PEOPLE ")
	want := 0
	for _, row := range whole.Table("complaints_by_service").Rows {
		if row.Label == areas[0].Name || row.Label == areas[1].Name {
			want += int(row.Values[len(row.Values)-1].N)
		}
	}
	if got := people.Measure("complaints").Value.N; people.Scope != "People" || int(got) != want || want == 0 {
		t.Errorf("the People report (scope %q) counts %v complaints, want %d of the whole council's %v",
			people.Scope, got, want, whole.Measure("complaints").Value.N)
	}
	if whole.Scope != "" {
		t.Errorf("the whole council's report has the scope %q", whole.Scope)
	}
	if r := heedCmd(t, dir, nil, "report", "annual", "--directorate", "Place"); r.code != 2 ||
		!strings.Contains(r.stderr, `there is no directorate "Place"; the directorates are People`) {
		t.Errorf("an unknown directorate: exit %d %q", r.code, r.stderr)
	}
}

// TestCodeReportCommand writes the Complaint Handling Code's annual report
// from a generated database: titled as the Code names it, with every
// requirement of the self-assessment, Heed's measures counted from the
// corporate complaints only, and in PDF too; a Code or a year that does
// not exist is a usage error.
func TestCodeReportCommand(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "generated.csv")
	if r := heedCmd(t, dir, nil, "generate", "--records", "1500", "--years", "1", "--end", "2026-11-30", "--out", src); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	if r := heedCmd(t, dir, nil, "import", src); r.code != 0 {
		t.Fatalf("import: %s", r.stderr)
	}
	r := heedCmd(t, dir, nil, "report", "code", "--year", "2026", "--as-of", "2026-11-30")
	if r.code != 0 {
		t.Fatalf("report code: exit %d %s", r.code, r.stderr)
	}
	var rep report.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Title != report.CodeReportTitle || rep.SelfAssessment == nil || len(rep.SelfAssessment.Requirements) != len(heed.CodeLGSCO.CodeRequirements()) {
		t.Fatalf("the Code report: title %q, self-assessment %+v", rep.Title, rep.SelfAssessment)
	}
	measures := rep.Table("code_measures")
	if measures == nil || len(measures.Rows) != 6 {
		t.Fatalf("the Code's measures: %+v", measures)
	}
	for _, row := range measures.Rows {
		if row.Key == "stage1_in_time" && (row.Values[1].N == 0 || row.Values[0].N > row.Values[1].N) {
			t.Errorf("Stage 1 in time: %v of %v", row.Values[0].N, row.Values[1].N)
		}
	}
	for _, row := range rep.Table("stages_by_procedure").Rows {
		if row.Label != heed.Corporate.Label() && row.Label != "Total" && row.Values[len(row.Values)-1].N != 0 {
			t.Errorf("the Code report counts %v stages of %s", row.Values[len(row.Values)-1].N, row.Label)
		}
	}
	out := filepath.Join(dir, "code.pdf")
	if r := heedCmd(t, dir, nil, "report", "code", "--year", "2026", "--code", "housing", "--out", out); r.code != 0 {
		t.Fatalf("housing PDF: exit %d %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("the Code report's PDF is not a PDF")
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--code", "scottish"}, "expected lgsco or housing"},
		{[]string{"--year", "2025"}, "applies from 1 April 2026"},
	} {
		if r := heedCmd(t, dir, nil, append([]string{"report", "code"}, c.args...)...); r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("report code %q: exit %d %q", c.args, r.code, r.stderr)
		}
	}
}
