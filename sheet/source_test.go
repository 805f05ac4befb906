package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heedhq/heed"
)

// fiftyRecords are fifty minimal complaints.
func fiftyRecords() []*heed.Record {
	var recs []*heed.Record
	for i := range 50 {
		recs = append(recs, &heed.Record{Reference: fmt.Sprintf("C-%02d", i+1), Type: heed.TypeComplaint,
			Received: d("2015-01-05"), ServiceArea: "Education", Procedure: heed.Corporate})
	}
	return recs
}

// rezip copies a workbook, passing each part's bytes through change.
func rezip(t *testing.T, data []byte, change func(name string, b []byte) []byte) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		part, err := w.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := part.Write(change(f.Name, b)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func exportXLSX(t *testing.T, recs []*heed.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write("out.xlsx", &buf, recs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// countRecords reads a source to its end and counts its records.
func countRecords(s *Source) (int, error) {
	n := 0
	err := s.Records(func(*heed.Record, int) error { n++; return nil })
	return n, err
}

// TestDamagedXLSXIsRefused: a workbook whose sheet breaks off inside row
// 31 is refused whole, naming the row, where the reader used to stop there
// and import 29 records.
func TestDamagedXLSXIsRefused(t *testing.T) {
	cut := rezip(t, exportXLSX(t, fiftyRecords()), func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		i := bytes.Index(b, []byte(`<row r="31"`))
		if i < 0 {
			t.Fatal("no row 31 in the sheet")
		}
		return b[:i+40]
	})
	_, err := Open(writeTemp(t, "cut.xlsx", cut))
	if ps := heed.ErrorProblems(err); len(ps) != 1 || !strings.Contains(ps[0].Message, "breaks off in row 31") {
		t.Fatalf("open a cut workbook: %v, want it refused at row 31", err)
	}
	if _, err := readFile("cut.xlsx", cut); !strings.Contains(fmt.Sprint(err), "breaks off in row 31") {
		t.Errorf("read a cut workbook: %v, want it refused at row 31", err)
	}
	whole, err := Open(writeTemp(t, "whole.xlsx", exportXLSX(t, fiftyRecords())))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := countRecords(whole); n != 50 || err != nil {
		t.Errorf("the whole workbook gave %d records (%v), want 50", n, err)
	}
}

// TestPaddedXLSXIsRefused: a workbook padded with spaces that expand far
// past its size is refused before it is read, and so is a run of text
// longer than a row may be.
func TestPaddedXLSXIsRefused(t *testing.T) {
	pad := func(n int) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name != "xl/worksheets/sheet1.xml" {
				return b
			}
			i := bytes.Index(b, []byte(`<row r="2"`))
			return append(append(append([]byte(nil), b[:i]...), bytes.Repeat([]byte(" "), n)...), b[i:]...)
		}
	}
	for _, tt := range []struct {
		name string
		pad  int
		want string
	}{
		{"expands a thousand times", 80 << 20, "expands to more than 64 MB"},
		{"a long run of spaces", 6 << 20, "run of more than 4 MB of text"},
	} {
		data := rezip(t, exportXLSX(t, fiftyRecords()), pad(tt.pad))
		_, err := Open(writeTemp(t, "padded.xlsx", data))
		if !strings.Contains(fmt.Sprint(err), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestOpenSaysWhatAFileIs: a file that is not text, or not a workbook, is
// refused saying what it seems to be.
func TestOpenSaysWhatAFileIs(t *testing.T) {
	xlsx := exportXLSX(t, fiftyRecords())
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"in.csv", xlsx, "is a zip file, such as an XLSX workbook, named .csv"},
		{"in.csv", []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1}, "Excel 97-2003"},
		{"in.csv", []byte("\xff\xfer\x00e\x00f\x00"), "UTF-16"},
		{"in.csv", []byte("reference,type\x00\x01\x02"), "is not a text file"},
		{"in.csv", []byte("reference,type,received\nC-1,complaint,2015-01-05,Caf\xe9\n"), "is not UTF-8 text"},
		{"in.xlsx", []byte("reference,type,received\n"), "it is text, perhaps CSV"},
		{"in.xlsx", []byte{0x00, 0x01, 0x02, 0x03}, "is not an XLSX workbook"},
		{"in.ods", []byte("x"), "expected a .csv or .xlsx file"},
	} {
		_, err := Open(writeTemp(t, tt.name, tt.data))
		if ps := heed.ErrorProblems(err); len(ps) != 1 || !strings.Contains(ps[0].Message, tt.want) {
			t.Errorf("%s %q: %v, want %q", tt.name, tt.data[:min(len(tt.data), 8)], err, tt.want)
		}
	}
}

// TestHeaderSaysWhatItFound: a header with no Heed column lists what it
// found and the columns it may mean; a required column misspelt is named.
func TestHeaderSaysWhatItFound(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Case No,Date In,Area\n1,2,3\n", `the first row has the headers "Case No", "Date In", "Area"`},
		{"refrence,tpye,recieved\n", `"refrence" may be reference, "tpye" may be type, "recieved" may be received`},
		{"reference,type,recieved\nC-1,complaint,2015-01-05\n", `column received: this required column is missing from the header row (reference, type and received are required): did you mean "recieved" for received?`},
	} {
		_, err := read(t, "in.csv", tt.text)
		if !strings.Contains(fmt.Sprint(err), tt.want) {
			t.Errorf("%q: %v, want %q", tt.text, err, tt.want)
		}
	}
}

// TestCSVRowLimit: a quotation mark left open does not read the rest of a
// large file into one row.
func TestCSVRowLimit(t *testing.T) {
	text := "reference,type,received\n\"C-1,complaint,2015-01-05\n" + strings.Repeat("C-2,complaint,2015-01-05\n", (MaxRowBytes/24)+10000)
	s, err := Open(writeTemp(t, "open-quote.csv", []byte(text)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = countRecords(s)
	if ps := heed.ErrorProblems(err); len(ps) != 1 || ps[0].Row != 2 || !strings.Contains(ps[0].Message, "longer than 4 MB") {
		t.Errorf("%v, want row 2 refused as too long", err)
	}
}

// TestSourceNoticesAChangedFile: the second reading of a file that changed
// after the first fails, so that an import never stores rows it did not
// check.
func TestSourceNoticesAChangedFile(t *testing.T) {
	path := writeTemp(t, "in.csv", []byte("Reference,Type,Received,Notes\nC-1,complaint,2015-01-05,x\n"))
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := countRecords(s); n != 1 || err != nil {
		t.Fatalf("first reading: %d records, %v", n, err)
	}
	if s.Column("received") != "Received" || len(s.Ignored()) != 1 || s.Ignored()[0] != "Notes" {
		t.Errorf("column %q, ignored %q", s.Column("received"), s.Ignored())
	}
	if n, err := countRecords(s); n != 1 || err != nil {
		t.Fatalf("second reading of the same file: %d records, %v", n, err)
	}
	if err := os.WriteFile(path, []byte("Reference,Type,Received,Notes\nC-1,complaint,2015-01-06,x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := countRecords(s); heed.ErrorCode(err) != heed.ECONFLICT || !strings.Contains(err.Error(), "changed while") {
		t.Errorf("reading a changed file: %v, want it refused", err)
	}
}

// TestCSVNeutralisesFormulas: a cell a spreadsheet would run as a formula
// is written as text, and reads back as it was.
func TestCSVNeutralisesFormulas(t *testing.T) {
	rec := &heed.Record{Reference: "F-1", Type: heed.TypeComplaint, Received: d("2015-01-05"), ServiceArea: "@Area",
		Procedure: heed.Corporate, Theme: `=HYPERLINK("http://x","y")`, Summary: "'quoted", Team: "-5", ComplainantName: "+Plus"}
	rules.Normalize(rec)
	var buf bytes.Buffer
	if err := Write("out.csv", &buf, []*heed.Record{rec}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`'@Area`, `"'=HYPERLINK(""http://x"",""y"")"`, `''quoted`, `,-5,`, `'+Plus`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the CSV lacks %s:\n%s", want, buf.String())
		}
	}
	p, err := readFile("out.csv", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := p.Records[0]
	if got.ServiceArea != "@Area" || got.Theme != rec.Theme || got.Summary != "'quoted" || got.Team != "-5" || got.ComplainantName != "+Plus" {
		t.Errorf("read back %q %q %q %q %q", got.ServiceArea, got.Theme, got.Summary, got.Team, got.ComplainantName)
	}
}
