package render

import (
	"fmt"
	"io"
	"math"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed/report"
)

// XLSX writes the report as a workbook: a Summary sheet with the sentences
// and headline measures, then one sheet per table, its figures as numbers,
// named by the table's title (see sheetNames).
func XLSX(w io.Writer, r *report.Report) error {
	summaryName, tableNames, lessonsName := sheetNames(r)
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	title, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", summaryName); err != nil {
		return err
	}
	right, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}})
	if err != nil {
		return err
	}
	boldRight, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "right"}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	var first error
	newSheet := func(name string) *sheet {
		return &sheet{f: f, name: name, bold: bold, right: right, boldRight: boldRight, wrap: wrap, err: &first}
	}
	s := newSheet(summaryName)
	s.row(title, r.Heading())
	s.row(0, r.Council+" — "+scopeOf(r)+r.Period.From+" to "+r.Period.To+", figures as at "+r.AsOf)
	s.row(0)
	for _, line := range r.Summary {
		s.text(line, 5, summaryWidth)
	}
	s.row(0)
	s.heading(1, "Measure", "This period", "Year before", "Change", "Change (%)")
	for _, m := range r.Measures {
		s.row(0, m.Label, xlsxValue(m.Value), xlsxValue(m.Previous), xlsxValue(m.Change), xlsxValue(m.ChangePercent))
	}
	s.row(0)
	for _, n := range r.Notes {
		s.text(n, 5, summaryWidth)
	}
	f.SetColWidth(summaryName, "A", "A", 60)
	f.SetColWidth(summaryName, "B", "E", 14) // room for "Year before", "Change (%)"
	fitToPageWidth(f, summaryName)
	for i, t := range r.Tables {
		name := tableNames[i]
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		s := newSheet(name)
		s.row(title, t.Title)
		head := []any{""}
		for _, c := range t.Columns {
			head = append(head, c)
		}
		s.heading(1, head...)
		for _, row := range t.Rows {
			style := 0
			if row.Label == "Total" {
				style = bold
			}
			s.row(style, values(row, "")...)
		}
		for _, row := range t.Comparisons {
			s.row(0, values(row, "Total ")...)
		}
		figureWidth := float64(min(24, max(10, longest(t.Columns)+2)))
		for _, n := range t.Notes {
			s.text(n, len(t.Columns)+1, 40+figureWidth*float64(len(t.Columns)))
		}
		f.SetColWidth(name, "A", "A", 40)
		if len(t.Columns) > 0 {
			// Room for the longest heading, such as "Average working days".
			last, _ := excelize.ColumnNumberToName(len(t.Columns) + 1)
			f.SetColWidth(name, "B", last, figureWidth)
		}
		fitToPageWidth(f, name)
	}
	if len(r.Lessons) > 0 {
		if _, err := f.NewSheet(lessonsName); err != nil {
			return err
		}
		s := newSheet(lessonsName)
		s.heading(3, "Reference", "Service area", "Lesson", "Actions", "Completed")
		for _, l := range r.Lessons {
			s.row(0, l.Reference, l.ServiceArea, l.Text, l.Actions, l.Completed)
		}
	}
	if first != nil {
		return first
	}
	_, err = f.WriteTo(w)
	return err
}

// values are a row's cells: numbers, "*" where suppressed, "n/a" where not
// applicable.
func values(row report.Row, prefix string) []any {
	out := []any{prefix + row.Label}
	for _, v := range row.Values {
		out = append(out, xlsxValue(v))
	}
	return out
}

// xlsxValue is a figure as a cell: the number, or the text "*" or "n/a",
// set to the right as numbers are.
func xlsxValue(v report.Value) any {
	if v.Null() {
		return noFigure(v.String())
	}
	return v.N
}

// fitToPageWidth prints the sheet one A4 page wide (as many long as it
// takes), so that a table's figures are printed beside their labels.
func fitToPageWidth(f *excelize.File, sheet string) {
	fit, wide, long, a4 := true, 1, 0, 9 // paper size 9 is A4
	f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	f.SetPageLayout(sheet, &excelize.PageLayoutOptions{FitToWidth: &wide, FitToHeight: &long, Size: &a4})
}

// longest is the length in characters of the longest of texts.
func longest(texts []string) int {
	n := 0
	for _, t := range texts {
		n = max(n, utf8.RuneCountInString(t))
	}
	return n
}

// noFigure is the text a cell shows in place of a figure.
type noFigure string

// sheet appends rows to one worksheet.
type sheet struct {
	f                      *excelize.File
	name                   string
	n                      int
	bold, right, boldRight int
	wrap                   int
	err                    *error // the workbook's first error
}

// summaryWidth is the width, in characters, of the summary sheet's
// columns A to E.
const summaryWidth = 60 + 4*14

// text appends a line of words (a sentence of the summary, a note) across
// the sheet's first cols columns, width characters together, wrapped
// within them and as tall as its lines: left in one cell, a long line ran
// on to the right, and printing one page wide shrank the whole sheet to
// fit it.
func (s *sheet) text(line string, cols int, width float64) {
	s.row(s.wrap, line)
	if cols < 2 || *s.err != nil {
		return
	}
	from, _ := excelize.CoordinatesToCellName(1, s.n)
	to, _ := excelize.CoordinatesToCellName(cols, s.n)
	err := s.f.MergeCell(s.name, from, to)
	if err == nil {
		err = s.f.SetCellStyle(s.name, from, to, s.wrap)
	}
	if err == nil {
		// A merged cell's height does not follow its text: about 1.1
		// characters of the column widths fit a line of 11-point text.
		lines := math.Ceil(float64(utf8.RuneCountInString(line)) / (width * 1.1))
		err = s.f.SetRowHeight(s.name, s.n, 15*max(1, lines))
	}
	if err != nil && *s.err == nil {
		*s.err = err
	}
}

func (s *sheet) row(style int, cells ...any) {
	var noFigures []int
	for i, c := range cells {
		switch c := c.(type) {
		case string:
			cells[i] = fitCell(c)
		case noFigure:
			cells[i] = string(c)
			noFigures = append(noFigures, i)
		}
	}
	s.n++
	cell, _ := excelize.CoordinatesToCellName(1, s.n)
	err := s.f.SetSheetRow(s.name, cell, &cells)
	if err == nil && style != 0 && len(cells) > 0 {
		end, _ := excelize.CoordinatesToCellName(len(cells), s.n)
		err = s.f.SetCellStyle(s.name, cell, end, style)
	}
	for _, i := range noFigures {
		right := s.right
		if style == s.bold {
			right = s.boldRight
		}
		at, _ := excelize.CoordinatesToCellName(i+1, s.n)
		if err == nil {
			err = s.f.SetCellStyle(s.name, at, at, right)
		}
	}
	if err != nil && *s.err == nil {
		*s.err = err
	}
}

// heading appends a row of column headings in bold, those from column
// figures on (0-based) aligned right over the figures below them.
func (s *sheet) heading(figures int, cells ...any) {
	s.row(s.bold, cells...)
	if figures >= len(cells) || *s.err != nil {
		return
	}
	from, _ := excelize.CoordinatesToCellName(figures+1, s.n)
	to, _ := excelize.CoordinatesToCellName(len(cells), s.n)
	if err := s.f.SetCellStyle(s.name, from, to, s.boldRight); err != nil {
		*s.err = err
	}
}

// maxCellChars is the most a spreadsheet cell holds: Excel's limit of
// 32,767 characters, counted as Excel counts them (UTF-16 code units, so
// that a character outside the Basic Multilingual Plane counts twice).
const maxCellChars = 32767

// fitCell returns text as it fits in one cell. Text that is too long (a
// lesson, say) is cut at a character boundary and ends with a marker that
// says so and how long the full text is, rather than being cut silently.
func fitCell(text string) string {
	if utf16Len(text) <= maxCellChars {
		return text
	}
	marker := fmt.Sprintf(" … [cut: the full text is %d characters; see the HTML or JSON report]", utf8.RuneCountInString(text))
	room := maxCellChars - utf16Len(marker)
	for i, r := range text {
		if room -= utf16.RuneLen(r); room < 0 {
			return text[:i] + marker
		}
	}
	return text + marker // not reached: the text is longer than room
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// scopeOf is the report's scope followed by a comma, or nothing for a
// report on the whole council.
func scopeOf(r *report.Report) string {
	if r.Scope == "" {
		return ""
	}
	return r.Scope + ", "
}
