package render

import (
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// codeSections writes the Code report's own sections: the self-assessment,
// the findings of non-compliance, the governing body's response and the
// service improvements made. Other reports have none.
func (p *pdfDoc) codeSections(r *report.Report) {
	p.words = true
	defer func() { p.words = false }()
	if sa := r.SelfAssessment; sa != nil {
		head, rows := selfAssessmentRows(sa)
		p.heading("Self-assessment against the Code", p.tableStart(head, rows, 70))
		p.table("Self-assessment against the Code", head, rows, nil, 70)
		p.paragraphs("Findings of non-compliance", sa.NonCompliance, "None recorded.")
		p.paragraphs("The governing body's response", sa.GoverningResponse, "Not yet recorded.")
	}
	if len(r.Improvements) > 0 {
		head, rows := improvementRows(r.Improvements)
		p.heading("Service improvements made", p.tableStart(head, rows, 100))
		p.table("Service improvements made", head, rows, nil, 100)
	}
}

// paragraphs writes a heading and text, or empty when there is no text.
func (p *pdfDoc) paragraphs(heading, text, empty string) {
	if text == "" {
		text = empty
	}
	p.heading(heading, 10)
	p.font("", 10)
	p.pdf.MultiCell(0, 5, p.tr(text), "", "L", false)
}

// selfAssessmentRows are the self-assessment as a table's header and rows,
// as every document rendering prints it.
func selfAssessmentRows(sa *report.SelfAssessment) (head []string, rows [][]string) {
	for _, req := range sa.Requirements {
		figure := req.Figure
		if figure == "" {
			figure = "–"
		}
		text := req.Evidence
		if text != "" && req.Commentary != "" {
			text += " "
		}
		rows = append(rows, []string{req.ID + " " + req.Section + ": " + req.Text, req.Compliant.Label(), figure, text + req.Commentary})
	}
	return []string{"Requirement", "Compliant", "Figure", "Evidence and commentary"}, rows
}

// improvementRows are the service improvements as a table's header and
// rows.
func improvementRows(ims []report.ImprovementLine) (head []string, rows [][]string) {
	for _, im := range ims {
		rows = append(rows, []string{im.Action, calendar.MustParseDate(im.Completed).Long(), im.ServiceArea})
	}
	return []string{"Action", "Completed", "Service area"}, rows
}
