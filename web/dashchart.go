package web

import (
	"fmt"
	"strings"
)

// The dashboard's charts are horizontal bars drawn in inline SVG, sized to
// be read on a 320 pixel screen: each label on a line of its own above its
// bars, the value beside each bar, in GOV.UK colours. Each chart is an
// image with a title and a description giving every figure, and the table
// beside it gives them too.

// GOV.UK colours of the charts' series: this period, last year, and
// overdue.
const (
	colourThis    = "#1d70b8" // GOV.UK blue
	colourBefore  = "#505a5f" // GOV.UK dark grey
	colourOverdue = "#d4351c" // GOV.UK red
)

// The chart's geometry, in SVG units (one CSS pixel at 300 pixels wide).
const (
	chartWidth    = 300
	chartBarMax   = 230 // the longest bar, leaving room for its value
	chartBarH     = 16
	chartGap      = 4
	chartLineH    = 18 // a line of text
	chartLabelMax = 34 // characters of a label's line
)

// series is one set of bars of a chart: what it counts, and its colour.
type series struct {
	Name, Colour string
}

// chartRow is one row of a chart's data: a label and a value per series;
// a value that does not apply (a percentage of nothing) is negative.
type chartRow struct {
	Label  string
	Values []float64
}

// barChart is what the template draws.
type barChart struct {
	ID, Title, Desc string
	Height          int
	Legend          []legendItem
	Labels          []chartText
	Bars            []chartBar
}

type legendItem struct {
	Name, Colour string
	Y, TextY     int
}

type chartText struct {
	Text string
	Y    int
}

type chartBar struct {
	Colour        string
	Y, Width      int
	Value         string
	TextX, TextY  int
	NotApplicable bool
}

// newBarChart lays out rows as bars of each series, scaled to the largest
// value (or to 100 for percentages); nil when there is nothing to draw.
func newBarChart(id, title string, ss []series, rows []chartRow, percent bool) *barChart {
	if len(rows) == 0 {
		return nil
	}
	top := 100.0
	if !percent {
		top = 0
		for _, r := range rows {
			for _, v := range r.Values {
				top = max(top, v)
			}
		}
		if top == 0 {
			return nil
		}
	}
	c := &barChart{ID: id, Title: title}
	y := 0
	if len(ss) > 1 {
		for _, s := range ss {
			c.Legend = append(c.Legend, legendItem{Name: s.Name, Colour: s.Colour, Y: y + 3, TextY: y + 14})
			y += chartLineH
		}
		y += chartGap
	}
	var desc []string
	for _, r := range rows {
		for _, line := range wrapWords(r.Label, chartLabelMax) {
			y += chartLineH
			c.Labels = append(c.Labels, chartText{Text: line, Y: y - 4})
		}
		var figures []string
		for i, s := range ss {
			v := r.Values[i]
			b := chartBar{Colour: s.Colour, Y: y, TextY: y + chartBarH - 3}
			if v < 0 {
				b.NotApplicable, b.Value = true, "n/a"
			} else {
				b.Width = int(v / top * chartBarMax)
				b.Value = figure(v, percent)
			}
			b.TextX = b.Width + 6
			c.Bars = append(c.Bars, b)
			y += chartBarH + chartGap
			if len(ss) > 1 {
				figures = append(figures, s.Name+" "+b.Value)
			} else {
				figures = append(figures, b.Value)
			}
		}
		desc = append(desc, r.Label+": "+strings.Join(figures, ", "))
		y += chartGap
	}
	c.Height = y
	c.Desc = "Bar chart. " + strings.Join(desc, "; ") + "."
	return c
}

// figure writes a chart's value: a count with thousands separators, or a
// percentage to one decimal place.
func figure(v float64, percent bool) string {
	if percent {
		return fmt.Sprintf("%.1f%%", v)
	}
	return thousands(int(v))
}

// wrapWords breaks s into lines of at most n characters where it can.
func wrapWords(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
