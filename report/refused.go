package report

import (
	"github.com/heedhq/heed"
)

// RefusedFact counts the complaints received in one year of the report
// (0: the period; 1 and 2: the years before) that the council refused at
// Stage 1, for one reason.
type RefusedFact struct {
	YearsBefore int
	Reason      heed.RefusalReason
	Count       int
}

// keyed is a row's label with the id it is made from (a reason's code, a
// service area's name), which stays the same when the label's words change.
type keyed struct{ key, label string }

// refusedCounts are year y's refused complaints by reason.
func (b *builder) refusedCounts(y int) map[heed.RefusalReason]int {
	out := map[heed.RefusalReason]int{}
	for _, f := range b.f.Refused {
		if f.YearsBefore == y {
			out[f.Reason] += f.Count
		}
	}
	return out
}

// refusedTable counts the complaints refused by reason: the Complaint
// Handling Code's summary of the complaint types refused.
func (b *builder) refusedTable() *Table {
	t := &Table{ID: "refused", Title: "Complaints refused at Stage 1, by reason", Columns: []string{b.p.YearLabel}, Chart: -1,
		Notes: []string{"Complaints the council did not accept into its procedure, counted in the year they were received. " +
			"A refused complaint has no response: it is neither in time nor late, and is not escalated."}}
	var totals [3]int
	for y := range totals {
		for _, n := range b.refusedCounts(y) {
			totals[y] += n
		}
	}
	now := b.refusedCounts(0)
	for _, r := range heed.RefusalReasons {
		row := keyed{string(r), r.Label()}
		t.Rows = append(t.Rows, Row{Key: row.key, Label: row.label, Values: nums(now[r])})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(totals[0])})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: nums(totals[y])})
	}
	return t
}

// refusalOmbudsmanMeasures are the measures of refusals and Ombudsman decisions,
// each with the year before.
func (b *builder) refusalOmbudsmanMeasures() []Measure {
	var now, prev [3]int
	for i, fg := range []*[3]int{&now, &prev} {
		for _, n := range b.refusedCounts(i) {
			fg[0] += n
		}
		o := b.ombudsmanYear(i)
		fg[1], fg[2] = o.investigated, o.fault
	}
	labels := []keyed{{"refused", "Complaints refused at Stage 1"},
		{"ombudsman_investigations", "Ombudsman decisions after investigation (upheld or not upheld)"},
		{"ombudsman_fault_found", "Ombudsman decisions finding fault"}}
	ms := make([]Measure, len(labels))
	for i, l := range labels {
		ms[i] = countMeasure(l.key, l.label, now[i], prev[i])
	}
	return ms
}

// countMeasure is a measure of a count, with its change from the year
// before (not applicable in per cent from nought).
func countMeasure(id, label string, now, prev int) Measure {
	m := Measure{ID: id, Label: label, Value: Value{N: float64(now)}, Previous: Value{N: float64(prev)},
		Change: Value{N: float64(now - prev)}, ChangePercent: NotApplicable()}
	if prev != 0 {
		m.ChangePercent = Value{N: round1(100 * float64(now-prev) / float64(prev))}
	}
	return m
}
