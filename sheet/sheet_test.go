package sheet

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var (
	rules = heed.DefaultRules()
	cal   = calendar.EnglandAndWales()
	// today is the day the tests' records are checked on: no event may be
	// dated after it.
	today = calendar.NewDate(2026, time.December, 2)
	d     = calendar.MustParseDate
)

func read(t *testing.T, name, text string) (*parsed, error) {
	t.Helper()
	return readFile(name, []byte(text))
}

func TestReadCSV(t *testing.T) {
	// Free column order, mixed-case headers with spaces, both date forms, a
	// BOM, an unknown column and a blank row.
	text := "\ufeffType,Reference, Received ,Service Area,Stage1_Responded,stage1_outcome,Notes\n" +
		"complaint,C-1,2014-12-18,Children's Social Care,13/01/2015,Upheld,ignored\n" +
		",,,,,,\n" +
		"compliment,P-1,05/01/2015,Education,,,\n"
	p, err := read(t, "in.csv", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) != 2 || p.Rows[0] != 2 || p.Rows[1] != 4 {
		t.Fatalf("records %d rows %v", len(p.Records), p.Rows)
	}
	c := p.Records[0]
	if c.Type != heed.TypeComplaint || c.Received != d("2014-12-18") || c.Procedure != heed.ChildrenStatutory ||
		c.Stage(1).Responded != d("2015-01-13") || c.Stage(1).Outcome != heed.OutcomeUpheld {
		t.Errorf("complaint %+v", c)
	}
	if p.Records[1].Received != d("2015-01-05") {
		t.Errorf("British date read as %s", p.Records[1].Received)
	}
	if len(p.Ignored) != 1 || p.Ignored[0] != "Notes" {
		t.Errorf("ignored %v", p.Ignored)
	}
}

func TestReadReportsEveryProblem(t *testing.T) {
	text := "reference,type,received,service_area,stage1_outcome,stage1_extended_to\n" +
		"C-1,complaint,2015-01-05,Education,,\n" +
		"C-2,complaynt,2015-01-05,Education,,\n" +
		"C-3,complaint,31/02/2015,Education,,\n" +
		"C-4,complaint,2015-01-05,Education,uphold,\n" +
		"C-5,complaint,2015-01-05,,,\n" +
		"C-6,complaint,2015-01-05,Education,,2015-06-01\n" +
		"C-1,compliment,2015-01-06,Education,,\n"
	_, err := read(t, "in.csv", text)
	errs := heed.ErrorProblems(err)
	if errs == nil {
		t.Fatalf("err = %v (%T)", err, err)
	}
	want := []string{
		`row 3, column type: "complaynt" is not allowed: expected one of complaint`,
		`row 4, column received: "31/02/2015" is not a date`,
		`row 5, column stage1_outcome: "uphold" is not allowed`,
		`row 6 (reference C-5), column service_area: is required`,
		`row 7 (reference C-6), column stage1_extended_to: The Stage 1 extended deadline must be on or before 2 February 2015, the furthest`,
		`row 8 (reference C-1), column reference: the reference C-1 is already used on row 2`,
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(want), err)
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].String(), w) {
			t.Errorf("problem %d = %q, want it to start %q", i, errs[i].String(), w)
		}
	}
}

func TestReadFileProblems(t *testing.T) {
	tests := []struct{ name, file, text, want string }{
		{"empty", "in.csv", "", "the file is empty"},
		{"missing columns", "in.csv", "reference,summary\nC-1,x\n", "column type: this required column is missing"},
		{"repeated column", "in.csv", "reference,type,received,Reference\n", "appears twice"},
		{"extra cells", "in.csv", "reference,type,received\nC-1,compliment,2015-01-05,Education,x\n", "row 2: this row has 5 cells but the header has 3"},
		{"unclosed quote", "in.csv", "reference,type,received\n\"C-1,compliment,2015-01-05\n", "malformed"},
		{"wrong extension", "in.ods", "x", "expected a .csv or .xlsx"},
		{"not a workbook", "in.xlsx", "plain text", "not an XLSX workbook: it is text"},
	}
	for _, tt := range tests {
		_, err := read(t, tt.file, tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("reference,type,received\n")
	for i := range heed.MaxProblems + 50 {
		fmt.Fprintf(&b, "C-%d,complaynt,2015-01-05\n", i)
	}
	_, err := read(t, "in.csv", b.String())
	errs := heed.ErrorProblems(err)
	if len(errs) != heed.MaxProblems || !strings.HasSuffix(err.Error(), "\nand 50 more problems") {
		t.Errorf("%d problems, last %q", len(errs), errs[len(errs)-1].Message)
	}
}

// records uses every part of a record that the format carries.
func records() []*heed.Record {
	complaint := &heed.Record{
		Reference: "00123", Type: heed.TypeComplaint, Received: d("2014-12-18"), ServiceArea: "Children's Social Care",
		Team: "Assessment, North", Procedure: heed.ChildrenStatutory, Theme: "Quality of Service",
		ComplainantName: "Synthetic \"Quoted\" Name", ComplainantType: heed.ComplainantChild, YoungPerson: true,
		Advocacy: heed.AdvocacyProvided, Channel: heed.ChannelLetter, Summary: "Line one, with a comma\nline two",
		Stages: []heed.Stage{
			{Number: 1, Acknowledged: d("2014-12-19"), ExtendedTo: d("2015-01-15"), ExtensionReason: "Complex",
				Responded: d("2015-01-14"),
				Elements:  []heed.Element{{Summary: "a", Finding: heed.FindingUpheld}, {Summary: "b", Finding: heed.FindingNotUpheld}},
				Pauses:    []heed.Pause{{From: d("2014-12-22"), To: d("2014-12-23"), Reason: "Advocate"}}},
			{Number: 2, Started: d("2015-01-20"), Responded: d("2015-02-20"), Outcome: heed.OutcomeNotUpheld},
			{Number: 3, Started: d("2015-03-02"), Outcome: heed.OutcomeWithdrawn},
		},
		Lessons: []heed.Lesson{
			{Text: "Explain visits", Actions: []heed.Action{
				{Description: "Brief team", Owner: "Head of Service", Due: d("2015-03-01"), Completed: d("2015-02-27"), Evidence: "Minutes"},
				{Description: "Leaflet", Owner: "Service manager", Due: d("2015-04-01")}}},
			{NoLearning: true},
		},
		Closed: d("2015-03-10"),
	}
	ombudsman := &heed.Record{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-04-10"),
		ServiceArea: "Children's Social Care", RelatedReference: "00123",
		Ombudsman: &heed.OmbudsmanCase{Reference: "15 000 001", Decision: heed.DecisionUpheld, Decided: d("2015-08-01"),
			Remedies: []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 25050, Complied: d("2015-09-01")}}}}
	sar := &heed.Record{Reference: "SAR-1", Type: heed.TypeSAR, Received: d("2023-01-30")}
	redirected := &heed.Record{Reference: "R-1", Type: heed.TypeRedirected, Received: d("2015-01-05"),
		ServiceArea: "Education", RedirectedTo: heed.RedirectedSchool}
	recs := []*heed.Record{complaint, ombudsman, sar, redirected}
	for _, r := range recs {
		rules.Normalize(r)
	}
	return recs
}

func TestWriteReadRoundTrip(t *testing.T) {
	for _, name := range []string{"out.csv", "out.xlsx"} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(name, &buf, records()); err != nil {
				t.Fatal(err)
			}
			p, err := readFile(name, buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			want := records()
			if len(p.Records) != len(want) {
				t.Fatalf("%d records back, want %d", len(p.Records), len(want))
			}
			for i := range want {
				if diff := heed.Diff(want[i].Fields(), p.Records[i].Fields()); len(diff) > 0 {
					t.Errorf("%s changed: %+v", want[i].Reference, diff)
				}
			}
		})
	}
}

func TestReadXLSXWithRealDates(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{
		{"Reference", "Type", "Received", "Service_Area", "Stage1_Responded"},
		{"C-1", "complaint", time.Date(2015, 1, 5, 0, 0, 0, 0, time.UTC), "Education", "19/01/2015"},
		{12345, "compliment", "2015-01-06", "Education", nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle("Sheet1", "C2", "C2", style)
	path := filepath.Join(t.TempDir(), "in.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readFile(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if p.Records[0].Received != d("2015-01-05") || p.Records[0].Stage(1).Responded != d("2015-01-19") || p.Records[1].Reference != "12345" {
		t.Errorf("records %+v %+v", p.Records[0], p.Records[1])
	}
}

func TestColumnsFor(t *testing.T) {
	cols := ColumnsFor(map[string]bool{"reference": true, "stage1_element10_summary": true, "stage1_element2_summary": true})
	if len(cols) != len(heed.Columns)+2 || cols[0] != "reference" ||
		cols[len(cols)-2] != "stage1_element2_summary" || cols[len(cols)-1] != "stage1_element10_summary" {
		t.Errorf("columns end %v", cols[len(heed.Columns):])
	}
}

func BenchmarkReadCSV(b *testing.B) {
	var buf bytes.Buffer
	cw := NewCSVWriter(&buf, heed.Columns)
	base := records()[0]
	for i := range 10000 {
		r := *base
		r.Reference = fmt.Sprintf("C-%06d", i)
		if err := cw.Write(&r); err != nil {
			b.Fatal(err)
		}
	}
	cw.Flush()
	data := buf.Bytes()
	b.ResetTimer()
	for b.Loop() {
		if _, err := readFile("in.csv", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
