package render

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

//go:embed templates/report.html
var htmlTemplates embed.FS

var page = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"chart":      chart,
	"long":       func(iso string) string { return calendar.MustParseDate(iso).Long() },
	"measure":    measureCells,
	"rowHeading": RowHeading,
}).ParseFS(htmlTemplates, "templates/report.html"))

// HTML writes the report as one accessible, printable page: every figure in
// a captioned table, key tables also as SVG bar charts with text
// alternatives, and no script.
func HTML(w io.Writer, r *report.Report) error {
	return page.Execute(w, r)
}

// Cell is a formatted figure. A figure that is not applicable reads
// "n/a", which the HTML writes as an abbreviation of "not applicable".
type Cell struct {
	Text          string
	NotApplicable bool
}

// String is the cell's text.
func (c Cell) String() string { return c.Text }

// measureCells formats a measure's value, previous value and changes.
func measureCells(m report.Measure) []Cell {
	cell := func(v report.Value, format func(report.Value) string) Cell {
		if v.Null() {
			return Cell{Text: v.String(), NotApplicable: v.NotApplicable}
		}
		return Cell{Text: format(v)}
	}
	figure := func(v report.Value) string {
		if m.Percent {
			return fmt.Sprintf("%.1f%%", v.N)
		}
		return v.String()
	}
	change := func(v report.Value) string {
		s := v.String()
		if v.N > 0 {
			s = "+" + s
		}
		if m.Percent {
			s += " points"
		}
		return s
	}
	percent := func(v report.Value) string { return fmt.Sprintf("%+.1f%%", v.N) }
	return []Cell{cell(m.Value, figure), cell(m.Previous, figure), cell(m.Change, change), cell(m.ChangePercent, percent)}
}

// bar is one bar of a chart. A label too long for the space left of the
// bars is written on several lines, and its row made taller, so that it
// never runs into its bar.
type bar struct {
	Label string
	Lines []labelLine
	Value string
	Y     int
	Width int
	TextY int
}

// labelLine is one line of a bar's label, with its baseline.
type labelLine struct {
	Text string
	Y    int
}

// svgChart is what the template draws.
type svgChart struct {
	ID, Title, Desc string
	Height          int
	Bars            []bar
}

// The chart's geometry, in pixels: labels are set in 14 px Arial left of
// the bars, which start at barsX.
const (
	barsX        = 200
	labelWidth   = barsX - 8 // the room a label has, with a gap before its bar
	rowHeight    = 28        // of a bar whose label is one line
	labelLeading = 17        // between the lines of a label
)

// chart draws the table's chart column as horizontal bars, one per row
// but the Total; nil when the table has no chart or nothing to draw.
func chart(t *report.Table) *svgChart {
	if t.Chart < 0 || t.Chart >= len(t.Columns) {
		return nil
	}
	var rows []report.Row
	max := 0.0
	for _, r := range t.Rows {
		if r.Label == "Total" {
			continue
		}
		rows = append(rows, r)
		if v := r.Values[t.Chart]; !v.Suppressed && v.N > max {
			max = v.N
		}
	}
	if len(rows) == 0 || max == 0 {
		return nil
	}
	c := &svgChart{ID: "chart-" + t.ID, Title: t.Title + ": " + t.Columns[t.Chart]}
	measure := newMeasure(14)
	var desc []string
	top := 0
	for _, r := range rows {
		v := r.Values[t.Chart]
		width := 0
		if !v.Suppressed {
			width = int(v.N / max * 300)
		}
		b := bar{Label: r.Label, Value: v.String(), Y: top + 4, TextY: top + 22, Width: width}
		for i, line := range wrap(r.Label, labelWidth, measure) {
			b.Lines = append(b.Lines, labelLine{Text: line, Y: top + 22 + i*labelLeading})
		}
		c.Bars = append(c.Bars, b)
		top += rowHeight + (len(b.Lines)-1)*labelLeading
		desc = append(desc, fmt.Sprintf("%s %s", r.Label, v.String()))
	}
	c.Height = top + 8
	c.Desc = "Bar chart. " + strings.Join(desc, "; ") + "."
	return c
}
