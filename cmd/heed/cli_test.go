package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestReadingCommandsRefuseToCreateADatabase: report and export, run in a
// folder without heed.db, fail with a message naming the path and --db, and
// leave no database behind, on both backends.
func TestReadingCommandsRefuseToCreateADatabase(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			dir := t.TempDir()
			dsn := storetest.DSN(t, d)
			env := map[string]string{"HEED_DB": dsn}
			for _, args := range [][]string{
				{"report", "annual", "--year", "2024"},
				{"report", "quarterly", "--quarter", "2024Q1", "--out", "q.csv"},
				{"export"},
				{"export", "--out", "all.xlsx"},
			} {
				r := heedCmd(t, dir, env, args...)
				if r.code != 1 || !strings.Contains(r.stderr, sqlstore.Describe(dsn)) || !strings.Contains(r.stderr, "--db") {
					t.Errorf("%v: exit %d, stderr %q; want 1 and a message naming %s and --db", args, r.code, r.stderr, sqlstore.Describe(dsn))
				}
				if r.stdout != "" {
					t.Errorf("%v wrote %.200q", args, r.stdout)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("files were left in the folder: %v", entries)
			}
			_, err := sqlstore.Open(t.Context(), dsn, sqlstore.Options{Existing: true})
			if err == nil {
				t.Error("a reading command created the database")
			}
		})
	}
}

// TestCommandsSayWhenTheyCreateADatabase: migrate, and a first import,
// say where they created the database; run again, they do not.
func TestCommandsSayWhenTheyCreateADatabase(t *testing.T) {
	dir := t.TempDir()
	r := heedCmd(t, dir, nil, "migrate")
	want := "Created a new database at " + filepath.Join(dir, "heed.db")
	if r.code != 0 || !strings.Contains(r.stderr, want) {
		t.Errorf("first migrate: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
	if r := heedCmd(t, dir, nil, "migrate"); r.code != 0 || strings.Contains(r.stderr, "Created") {
		t.Errorf("second migrate: exit %d, stderr %q", r.code, r.stderr)
	}
	other := filepath.Join(dir, "other.db")
	src := filepath.Join(dir, "records.csv")
	if r := heedCmd(t, dir, nil, "generate", "--records", "5", "--end", "2026-03-31", "--out", src); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	if r := heedCmd(t, dir, nil, "--db", other, "import", src); r.code != 0 || !strings.Contains(r.stderr, "Created a new database at "+other) {
		t.Errorf("import into a new database: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := heedCmd(t, dir, nil, "--db", other, "export"); r.code != 0 || strings.Contains(r.stderr, "Created") {
		t.Errorf("export of an existing database: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestRefusesFormatsItCannotWrite: export, generate and report refuse an
// --out they would write in another format than its name says, or in a
// folder that does not exist, before doing any work.
func TestRefusesFormatsItCannotWrite(t *testing.T) {
	dir := t.TempDir()
	if r := heedCmd(t, dir, nil, "migrate"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"export", "--out", "all.docx"}, 2, ".csv or .xlsx"},
		{[]string{"export", "--out", "all"}, 2, ".csv or .xlsx"},
		{[]string{"generate", "--out", "all.docx"}, 2, ".csv or .xlsx"},
		{[]string{"report", "annual", "--out", "report.odt"}, 2, "json, html, xlsx, csv, pdf or docx"},
		{[]string{"report", "annual", "--format", "csv", "--out", "report.odt"}, 2, "json, html, xlsx, csv, pdf or docx"},
		{[]string{"report", "annual", "--format", "csv", "--out", "report.docx"}, 2, "ending .csv"},
		{[]string{"report", "annual", "--format", "csv", "--out", "report.pdf"}, 2, "ending .csv"},
		{[]string{"export", "--out", filepath.Join("no-such-folder", "all.csv")}, 1, "there is no folder no-such-folder"},
		{[]string{"generate", "--out", filepath.Join("no-such-folder", "all.csv")}, 1, "there is no folder no-such-folder"},
		{[]string{"report", "annual", "--out", filepath.Join("no-such-folder", "r.pdf")}, 1, "there is no folder no-such-folder"},
	} {
		r := heedCmd(t, dir, nil, tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "heed.db") {
			t.Errorf("a refused command left %s", e.Name())
		}
	}
	if r := heedCmd(t, dir, nil, "report", "annual", "--format", "html", "--out", "report.htm"); r.code != 0 {
		t.Errorf("an HTML report to .htm: exit %d %s", r.code, r.stderr)
	}
}

// TestVersionAndHelp: --version prints the version; heed help COMMAND
// prints that command's usage and flags; heed alone prints the usage to
// standard error and exits 2.
func TestVersionAndHelp(t *testing.T) {
	dir := t.TempDir()
	r := heedCmd(t, dir, nil, "--version")
	if r.code != 0 || r.stdout != "heed devel\n" {
		t.Errorf("--version: exit %d, %q", r.code, r.stdout)
	}
	r = heedCmd(t, dir, nil)
	if r.code != 2 || !strings.Contains(r.stderr, "Usage: heed <command>") || r.stdout != "" {
		t.Errorf("heed alone: exit %d, stdout %q, stderr %.60q", r.code, r.stdout, r.stderr)
	}
	if r := heedCmd(t, dir, nil, "help"); r.code != 0 || !strings.Contains(r.stdout, "Usage: heed <command>") {
		t.Errorf("heed help: exit %d", r.code)
	}
	for topic, wants := range map[string][]string{
		"import":           {"Usage: heed import [--update] [--new-names] FILE", "-update"},
		"export":           {"Usage: heed export", "-out"},
		"report":           {"Usage: heed report annual", "Usage: heed report quarterly", "-quarter", "-publish"},
		"report annual":    {"Usage: heed report annual", "-year"},
		"due":              {"Usage: heed due", "-working-days", "-sar"},
		"holidays":         {"Usage: heed holidays load", "Usage: heed holidays list", "-year"},
		"config":           {"Usage: heed config check [FILE]", "Usage: heed config example"},
		"serve":            {"Usage: heed serve", "-addr", "-demo"},
		"generate":         {"Usage: heed generate", "-records"},
		"migrate":          {"Usage: heed migrate"},
		"holidays list":    {"Usage: heed holidays list", "-year"},
		"config example":   {"Usage: heed config example"},
		"report quarterly": {"-quarter"},
	} {
		r := heedCmd(t, dir, nil, append([]string{"help"}, strings.Fields(topic)...)...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("help %s: exit %d, stderr %q", topic, r.code, r.stderr)
		}
		for _, want := range wants {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("help %s lacks %q:\n%s", topic, want, r.stdout)
			}
		}
	}
	if r := heedCmd(t, dir, nil, "help", "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, "serve, migrate") {
		t.Errorf("help of no command: exit %d, %q", r.code, r.stderr)
	}
	// Every command has a help topic.
	for name := range (&app{}).commands() {
		if r := heedCmd(t, dir, nil, "help", name); r.code != 0 || !strings.Contains(r.stdout, "Usage: heed "+name) {
			t.Errorf("help %s: exit %d %q", name, r.code, r.stdout)
		}
	}
	if r := heedCmd(t, dir, nil, "import", "-h"); r.code != 0 || !strings.Contains(r.stderr, "Usage: heed import") {
		t.Errorf("import -h: exit %d %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("help created files: %v", entries)
	}
}

// TestNoPluralOfOne: counts of one are said in the singular.
func TestNoPluralOfOne(t *testing.T) {
	if got := plural(1, "record", "records"); got != "1 record" {
		t.Errorf("plural(1) = %q", got)
	}
	if got := plural(0, "record", "records"); got != "0 records" {
		t.Errorf("plural(0) = %q", got)
	}
	dir := t.TempDir()
	r := heedCmd(t, dir, nil, "generate", "--records", "1", "--years", "1", "--end", "2026-03-31", "--out", filepath.Join(dir, "one.csv"))
	if r.code != 0 || !strings.Contains(r.stderr, "1 synthetic record over 1 financial year") {
		t.Errorf("generate one: exit %d %q", r.code, r.stderr)
	}
	if regexp.MustCompile(`\b1 \w+s\b`).MatchString(r.stderr) {
		t.Errorf("a plural of one: %q", r.stderr)
	}
}

// TestConfigCheckSaysWhichFile: with no heed.toml, config check says none
// was found (exit 1); with one, its success line names it; a TOML syntax
// error names the file and line in words.
func TestConfigCheckSaysWhichFile(t *testing.T) {
	dir := t.TempDir()
	r := heedCmd(t, dir, nil, "config", "check")
	if r.code != 1 || !strings.Contains(r.stderr, "no configuration file was found") || !strings.Contains(r.stderr, "heed.toml") {
		t.Errorf("no file: exit %d, %q", r.code, r.stderr)
	}
	os.WriteFile(filepath.Join(dir, "heed.toml"), []byte("council_name = \"Test\"\n"), 0o600)
	if r := heedCmd(t, dir, nil, "config", "check"); r.code != 0 || r.stdout != "heed.toml is valid.\n" {
		t.Errorf("heed.toml: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	os.WriteFile(filepath.Join(dir, "heed.toml"), []byte("council_name = \"Test\"\n\n\nlisten = 127.0.0.1:8080\n"), 0o600)
	r = heedCmd(t, dir, nil, "config", "check")
	if r.code != 1 || !strings.Contains(r.stderr, "heed.toml, line 4: ") || strings.Contains(r.stderr, "toml:") {
		t.Errorf("a syntax error: exit %d, %q", r.code, r.stderr)
	}
}
