package render

import (
	"io"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/docx"
	"github.com/heedhq/heed/report"
)

// DOCX writes the report as a Word document, as committee papers are
// written: the title, scope and period, the introduction officers wrote,
// the summary and headline measures, every table with its two previous
// years and notes, the lessons, the conclusions and recommendations, and
// how the figures are counted.
func DOCX(w io.Writer, r *report.Report) error {
	return docxOf(r).Write(w)
}

// docxOf lays the report out as a document.
func docxOf(r *report.Report) *docx.Document {
	title := r.Heading()
	if r.Published {
		title += ": published version"
	}
	d := docx.New(title, r.Council, calendar.MustParseDate(r.AsOf).Time())
	if r.Council != "" {
		d.Paragraph(r.Council)
	}
	d.Title(title)
	if r.Scope != "" {
		d.Paragraph("Scope: " + r.Scope + ".")
	}
	meta := calendar.MustParseDate(r.Period.From).Long() + " to " + calendar.MustParseDate(r.Period.To).Long() +
		". Figures as at " + calendar.MustParseDate(r.AsOf).Long() + "."
	if r.Published {
		meta += " Published version: small numbers are not shown."
	}
	d.Paragraph(meta)
	docxNarrative(d, r.Narrative.Before)

	d.Heading(1, "Summary")
	for _, s := range r.Summary {
		d.Bullet(s)
	}
	docxCodeSections(d, r)
	measures := docx.Table{Caption: "Headline measures, compared with the year before", Numeric: 1,
		Header: []string{"Measure", "This period", "Year before", "Change", "Change (%)"}}
	for _, m := range r.Measures {
		row := []string{m.Label}
		for _, c := range measureCells(m) {
			row = append(row, c.Text)
		}
		measures.Rows = append(measures.Rows, row)
	}
	d.Heading(1, "Headline measures")
	d.Table(measures)

	for _, t := range r.Tables {
		tab := docx.Table{Caption: t.Title, Numeric: 1, Header: append([]string{RowHeading(t)}, t.Columns...),
			Bold: func(row []string) bool { return row[0] == "Total" }}
		for _, row := range t.Rows {
			tab.Rows = append(tab.Rows, cellsOf(row, ""))
		}
		for _, row := range t.Comparisons {
			tab.Rows = append(tab.Rows, cellsOf(row, "Total "))
		}
		d.Heading(1, t.Title)
		d.Table(tab)
		for _, n := range t.Notes {
			d.Note(n)
		}
	}
	if len(r.Lessons) > 0 {
		lessons := docx.Table{Caption: "Lessons recorded this period, newest first, with their actions", Numeric: 3,
			Header: []string{"Reference", "Service area", "Lesson", "Actions completed"}, Weights: []int{18, 22, 45, 15}}
		for _, l := range r.Lessons {
			lessons.Rows = append(lessons.Rows, []string{l.Reference, l.ServiceArea, l.Text, itoa(l.Completed) + " of " + itoa(l.Actions)})
		}
		d.Heading(1, "Lessons learnt")
		d.Table(lessons)
	}
	docxNarrative(d, r.Narrative.After)
	d.Heading(1, "How the figures are counted")
	for _, n := range r.Notes {
		d.Bullet(n)
	}
	return d
}

// docxNarrative writes sections of the report's text.
func docxNarrative(d *docx.Document, sections []report.Section) {
	for _, s := range sections {
		d.Heading(1, s.Heading)
		for _, p := range s.Paragraphs {
			d.Paragraph(p)
		}
	}
}
