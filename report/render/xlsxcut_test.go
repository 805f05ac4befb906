package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// TestXLSXSaysWhenItCutsALongText checks that a lesson longer than a cell
// holds is cut at a character boundary, within Excel's limit, and ends with
// a marker that says so; a short lesson is whole.
func TestXLSXSaysWhenItCutsALongText(t *testing.T) {
	r := small(false)
	// 40,000 characters, some of which take two UTF-16 units, so that the
	// cut falls among them.
	long := strings.Repeat("Visit é 😀 ", 4000)
	short := r.Lessons[0]
	r.Lessons = append(r.Lessons, short)
	r.Lessons[0].Text = long
	var buf bytes.Buffer
	if err := XLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetCellValue("Lessons learnt", "C2")
	if err != nil {
		t.Fatal(err)
	}
	marker := fmt.Sprintf(" … [cut: the full text is %d characters; see the HTML or JSON report]", utf8.RuneCountInString(long))
	units := len(utf16.Encode([]rune(got)))
	if !strings.HasSuffix(got, marker) || !utf8.ValidString(got) || !strings.HasPrefix(long, strings.TrimSuffix(got, marker)) {
		end := []rune(got)
		t.Errorf("the long lesson ends %q, want the start of the text and the marker %q", string(end[max(0, len(end)-100):]), marker)
	}
	if units > maxCellChars || units < maxCellChars-1 {
		t.Errorf("the long lesson's cell is %d UTF-16 units, want at most %d and no less than one under", units, maxCellChars)
	}
	if whole, _ := f.GetCellValue("Lessons learnt", "C3"); whole != short.Text {
		t.Errorf("the short lesson reads %q, want %q", whole, short.Text)
	}
}
