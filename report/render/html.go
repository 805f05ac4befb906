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
	"chart":   chart,
	"long":    func(iso string) string { return calendar.MustParseDate(iso).Long() },
	"measure": measureCells,
}).ParseFS(htmlTemplates, "templates/report.html"))

// HTML writes the report as one accessible, printable page: every figure in
// a captioned table, key tables also as SVG bar charts with text
// alternatives, and no script.
func HTML(w io.Writer, r *report.Report) error {
	return page.Execute(w, r)
}

// measureCells formats a measure's value, previous value and changes.
func measureCells(m report.Measure) []string {
	f := func(v float64) string {
		s := report.Value{N: v}.String()
		if m.Percent {
			return fmt.Sprintf("%.1f%%", v)
		}
		return s
	}
	change := report.Value{N: m.Change}.String()
	if m.Change > 0 {
		change = "+" + change
	}
	if m.Percent {
		change += " points"
	}
	cp := "–"
	if m.ChangePercent != nil {
		cp = fmt.Sprintf("%+.1f%%", *m.ChangePercent)
	}
	return []string{f(m.Value), f(m.Previous), change, cp}
}

// bar is one bar of a chart.
type bar struct {
	Label string
	Value string
	Y     int
	Width int
	TextY int
}

// svgChart is what the template draws.
type svgChart struct {
	ID, Title, Desc string
	Height          int
	Bars            []bar
}

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
	c := &svgChart{ID: "chart-" + t.ID, Title: t.Title + ": " + t.Columns[t.Chart], Height: len(rows)*28 + 8}
	var desc []string
	for i, r := range rows {
		v := r.Values[t.Chart]
		width := 0
		if !v.Suppressed {
			width = int(v.N / max * 300)
		}
		c.Bars = append(c.Bars, bar{Label: r.Label, Value: v.String(), Y: i*28 + 4, TextY: i*28 + 22, Width: width})
		desc = append(desc, fmt.Sprintf("%s %s", r.Label, v.String()))
	}
	c.Desc = "Bar chart. " + strings.Join(desc, "; ") + "."
	return c
}
