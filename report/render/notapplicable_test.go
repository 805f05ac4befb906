package render

import (
	"bytes"
	"compress/zlib"
	"encoding/csv"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// empty is a report of a year with no records at all: every percentage
// and average is not applicable.
func empty() *report.Report {
	return report.Build(report.Annual(2014), &report.Facts{}, report.Options{Council: "Example Council",
		AsOf: calendar.MustParseDate("2015-06-30")})
}

const inTimeLabel = "Complaints answered within the target at Stage 1 (%)"

func TestHTMLShowsNotApplicable(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, empty()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	na := `<abbr title="not applicable">n/a</abbr>`
	row := `<th scope="row">` + inTimeLabel + `</th>` + strings.Repeat(`<td class="n">`+na+`</td>`, 4)
	if !strings.Contains(page, row) {
		t.Errorf("the in-time measure is not n/a in every cell; want %s", row)
	}
	if !strings.Contains(page, `<th scope="row">Corporate Stage 1</th><td class="n">0</td><td class="n">`+na+`</td>`) {
		t.Error("the average of no responses is not n/a")
	}
	if strings.Contains(page, "0.0%") {
		t.Error("the page states a percentage of nothing as 0.0%")
	}
}

func TestCSVShowsNotApplicable(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, empty()); err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(&buf)
	cr.FieldsPerRecord = -1
	lines, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var measure, days []string
	for _, l := range lines {
		if l[0] == "measures" && len(l) > 3 && l[2] == "in_time_percent" {
			measure = l
		}
		if l[0] == "average_response_days" && l[3] == "Corporate Stage 1" {
			days = l
		}
	}
	if len(measure) != 8 || !slices.Equal(measure[4:], []string{"n/a", "n/a", "n/a", "n/a"}) {
		t.Errorf("in_time_percent line %q, want n/a in value, previous, change and change_percent", measure)
	}
	if !slices.Equal(days, []string{"average_response_days", "row", "corporate_stage1", "Corporate Stage 1", "0", "n/a"}) {
		t.Errorf("average line %q, want 0 responses and n/a", days)
	}
}

func TestXLSXShowsNotApplicable(t *testing.T) {
	var buf bytes.Buffer
	if err := XLSX(&buf, empty()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == inTimeLabel })
	if i < 0 || !slices.Equal(rows[i], []string{inTimeLabel, "n/a", "n/a", "n/a", "n/a"}) {
		t.Errorf("Summary row of the in-time measure: %q, want n/a in every cell", rows[max(i, 0)])
	}
	days, err := f.GetRows("Average working days to…")
	if err != nil {
		t.Fatal(err)
	}
	i = slices.IndexFunc(days, func(r []string) bool { return len(r) > 0 && r[0] == "Corporate Stage 1" })
	if i < 0 || !slices.Equal(days[i], []string{"Corporate Stage 1", "0", "n/a"}) {
		t.Errorf("average row %q, want 0 and n/a", days[max(i, 0)])
	}
	// n/a stands where a figure would, to the right.
	cell, _ := excelize.CoordinatesToCellName(3, i+1)
	id, err := f.GetCellStyle("Average working days to…", cell)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil || style.Alignment == nil || style.Alignment.Horizontal != "right" {
		t.Errorf("the n/a cell %s is not set to the right (%+v, %v)", cell, style, err)
	}
}

func TestPDFShowsNotApplicable(t *testing.T) {
	var buf bytes.Buffer
	if err := PDF(&buf, empty()); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	// Each of the 4 percentages has 4 cells; each change in per cent from
	// 0 is n/a too; and so is every average.
	if n := strings.Count(text, "(n/a)Tj"); n < 16+8 {
		t.Errorf("the PDF shows n/a %d times, want at least 24", n)
	}
	if strings.Contains(text, "(0.0%)Tj") {
		t.Error("the PDF states a percentage of nothing as 0.0%")
	}
}

// pdfText is the PDF's page content, its compressed streams inflated.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	for {
		i := bytes.Index(b, []byte("stream\n"))
		if i < 0 {
			break
		}
		b = b[i+len("stream\n"):]
		j := bytes.Index(b, []byte("endstream"))
		if j < 0 {
			break
		}
		if r, err := zlib.NewReader(bytes.NewReader(b[:j])); err == nil {
			data, _ := io.ReadAll(r)
			out.Write(data)
		} else {
			out.Write(b[:j])
		}
		b = b[j:]
	}
	return out.String()
}
