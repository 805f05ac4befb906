package render

import (
	"github.com/heedhq/heed/docx"
	"github.com/heedhq/heed/report"
)

// docxCodeSections writes the Code report's own sections, as the PDF has
// them: the self-assessment, the findings of non-compliance, the governing
// body's response and the service improvements made. Other reports have
// none.
func docxCodeSections(d *docx.Document, r *report.Report) {
	if sa := r.SelfAssessment; sa != nil {
		head, rows := selfAssessmentRows(sa)
		tab := docx.Table{Caption: "Self-assessment against the Code", Header: head, Rows: rows, Weights: []int{33, 13, 16, 38}}
		d.Heading(1, "Self-assessment against the Code")
		d.Table(tab)
		docxText(d, "Findings of non-compliance", sa.NonCompliance, "None recorded.")
		docxText(d, "The governing body's response", sa.GoverningResponse, "Not yet recorded.")
	}
	if len(r.Improvements) > 0 {
		head, rows := improvementRows(r.Improvements)
		tab := docx.Table{Caption: "Service improvements made", Header: head, Rows: rows, Weights: []int{55, 20, 25}}
		d.Heading(1, "Service improvements made")
		d.Table(tab)
	}
}

// docxText writes a heading and its text, or empty when there is none.
func docxText(d *docx.Document, heading, text, empty string) {
	if text == "" {
		text = empty
	}
	d.Heading(1, heading)
	d.Paragraph(text)
}
