package render

import (
	"io"
	"strings"

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
	pdf.SetTitle("Complaints and feedback report "+r.Period.Label, true)
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
		pdf.CellFormat(0, 5, tr(r.Council+"  ·  Complaints and feedback report "+r.Period.Label), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, tr("Page ")+itoa(pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	p.font("B", 18)
	pdf.MultiCell(0, 9, tr("Complaints and feedback report "+r.Period.Label), "", "L", false)
	p.font("", 10)
	meta := calendar.MustParseDate(r.Period.From).Long() + " to " + calendar.MustParseDate(r.Period.To).Long() +
		". Figures as at " + calendar.MustParseDate(r.AsOf).Long() + "."
	if r.Council != "" {
		meta = r.Council + ". " + meta
	}
	if r.Published {
		meta += " Published version: small numbers are not shown."
	}
	pdf.MultiCell(0, 5, tr(meta), "", "L", false)
	p.heading("Summary")
	p.font("", 10)
	for _, s := range r.Summary {
		pdf.MultiCell(0, 5.5, tr("•  "+s), "", "L", false)
	}
	p.heading("Headline measures")
	head := []string{"Measure", "This period", "Year before", "Change", "Change (%)"}
	var rows [][]string
	for _, m := range r.Measures {
		row := []string{m.Label}
		for _, c := range measureCells(m) {
			row = append(row, c.Text)
		}
		rows = append(rows, row)
	}
	p.table(head, rows, nil, 80)
	for _, t := range r.Tables {
		p.heading(t.Title)
		if c := chart(t); c != nil {
			p.chart(c)
		}
		head := append([]string{""}, t.Columns...)
		var body, comp [][]string
		for _, row := range t.Rows {
			body = append(body, cellsOf(row, ""))
		}
		for _, row := range t.Comparisons {
			comp = append(comp, cellsOf(row, "Total "))
		}
		p.table(head, body, comp, 60)
		p.font("I", 8.5)
		for _, n := range t.Notes {
			pdf.MultiCell(0, 4.5, tr(n), "", "L", false)
		}
	}
	if len(r.Lessons) > 0 {
		p.heading("Lessons learnt")
		p.font("", 9.5)
		for _, l := range r.Lessons {
			pdf.MultiCell(0, 5, tr(l.Reference+" ("+l.ServiceArea+"): "+l.Text+" Actions completed: "+itoa(l.Completed)+" of "+itoa(l.Actions)+"."), "", "L", false)
		}
	}
	p.heading("How the figures are counted")
	p.font("", 9.5)
	for _, n := range r.Notes {
		pdf.MultiCell(0, 5, tr("•  "+n), "", "L", false)
	}
	return pdf.Output(w)
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
}

func (p *pdfDoc) font(style string, size float64) { p.pdf.SetFont("Helvetica", style, size) }

// heading starts a section, on a new page when little room is left.
func (p *pdfDoc) heading(s string) {
	_, h := p.pdf.GetPageSize()
	if p.pdf.GetY() > h-60 {
		p.pdf.AddPage()
	}
	p.pdf.Ln(4)
	p.font("B", 13)
	p.pdf.MultiCell(0, 7, p.tr(s), "", "L", false)
	p.pdf.Ln(1)
}

// table draws a header row, rows and comparison rows; the first column is
// labelWidth wide, the others share the rest.
func (p *pdfDoc) table(head []string, rows, comparisons [][]string, labelWidth float64) {
	pageW, _ := p.pdf.GetPageSize()
	l, _, r, _ := p.pdf.GetMargins()
	rest := (pageW - l - r - labelWidth) / float64(len(head)-1)
	width := func(i int) float64 {
		if i == 0 {
			return labelWidth
		}
		return rest
	}
	line := func(cells []string, style string, fill bool) {
		p.font(style, 8.5)
		for i, c := range cells {
			align := "R"
			if i == 0 {
				align = "L"
			}
			text := p.tr(c)
			for i == 0 && p.pdf.GetStringWidth(text) > labelWidth-1 && len(text) > 4 {
				text = strings.TrimSpace(text[:len(text)-2]) + "…"
				text = p.tr(text)
			}
			p.pdf.CellFormat(width(i), 5.5, text, "B", 0, align, fill, 0, "")
		}
		p.pdf.Ln(-1)
	}
	p.pdf.SetFillColor(243, 242, 241)
	p.pdf.SetDrawColor(177, 180, 182)
	line(head, "B", true)
	for _, row := range rows {
		style := ""
		if row[0] == "Total" {
			style = "B"
		}
		line(row, style, false)
	}
	p.pdf.SetTextColor(72, 73, 73)
	for _, row := range comparisons {
		line(row, "", false)
	}
	p.pdf.SetTextColor(11, 12, 12)
	p.pdf.Ln(2)
}

// chart draws horizontal bars.
func (p *pdfDoc) chart(c *svgChart) {
	p.font("", 8.5)
	x, y := p.pdf.GetX(), p.pdf.GetY()
	_, h := p.pdf.GetPageSize()
	if y+float64(len(c.Bars))*6+4 > h-20 {
		p.pdf.AddPage()
		y = p.pdf.GetY()
	}
	p.pdf.SetFillColor(29, 112, 184)
	for i, b := range c.Bars {
		by := y + float64(i)*6
		p.pdf.SetXY(x, by)
		p.pdf.CellFormat(58, 5, p.tr(b.Label), "", 0, "L", false, 0, "")
		width := float64(b.Width) / 300 * 100
		if width > 0 {
			p.pdf.Rect(x+60, by+0.5, width, 4, "F")
		}
		p.pdf.SetXY(x+61+width, by)
		p.pdf.CellFormat(20, 5, b.Value, "", 0, "L", false, 0, "")
	}
	p.pdf.SetXY(x, y+float64(len(c.Bars))*6+2)
}
