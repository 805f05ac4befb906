package render

import "github.com/heedhq/heed/report"

// The helpers below let another page (the staff application's report page)
// show a report in its own layout with the same charts and formatting as
// the HTML report. They only read the report.

// Chart is a table's bar chart: its title, text alternative and bars.
type Chart = svgChart

// Bar is one bar of a Chart.
type Bar = bar

// TableChart returns the table's bar chart as the HTML report draws it, or
// nil when the table has no chart or nothing to draw.
func TableChart(t *report.Table) *Chart { return chart(t) }

// MeasureCells formats a measure as the HTML report shows it: this period,
// the year before, the change, and the change in per cent; a cell that is
// not applicable reads "n/a".
func MeasureCells(m report.Measure) []Cell { return measureCells(m) }

// RowHeading is the heading of a table's first column, which labels its
// rows, as the HTML report heads it.
func RowHeading(t *report.Table) string {
	switch t.ID {
	case "complaints_by_theme":
		return "Theme"
	case "stages_by_procedure", "stage1_outcomes_by_procedure":
		return "Procedure"
	case "ombudsman_decisions":
		return "Decision"
	case "young_people", "learning", "average_response_days", "ombudsman_letter":
		return "Measure"
	case "complaints_by_directorate":
		return "Directorate"
	case "code_measures":
		return "Requirement"
	}
	return "Service area"
}
