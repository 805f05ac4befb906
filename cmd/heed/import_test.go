package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore/storetest"
)

// cutSheet rewrites the workbook at path with its sheet's XML cut inside
// the row that begins with marker.
func cutSheet(t *testing.T, path, marker string) {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range z.File {
		rc, _ := f.Open()
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(b, []byte(marker))
			if i < 0 {
				t.Fatalf("no %s in the sheet", marker)
			}
			b = b[:i+len(marker)+20]
		}
		part, _ := w.Create(f.Name)
		part.Write(b)
	}
	z.Close()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestImportRefusesADamagedWorkbook: an export whose sheet breaks off in
// row 31 imports nothing, on either database, where it used to import 29
// records and succeed.
func TestImportRefusesADamagedWorkbook(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "fifty.xlsx")
	if r := heedCmd(t, dir, nil, "generate", "--records", "50", "--years", "1", "--end", "2026-10-31", "--out", src); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	cutSheet(t, src, `<row r="31"`)
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			env := map[string]string{"HEED_DB": storetest.DSN(t, d)}
			r := heedCmd(t, dir, env, "import", src)
			if r.code != 1 || !strings.Contains(r.stderr, "breaks off in row 31") || !strings.Contains(r.stderr, "Nothing was imported from fifty.xlsx") {
				t.Fatalf("exit %d, %s", r.code, r.stderr)
			}
			if n := countRecords(t, open(t, env["HEED_DB"])); n != 0 {
				t.Errorf("%d records imported from a damaged workbook, want none", n)
			}
		})
	}
}

// TestImportLookalikesNeedNewNames: a new service area that looks like an
// existing one is refused with its row and column, unless --new-names.
func TestImportLookalikesNeedNewNames(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.csv")
	second := filepath.Join(dir, "second.csv")
	os.WriteFile(first, []byte("Reference,Type,Received,Service Area,Procedure\nA-1,complaint,2026-05-01,Children's Social Care,corporate\n"), 0o600)
	os.WriteFile(second, []byte("Reference,Type,Received,Service Area,Procedure\n"+
		"A-2,complaint,2026-05-01,children's  social care,corporate\n"+
		"A-3,complaint,2026-05-01,Children’s Social Care,corporate\n"), 0o600)
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			env := map[string]string{"HEED_DB": storetest.DSN(t, d)}
			if r := heedCmd(t, dir, env, "import", first); r.code != 0 {
				t.Fatalf("first: %s", r.stderr)
			}
			r := heedCmd(t, dir, env, "import", second)
			if r.code != 1 || !strings.Contains(r.stderr, `row 3 (reference A-3), column Service Area: "Children’s Social Care" looks like the service area "Children's Social Care"`) ||
				strings.Contains(r.stderr, "row 2") {
				t.Fatalf("look-alike: exit %d, %s", r.code, r.stderr)
			}
			r = heedCmd(t, dir, env, "import", "--new-names", second)
			if r.code != 0 || !strings.Contains(r.stdout, "2 records created") || !strings.Contains(r.stdout, "New service areas (1): Children’s Social Care") {
				t.Fatalf("--new-names: exit %d, %s %s", r.code, r.stdout, r.stderr)
			}
		})
	}
}
