package report

import (
	"math"
	"slices"

	"github.com/heedhq/heed"
)

// OmbudsmanFact counts the Ombudsman's decisions made in one year of the
// report (0: the period; 1 and 2: the years before) on the enquiries of one
// service area, by decision and finding of fault as recorded.
type OmbudsmanFact struct {
	YearsBefore int
	ServiceArea string
	Decision    heed.OmbudsmanDecision
	Fault       heed.Fault
	Count       int
}

// RemedyFact counts the remedies of those decisions by type, with those
// complied with and their amounts (paid), in pence.
type RemedyFact struct {
	YearsBefore int
	ServiceArea string
	Type        heed.RemedyType
	Count       int
	Complied    int
	PaidPence   int64
}

// RecommendationFact counts the recommendations of those decisions, and
// those complied with on or before their due date.
type RecommendationFact struct {
	YearsBefore int
	ServiceArea string
	Count       int
	OnTime      int
}

// ombudsmanRow is one row of ombudsman_by_service: decisions, fault found,
// no fault, not investigated, the remedies (and those complied with) of
// each type, the amount paid in pence, recommendations and those complied
// with on time.
type ombudsmanRow struct {
	decisions, fault, noFault, notInvestigated int
	remedies, complied                         []int
	paid                                       []int64
	recommendations, onTime                    int
	investigated                               int
}

func (o *ombudsmanRow) add(x *ombudsmanRow) {
	o.decisions += x.decisions
	o.fault += x.fault
	o.noFault += x.noFault
	o.notInvestigated += x.notInvestigated
	o.investigated += x.investigated
	for i := range x.remedies {
		o.remedies[i] += x.remedies[i]
		o.complied[i] += x.complied[i]
		o.paid[i] += x.paid[i]
	}
	o.recommendations += x.recommendations
	o.onTime += x.onTime
}

func newOmbudsmanRow() *ombudsmanRow {
	n := len(heed.RemedyTypes)
	return &ombudsmanRow{remedies: make([]int, n), complied: make([]int, n), paid: make([]int64, n)}
}

// ombudsmanByArea adds up year y's decisions, remedies and recommendations
// by service area.
func (b *builder) ombudsmanByArea(y int) map[string]*ombudsmanRow {
	out := map[string]*ombudsmanRow{}
	row := func(area string) *ombudsmanRow {
		if out[area] == nil {
			out[area] = newOmbudsmanRow()
		}
		return out[area]
	}
	for _, f := range b.f.Ombudsman {
		if f.YearsBefore != y {
			continue
		}
		r := row(f.ServiceArea)
		r.decisions += f.Count
		o := heed.OmbudsmanCase{Decision: f.Decision, Fault: f.Fault}
		switch {
		case !f.Decision.Investigated():
			r.notInvestigated += f.Count
		case o.FoundFault():
			r.fault += f.Count
		default:
			r.noFault += f.Count
		}
		if f.Decision.Investigated() {
			r.investigated += f.Count
		}
	}
	for _, f := range b.f.Remedies {
		if f.YearsBefore != y {
			continue
		}
		r := row(f.ServiceArea)
		if i := slices.Index(heed.RemedyTypes, f.Type); i >= 0 {
			r.remedies[i] += f.Count
			r.complied[i] += f.Complied
			r.paid[i] += f.PaidPence
		}
	}
	for _, f := range b.f.Recommendations {
		if f.YearsBefore == y {
			r := row(f.ServiceArea)
			r.recommendations += f.Count
			r.onTime += f.OnTime
		}
	}
	return out
}

// ombudsmanYear is year y's totals.
func (b *builder) ombudsmanYear(y int) *ombudsmanRow {
	total := newOmbudsmanRow()
	for _, r := range b.ombudsmanByArea(y) {
		total.add(r)
	}
	return total
}

func (o *ombudsmanRow) values() []Value {
	v := nums(o.decisions, o.fault, o.noFault, o.notInvestigated)
	v = append(v, pounds(o.paid...))
	return append(v, nums(o.recommendations, o.onTime)...)
}

// pounds is the sum of amounts in pence, in whole pounds: a page shows a
// figure to one decimal place at most.
func pounds(pence ...int64) Value {
	var total int64
	for _, p := range pence {
		total += p
	}
	return Value{N: math.Round(float64(total) / 100)}
}

// ombudsmanByServiceTable is the Ombudsman's decisions of the period by
// service area: what was found, the remedies by type and the amount paid,
// and the recommendations complied with on time.
func (b *builder) ombudsmanByServiceTable() *Table {
	t := &Table{ID: "ombudsman_by_service", Title: "Ombudsman decisions, remedies and recommendations, by service area", Chart: 0,
		Columns: []string{"Decisions", "Fault found", "No fault found", "Not investigated", "Total paid (£)",
			"Recommendations", "Met on time"},
		Notes: []string{"Decisions made in the period, by the service area of the Ombudsman enquiry. Fault found counts the upheld " +
			"decisions and any other the Ombudsman found fault in; not investigated counts the decisions made without an investigation " +
			"(premature, advice given, incomplete or invalid, closed after initial enquiries).",
			"Total paid is the financial remedies the council has complied with, to the nearest pound; met on time means complied with on or before the date due. " +
				"The remedies by type are in the next table."}}
	// A row's key is its service area's name, as other tables by service
	// area have it.
	now := b.ombudsmanByArea(0)
	areas := make([]string, 0, len(now))
	for a := range now {
		areas = append(areas, a)
	}
	heed.SortNames(areas)
	for _, a := range areas {
		row := keyed{a, a}
		if a == "" {
			row = keyed{"no_service_area", "No service area"}
		}
		t.Rows = append(t.Rows, Row{Key: row.key, Label: row.label, Values: now[a].values()})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: b.ombudsmanYear(0).values()})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: b.ombudsmanYear(y).values()})
	}
	return t
}

// ombudsmanRemediesTable is the remedies of the period's decisions by type:
// how many, how many the council has complied with, and the amount paid.
func (b *builder) ombudsmanRemediesTable() *Table {
	t := &Table{ID: "ombudsman_remedies_by_type", Title: "Remedies of the Ombudsman's decisions, by type", Chart: 0,
		Columns: []string{"Remedies", "Complied with", "Total paid (£)"},
		Notes:   []string{"The remedies of the decisions made in the period; total paid is the amounts complied with, to the nearest pound."}}
	row := func(o *ombudsmanRow, i int) []Value {
		if i < 0 {
			return append(nums(sum(o.remedies), sum(o.complied)), pounds(o.paid...))
		}
		return append(nums(o.remedies[i], o.complied[i]), pounds(o.paid[i]))
	}
	now := b.ombudsmanYear(0)
	for i, r := range heed.RemedyTypes {
		k := keyed{string(r), r.Label()}
		t.Rows = append(t.Rows, Row{Key: k.key, Label: k.label, Values: row(now, i)})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: row(now, -1)})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: row(b.ombudsmanYear(y), -1)})
	}
	return t
}
