package sheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestReadXLSXRefusesDatesOutOfOrder reads a workbook whose dates are real
// date cells: one after today, and one response before its complaint was
// received. Each problem names its row and the column as headed.
func TestReadXLSXRefusesDatesOutOfOrder(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	f := excelize.NewFile()
	rows := [][]any{
		{"Reference", "Type", "Received", "Service Area", "Stage1 Responded", "Stage1 Outcome", "Closed"},
		{"C-1", "complaint", day(2026, 3, 2), "Education", day(2026, 3, 2), "upheld", day(2026, 3, 2)},
		{"C-2", "complaint", day(2026, 12, 3), "Education", nil, nil, nil},
		{"C-3", "complaint", day(2026, 3, 2), "Education", day(2026, 2, 27), "upheld", nil},
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
		f.SetCellStyle("Sheet1", "C"+cell[1:], "G"+cell[1:], style)
	}
	path := filepath.Join(t.TempDir(), "dates.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readFile(path, data)
	if err == nil {
		t.Fatal("a workbook with dates out of order was accepted")
	}
	if p != nil && len(p.Records) != 1 {
		t.Errorf("%d records accepted, want only C-1", len(p.Records))
	}
	want := []string{
		"row 3 (reference C-2), column Received: The date received must be today (2 December 2026) or earlier, not 3 December 2026",
		"row 4 (reference C-3), column Stage1 Responded: The Stage 1 response date must be on or after the date Stage 1 started (2 March 2026)",
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("the problems do not say %q:\n%s", w, got)
		}
	}
}
