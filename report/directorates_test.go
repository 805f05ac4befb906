package report

import (
	"testing"

	"github.com/heedhq/heed"
)

// TestDirectorateTable: complaints are summed by their service area's
// directorate for the year and the one before, with the change and the
// shares in time and upheld; areas of no directorate have their own row;
// a report on part of the council has no such table.
func TestDirectorateTable(t *testing.T) {
	p := Annual(2021)
	q := p.query(p.To)
	bucketOf := func(years int) int { // the first quarter of the year, years before
		for i, b := range q.Buckets {
			if b.From == p.shifted(years).From {
				return i
			}
		}
		t.Fatalf("no bucket %d years before", years)
		return 0
	}
	now, before := bucketOf(0), bucketOf(1)
	complaints := func(bucket int, area string, timing Timing, outcome heed.Outcome, n int) RecordFact {
		return RecordFact{Bucket: bucket, Type: heed.TypeComplaint, ServiceArea: area, Timing: timing, Outcome: outcome, Count: n}
	}
	f := &Facts{Directorates: map[string]string{"Highways": "Place", "Waste": "Place", "Adoption": "Children"},
		Records: []RecordFact{
			complaints(now, "Highways", TimingInTime, heed.OutcomeUpheld, 6),
			complaints(now, "Waste", TimingLate, heed.OutcomeNotUpheld, 2),
			complaints(before, "Highways", TimingInTime, heed.OutcomeNotUpheld, 10),
			complaints(now, "Adoption", TimingPending, "", 3),
			complaints(now, "Libraries", TimingInTime, heed.OutcomePartiallyUpheld, 1),
			{Bucket: now, Type: heed.TypeCompliment, ServiceArea: "Highways", Count: 40},
		}}
	tbl := Build(p, f, Options{AsOf: p.To}).Table("complaints_by_directorate")
	if tbl == nil {
		t.Fatal("no table of directorates")
	}
	want := map[string][]string{
		"Children":       {"3", "0", "n/a", "n/a", "n/a", "0"},
		"Place":          {"8", "10", "-20", "75", "100", "75"},
		"No directorate": {"1", "0", "n/a", "100", "n/a", "100"},
		"Total":          {"12", "10", "20", "77.8", "100", "58.3"},
	}
	if len(tbl.Rows) != len(want) {
		t.Fatalf("rows %+v", tbl.Rows)
	}
	for _, row := range tbl.Rows {
		for i, v := range row.Values {
			if got := v.String(); got != want[row.Label][i] {
				t.Errorf("%s, %s: %s, want %s", row.Label, tbl.Columns[i], got, want[row.Label][i])
			}
		}
	}
	if Build(p, f, Options{AsOf: p.To, ServiceAreas: []string{"Highways"}}).Table("complaints_by_directorate") != nil {
		t.Error("a report on some service areas has a table of directorates")
	}
}
