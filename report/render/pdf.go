package render

import (
	"io"

	"codeberg.org/go-pdf/fpdf"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// PDF writes the report as an A4 document, made in-process: the summary,
// the headline measures, then every table, key tables with a bar chart.
// It uses the PDF core font Helvetica (Arial's metrics), so nothing outside
// the binary is needed.
func PDF(w io.Writer, r *report.Report) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(r.Heading(), true)
	pdf.SetAuthor(r.Council, true)
	pdf.SetCreator("Heed", true)
	// Dated by the report, and its catalogue sorted, so that the same report
	// gives the same bytes.
	pdf.SetCreationDate(calendar.MustParseDate(r.AsOf).Time())
	pdf.SetModificationDate(calendar.MustParseDate(r.AsOf).Time())
	pdf.SetCatalogSort(true)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	tr := pdf.UnicodeTranslatorFromDescriptor("") // cp1252: £, ’, – and é
	p := &pdfDoc{pdf: pdf, tr: tr}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		p.font("", 8)
		pdf.CellFormat(0, 5, tr(r.Council+"  ·  "+r.Heading()), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, tr("Page ")+itoa(pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	p.font("B", 18)
	pdf.MultiCell(0, 9, tr(r.Heading()), "", "L", false)
	p.font("", 10)
	meta := calendar.MustParseDate(r.Period.From).Long() + " to " + calendar.MustParseDate(r.Period.To).Long() +
		". Figures as at " + calendar.MustParseDate(r.AsOf).Long() + "."
	if r.Scope != "" {
		meta = r.Scope + ". " + meta
	}
	if r.Council != "" {
		meta = r.Council + ". " + meta
	}
	if r.Published {
		meta += " Published version: small numbers are not shown."
	}
	pdf.MultiCell(0, 5, tr(meta), "", "L", false)
	p.narrative(r.Narrative.Before)
	p.heading("Summary", 11)
	p.font("", 10)
	for _, s := range r.Summary {
		pdf.MultiCell(0, 5.5, tr("•  "+s), "", "L", false)
	}
	p.codeSections(r)
	head := []string{"Measure", "This period", "Year before", "Change", "Change (%)"}
	var rows [][]string
	for _, m := range r.Measures {
		row := []string{m.Label}
		for _, c := range measureCells(m) {
			row = append(row, c.Text)
		}
		rows = append(rows, row)
	}
	p.heading("Headline measures", p.tableStart(head, rows, 80))
	p.table("Headline measures", head, rows, nil, 80)
	for _, t := range r.Tables {
		head := append([]string{""}, t.Columns...)
		var body, comp [][]string
		for _, row := range t.Rows {
			body = append(body, cellsOf(row, ""))
		}
		for _, row := range t.Comparisons {
			comp = append(comp, cellsOf(row, "Total "))
		}
		// A heading stays with what follows it: the whole chart when it
		// fits on a page, else its first bars, or the table's first rows.
		c := chart(t)
		if c != nil {
			p.heading(t.Title, p.chartStart(c))
			p.chart(c)
		} else {
			p.heading(t.Title, p.tableStart(head, append(body[:len(body):len(body)], comp...), 60))
		}
		p.table(t.Title, head, body, comp, 60)
		p.font("I", 8.5)
		for _, n := range t.Notes {
			pdf.MultiCell(0, 4.5, tr(n), "", "L", false)
		}
	}
	if len(r.Lessons) > 0 {
		p.heading("Lessons learnt", 10)
		p.font("", 9.5)
		for _, l := range r.Lessons {
			pdf.MultiCell(0, 5, tr(l.Reference+" ("+l.ServiceArea+"): "+l.Text+" Actions completed: "+itoa(l.Completed)+" of "+itoa(l.Actions)+"."), "", "L", false)
		}
	}
	p.narrative(r.Narrative.After)
	p.heading("How the figures are counted", 10)
	p.font("", 9.5)
	for _, n := range r.Notes {
		pdf.MultiCell(0, 5, tr("•  "+n), "", "L", false)
	}
	return pdf.Output(w)
}

// narrative writes sections of the report's text, each heading kept with
// its first lines.
func (p *pdfDoc) narrative(sections []report.Section) {
	for _, s := range sections {
		p.heading(s.Heading, 16)
		p.font("", 10)
		for _, para := range s.Paragraphs {
			p.pdf.MultiCell(0, 5.5, p.tr(para), "", "L", false)
			p.pdf.Ln(2)
		}
	}
}

func cellsOf(row report.Row, prefix string) []string {
	out := []string{prefix + row.Label}
	for _, v := range row.Values {
		out = append(out, v.String())
	}
	return out
}

func itoa(n int) string { return report.Value{N: float64(n)}.String() }

type pdfDoc struct {
	pdf *fpdf.Fpdf
	tr  func(string) string
	// words: the tables drawn hold words in every column, set left, not
	// figures set right.
	words bool
}

func (p *pdfDoc) font(style string, size float64) { p.pdf.SetFont("Helvetica", style, size) }

// The PDF's layout, in millimetres: table rows, and chart rows whose
// label is one line; a longer label adds chartLeading a line.
const (
	pdfRowHeight    = 5.5
	pdfChartRow     = 6.0
	pdfChartLabel   = 58.0 // the width of a chart's labels, left of its bars
	pdfChartLeading = 3.6
	pdfLeading      = 3.8 // between the lines of a table's cell
)

// bottom is where the page's body ends: below it, the footer.
func (p *pdfDoc) bottom() float64 {
	_, h := p.pdf.GetPageSize()
	_, margin := p.pdf.GetAutoPageBreak()
	return h - margin
}

// room is the height of a page's body.
func (p *pdfDoc) room() float64 {
	_, top, _, _ := p.pdf.GetMargins()
	return p.bottom() - top
}

// heading starts a section, on a new page unless the heading and the
// first keep millimetres of what follows it fit on this one: a heading is
// never left alone at the foot of a page.
func (p *pdfDoc) heading(s string, keep float64) {
	p.font("B", 13)
	pageW, _ := p.pdf.GetPageSize()
	l, _, r, _ := p.pdf.GetMargins()
	lines := len(p.pdf.SplitLines([]byte(p.tr(s)), pageW-l-r))
	if p.pdf.GetY()+4+7*float64(lines)+1+keep > p.bottom() {
		p.pdf.AddPage()
	}
	p.pdf.Ln(4)
	p.font("B", 13)
	p.pdf.MultiCell(0, 7, p.tr(s), "", "L", false)
	p.pdf.Ln(1)
}

// tableStart is the height of what of a table stays with its heading, and
// together on a page: the whole table when it takes half a page or less,
// else its header and first three rows.
func (p *pdfDoc) tableStart(head []string, rows [][]string, labelWidth float64) float64 {
	width := p.columns(len(head), labelWidth)
	_, whole := p.cellLines(head, "B", width)
	first := whole
	for i, cells := range rows {
		_, h := p.cellLines(cells, "", width)
		whole += h
		if i < 3 {
			first += h
		}
	}
	if whole <= p.room()/2 {
		return whole
	}
	return first
}

// columns gives the width of each of a table's n columns: the first is
// labelWidth wide, the others share the rest.
func (p *pdfDoc) columns(n int, labelWidth float64) func(int) float64 {
	pageW, _ := p.pdf.GetPageSize()
	l, _, r, _ := p.pdf.GetMargins()
	rest := (pageW - l - r - labelWidth) / float64(n-1)
	return func(i int) float64 {
		if i == 0 {
			return labelWidth
		}
		return rest
	}
}

// cellLines wraps each cell of a table's row, in style, to its column: a
// text too long for its column (a long theme, "Escalation requests not
// progressed") goes on more lines rather than run over the next cell or be
// cut short. It returns the lines and the row's height.
func (p *pdfDoc) cellLines(cells []string, style string, width func(int) float64) ([][]string, float64) {
	p.font(style, 8.5)
	measure := func(s string) float64 { return p.pdf.GetStringWidth(p.tr(s)) }
	lines := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		lines[i] = wrap(c, width(i)-1.5, measure)
		n = max(n, len(lines[i]))
	}
	return lines, pdfRowHeight + float64(n-1)*pdfLeading
}

// chartStart is the height of a chart when it fits on a page, which then
// stays whole with its heading, or else of its first three bars.
func (p *pdfDoc) chartStart(c *svgChart) float64 {
	heights := p.chartRows(c)
	total, first := 2.0, 0.0
	for i, h := range heights {
		total += h
		if i < 3 {
			first += h
		}
	}
	if total <= p.room()-20 {
		return total
	}
	return first
}

// table draws a header row, rows and comparison rows; the first column is
// labelWidth wide, the others share the rest. A table that goes on to
// another page says so there, under its title, and repeats its header row;
// it starts on a new page when its header and first rows do not fit.
func (p *pdfDoc) table(title string, head []string, rows, comparisons [][]string, labelWidth float64) {
	pageW, _ := p.pdf.GetPageSize()
	l, _, r, _ := p.pdf.GetMargins()
	width := p.columns(len(head), labelWidth)
	layout := func(cells []string, style string) ([][]string, float64) { return p.cellLines(cells, style, width) }
	draw := func(cells []string, style string, fill bool) {
		lines, height := layout(cells, style)
		x, y := p.pdf.GetX(), p.pdf.GetY()
		if fill {
			p.pdf.Rect(x, y, pageW-l-r, height, "F")
		}
		p.pdf.Line(x, y+height, pageW-r, y+height)
		cx := x
		for i := range cells {
			align := "R"
			if i == 0 || p.words {
				align = "L"
			}
			for j, text := range lines[i] {
				p.pdf.SetXY(cx, y+float64(j)*pdfLeading)
				p.pdf.CellFormat(width(i), pdfRowHeight, p.tr(text), "", 0, align, false, 0, "")
			}
			cx += width(i)
		}
		p.pdf.SetXY(x, y+height)
	}
	header := func() {
		p.pdf.SetFillColor(243, 242, 241)
		p.pdf.SetDrawColor(177, 180, 182)
		p.pdf.SetTextColor(11, 12, 12)
		draw(head, "B", true)
	}
	continued := func() {
		p.pdf.AddPage()
		p.font("B", 10)
		p.pdf.SetTextColor(11, 12, 12)
		p.pdf.MultiCell(0, 6, p.tr(title+" (continued)"), "", "L", false)
		header()
	}
	if p.pdf.GetY()+p.tableStart(head, append(rows[:len(rows):len(rows)], comparisons...), labelWidth) > p.bottom() {
		continued()
	} else {
		header()
	}
	row := func(cells []string, style string, grey bool) {
		if _, height := layout(cells, style); p.pdf.GetY()+height > p.bottom() {
			continued()
		}
		if grey {
			p.pdf.SetTextColor(72, 73, 73)
		}
		draw(cells, style, false)
		p.pdf.SetTextColor(11, 12, 12)
	}
	for _, cells := range rows {
		style := ""
		if cells[0] == "Total" {
			style = "B"
		}
		row(cells, style, false)
	}
	for _, cells := range comparisons {
		row(cells, "", true)
	}
	p.pdf.SetTextColor(11, 12, 12)
	p.pdf.Ln(2)
}

// chartLabels are a bar's label in lines that fit left of the bars.
func (p *pdfDoc) chartLabels(b bar) []string {
	p.font("", 8.5)
	return wrap(b.Label, pdfChartLabel-2, func(s string) float64 { return p.pdf.GetStringWidth(p.tr(s)) })
}

// chartRows are the heights of a chart's rows.
func (p *pdfDoc) chartRows(c *svgChart) []float64 {
	var out []float64
	for _, b := range c.Bars {
		out = append(out, pdfChartRow+float64(len(p.chartLabels(b))-1)*pdfChartLeading)
	}
	return out
}

// chart draws horizontal bars, each with its label, wrapped to fit left of
// the bars, and its value; a chart longer than the page goes on to the
// next between two bars.
func (p *pdfDoc) chart(c *svgChart) {
	x, y := p.pdf.GetX(), p.pdf.GetY()
	heights := p.chartRows(c)
	for i, b := range c.Bars {
		if y+heights[i] > p.bottom() {
			p.pdf.AddPage()
			y = p.pdf.GetY()
		}
		p.font("", 8.5)
		for j, text := range p.chartLabels(b) {
			p.pdf.SetXY(x, y+float64(j)*pdfChartLeading)
			p.pdf.CellFormat(pdfChartLabel, 5, p.tr(text), "", 0, "L", false, 0, "")
		}
		width := float64(b.Width) / 300 * 100
		p.pdf.SetFillColor(29, 112, 184)
		if width > 0 {
			p.pdf.Rect(x+pdfChartLabel+2, y+0.5, width, 4, "F")
		}
		p.pdf.SetXY(x+pdfChartLabel+3+width, y)
		p.pdf.CellFormat(20, 5, b.Value, "", 0, "L", false, 0, "")
		y += heights[i]
	}
	p.pdf.SetXY(x, y+2)
}
