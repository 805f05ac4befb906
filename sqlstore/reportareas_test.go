package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestReportFactsForServiceAreas: a report limited to some service areas
// (a manager's, a directorate's) counts exactly the records, later stages
// and lessons of those areas, from record_counts and from the records
// alike; a list naming no area counts nothing.
func TestReportFactsForServiceAreas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		today := calendar.Today()
		var recs []*heed.Record
		err := generate.Records(generate.Options{Records: 400, Years: 1, End: today, Seed: 5},
			heed.DefaultRules(), calendar.EnglandAndWales(), func(r *heed.Record) error { recs = append(recs, r); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		// Two of the areas, one named as a person might type it: the first
		// with a later stage (few records have one), and the next.
		seen := map[string]bool{}
		var areas []string
		for _, r := range recs {
			if r.ServiceArea != "" && !seen[r.ServiceArea] && len(r.Stages) > 1 {
				seen[r.ServiceArea] = true
				areas = append(areas, r.ServiceArea)
				break
			}
		}
		for _, r := range recs {
			if r.ServiceArea != "" && !seen[r.ServiceArea] {
				seen[r.ServiceArea] = true
				areas = append(areas, r.ServiceArea)
			}
		}
		if len(areas) < 3 {
			t.Fatalf("generated %d service areas, want 3 or more", len(areas))
		}
		chosen := map[string]bool{areas[0]: true, areas[1]: true}
		asked := []string{areas[0], "  " + strings.ToUpper(areas[1])}

		p := report.Annual(today.FinancialYear())
		q := report.QueryFor(p, today)
		from, to := q.Buckets[0].From, q.Buckets[len(q.Buckets)-1].To
		var wantRecords, wantStages, wantLessons int
		for _, r := range recs {
			if !chosen[r.ServiceArea] {
				continue
			}
			if !r.Received.Before(from) && !r.Received.After(to) {
				wantRecords++
			}
			if !r.Received.Before(p.From) && !r.Received.After(p.To) {
				for _, l := range r.Lessons {
					if l.Text != "" {
						wantLessons++
					}
				}
			}
			if r.Type != heed.TypeComplaint {
				continue
			}
			for _, s := range r.Stages {
				if s.Number >= 2 && !s.Started.Before(from) && !s.Started.After(to) {
					wantStages++
				}
			}
		}
		if wantRecords == 0 || wantStages == 0 || wantLessons == 0 {
			t.Fatalf("the chosen areas have %d records, %d later stages and %d lessons: want some of each",
				wantRecords, wantStages, wantLessons)
		}
		q.ServiceAreas = asked
		for name, read := range map[string]func(context.Context, report.Query) (*report.Facts, error){
			"record_counts": db.ReportFacts, "records": db.ReportFactsFromRecords} {
			f, err := read(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			gotRecords, gotStages := 0, 0
			for _, rf := range f.Records {
				if !chosen[rf.ServiceArea] {
					t.Errorf("%s: counted %d records of %q", name, rf.Count, rf.ServiceArea)
				}
				gotRecords += rf.Count
			}
			for _, sf := range f.Stages {
				gotStages += sf.Count
			}
			if gotRecords != wantRecords || gotStages != wantStages || f.Learning.Lessons != wantLessons {
				t.Errorf("%s: counted %d records, %d later stages, %d lessons; want %d, %d, %d", name,
					gotRecords, gotStages, f.Learning.Lessons, wantRecords, wantStages, wantLessons)
			}
		}

		q.ServiceAreas = []string{"No Such Area"}
		f, err := db.ReportFacts(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Records) != 0 || len(f.Stages) != 0 || len(f.Responses) != 0 || f.Learning.Lessons != 0 {
			t.Errorf("a report on no known area counted %d record facts, %d stage facts, %d responses, %d lessons",
				len(f.Records), len(f.Stages), len(f.Responses), f.Learning.Lessons)
		}
	})
}
