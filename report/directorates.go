package report

import (
	"github.com/heedhq/heed"
)

// noDirectorate heads the row of service areas that belong to none.
const noDirectorate = "No directorate"

// directorateFigures are one directorate's counts for one year.
type directorateFigures struct{ complaints, inTime, timed, upheld int }

// directorateTable compares the directorates of a whole-council report
// with the year before: complaints received, the change, and the share
// answered in time at Stage 1 and upheld in whole or part. It is nil when
// no service area belongs to a directorate, or the report is of part of
// the council.
func (b *builder) directorateTable() *Table {
	if len(b.f.Directorates) == 0 || b.opts.ServiceAreas != nil || b.opts.Procedures != nil {
		return nil
	}
	var years [2]map[string]*directorateFigures
	for y := range years {
		years[y] = map[string]*directorateFigures{}
	}
	for _, f := range b.f.Records {
		y, _ := b.p.bucket(f.Bucket)
		if y > 1 || f.Type != heed.TypeComplaint {
			continue
		}
		d := b.f.Directorates[f.ServiceArea]
		if d == "" {
			d = noDirectorate
		}
		fg := years[y][d]
		if fg == nil {
			fg = &directorateFigures{}
			years[y][d] = fg
		}
		fg.complaints += f.Count
		countTiming(f, &fg.inTime, &fg.timed)
		if f.Outcome == heed.OutcomeUpheld || f.Outcome == heed.OutcomePartiallyUpheld {
			fg.upheld += f.Count
		}
	}
	var names []string
	seen := map[string]bool{}
	for _, d := range b.f.Directorates {
		if !seen[d] {
			seen[d] = true
			names = append(names, d)
		}
	}
	heed.SortNames(names)
	if years[0][noDirectorate] != nil || years[1][noDirectorate] != nil {
		names = append(names, noDirectorate)
	}
	t := &Table{ID: "complaints_by_directorate", Title: "Complaints by directorate, compared with the year before", Chart: 0,
		Columns: []string{"Complaints " + b.years[0], "Complaints " + b.years[1], "Change (%)",
			"Answered in time at Stage 1 (%)", "Year before (%)", "Upheld or partially upheld at Stage 1 (%)"},
		Notes: []string{"A directorate is counted by the service areas that belong to it now."}}
	row := func(key, label string, now, prev directorateFigures) Row {
		change := NotApplicable()
		if prev.complaints != 0 {
			change = Value{N: round1(100 * float64(now.complaints-prev.complaints) / float64(prev.complaints))}
		}
		return Row{Key: key, Label: label, Values: []Value{{N: float64(now.complaints)}, {N: float64(prev.complaints)}, change,
			pct(now.inTime, now.timed), pct(prev.inTime, prev.timed), pct(now.upheld, now.complaints)}}
	}
	var total [2]directorateFigures
	for _, d := range names {
		var fg [2]directorateFigures
		for y := range years {
			if f := years[y][d]; f != nil {
				fg[y] = *f
				total[y].complaints += f.complaints
				total[y].inTime += f.inTime
				total[y].timed += f.timed
				total[y].upheld += f.upheld
			}
		}
		key := d
		if d == noDirectorate {
			key = "no_directorate"
		}
		t.Rows = append(t.Rows, row(key, d, fg[0], fg[1]))
	}
	t.Rows = append(t.Rows, row("total", "Total", total[0], total[1]))
	return t
}
