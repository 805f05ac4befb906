package render

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// TestXLSXSheetNamesAreTitles reads the workbook back: each table's sheet
// is named by its title (which its first cell holds in full), cut to
// Excel's 31 characters, unique within the workbook whatever the case, and
// free of the characters Excel forbids.
func TestXLSXSheetNamesAreTitles(t *testing.T) {
	r := small(false)
	var buf bytes.Buffer
	if err := XLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != len(r.Tables)+2 || sheets[0] != "Summary" || sheets[len(sheets)-1] != "Lessons learnt" {
		t.Fatalf("sheets %q", sheets)
	}
	seen := map[string]bool{}
	for _, name := range sheets {
		checkSheetName(t, name)
		if seen[strings.ToLower(name)] {
			t.Errorf("two sheets are named %q", name)
		}
		seen[strings.ToLower(name)] = true
	}
	for i, tb := range r.Tables {
		name := sheets[i+1]
		if strings.Contains(name, "_") {
			t.Errorf("table %s: sheet %q has a code name", tb.ID, name)
		}
		if a1, _ := f.GetCellValue(name, "A1"); a1 != tb.Title {
			t.Errorf("sheet %q begins %q, want the title %q", name, a1, tb.Title)
		}
		base := strings.TrimSuffix(strings.TrimSuffix(name, " (2)"), "…")
		if !strings.HasPrefix(tb.Title, base) {
			t.Errorf("sheet %q is not named by its title %q", name, tb.Title)
		}
	}
	for _, want := range []string{"Complaints upheld at Stage 1", "Complaints received, by…", "Complaints answered at Stage 1…", "Compliments received", "Stage 1 outcomes, by procedure"} {
		if !seen[strings.ToLower(want)] {
			t.Errorf("no sheet is named %q: %q", want, sheets)
		}
	}
}

// TestSheetNamesKeepExcelsRules names sheets after titles that break each
// of Excel's rules.
func TestSheetNamesKeepExcelsRules(t *testing.T) {
	taken := map[string]bool{}
	for _, c := range []struct{ title, want string }{
		{"Summary", "Summary"},
		{"summary", "summary (2)"},
		{"Complaints [draft]: 2014/15 *new*?", "Complaints draft- 2014-15 new"},
		{`Back\slash`, "Back-slash"},
		{"'Quoted'", "Quoted"},
		{"History", "History (table)"},
		{"***", "Table"},
		{"Complaints answered at Stage 1 within the target", "Complaints answered at Stage 1…"},
		{"Complaints answered at Stage 1 after the target", "Complaints answered at… (2)"},
		{"Complaints answered at Stage 1 after the target, again", "Complaints answered at… (3)"},
		{"Averylongsinglewordthatcannotbecutatanyspace", "Averylongsinglewordthatcannotb…"},
		{"Réclamations traitées à l'étape 1 dans le délai", "Réclamations traitées à…"},
	} {
		got := uniqueSheetName(c.title, taken)
		if got != c.want {
			t.Errorf("%q named %q, want %q", c.title, got, c.want)
		}
		checkSheetName(t, got)
	}
}

func checkSheetName(t *testing.T, name string) {
	t.Helper()
	if n := len(utf16.Encode([]rune(name))); n == 0 || n > 31 {
		t.Errorf("sheet name %q is %d characters long", name, n)
	}
	if strings.ContainsAny(name, `[]:*?/\`) || strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") {
		t.Errorf("sheet name %q holds a character Excel forbids", name)
	}
}

// TestXLSXFigureHeadingsAlignRight: a table's column headings stand right
// over its figures, as LibreOffice showed them off to the left before;
// its row labels' heading stays left.
func TestXLSXFigureHeadingsAlignRight(t *testing.T) {
	var buf bytes.Buffer
	if err := XLSX(&buf, small(false)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	align := func(sheet, cell string) string {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st == nil {
			t.Fatal(err)
		}
		if st.Alignment == nil {
			return ""
		}
		return st.Alignment.Horizontal
	}
	table := f.GetSheetList()[1]
	if got := align(table, "B2"); got != "right" {
		t.Errorf("%s B2 (a figure's heading) is aligned %q, want right", table, got)
	}
	if got := align(table, "A2"); got == "right" {
		t.Errorf("%s A2 (the row labels' heading) is aligned right", table)
	}
	if got := align("Summary", "B"+summaryHeadingRow(t, f)); got != "right" {
		t.Errorf("the summary's figure headings are aligned %q, want right", got)
	}
}

// summaryHeadingRow is the row of the summary sheet whose first cell is
// "Measure".
func summaryHeadingRow(t *testing.T, f *excelize.File) string {
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Measure" {
			return strconv.Itoa(i + 1)
		}
	}
	t.Fatal("no Measure row on the summary sheet")
	return ""
}
