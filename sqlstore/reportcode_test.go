package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestCodeFacts: the Code report reads exactly the stages of the Code's
// procedures that started or were answered in the year, with whether Stage
// 2 had another handler, and the actions completed in the year; and a
// report limited to some procedures counts only their records, from
// record_counts and from the records alike.
func TestCodeFacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		today := calendar.Today()
		var recs []*heed.Record
		err := generate.Records(generate.Options{Records: 600, Years: 2, End: today, Seed: 9},
			heed.DefaultRules(), calendar.EnglandAndWales(), func(r *heed.Record) error { recs = append(recs, r); return nil })
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		p := report.Annual(today.FinancialYear())
		year := report.Bucket{From: p.From, To: p.To}
		in := func(d calendar.Date) bool { return !d.IsZero() && !d.Before(p.From) && !d.After(today) }
		var wantStages, wantOther, wantSame, wantImprovements, wantRecords, wantReasons int
		q := report.QueryFor(p, today)
		from, to := q.Buckets[0].From, q.Buckets[len(q.Buckets)-1].To
		for _, r := range recs {
			if r.Procedure == heed.Corporate && !r.Received.Before(from) && !r.Received.After(to) {
				wantRecords++
			}
			for _, l := range r.Lessons {
				for _, a := range l.Actions {
					if r.Procedure == heed.Corporate && in(a.Completed) {
						wantImprovements++
					}
				}
			}
			if r.Type != heed.TypeComplaint || r.Procedure != heed.Corporate {
				continue
			}
			for _, s := range r.Stages {
				if !in(s.Started) && !in(s.Responded) {
					continue
				}
				wantStages++
				if s.RefusalReason != "" {
					wantReasons++
				}
				if s1 := r.Stage(1); s.Number == 2 && s.Investigator != "" && s1 != nil && s1.Investigator != "" {
					if heed.NameKey(s.Investigator) == heed.NameKey(s1.Investigator) {
						wantSame++
					} else {
						wantOther++
					}
				}
			}
		}
		if wantStages == 0 || wantRecords == 0 {
			t.Fatalf("generated %d corporate stages and %d records in the year: want some", wantStages, wantRecords)
		}
		cf, err := db.CodeFacts(ctx, report.CodeQuery{Procedures: heed.CodeLGSCO.Procedures(), Year: year, AsOf: today})
		if err != nil {
			t.Fatal(err)
		}
		other, same, reasons := 0, 0, 0
		for _, s := range cf.Stages {
			if s.RefusalReason != "" {
				reasons++
			}
			if s.Procedure != heed.Corporate {
				t.Errorf("read a stage of %s", s.Procedure)
			}
			switch s.DifferentHandler {
			case "yes":
				other++
			case "no":
				same++
			}
		}
		if reasons != wantReasons {
			t.Errorf("read %d refusals with a reason, want %d", reasons, wantReasons)
		}
		if len(cf.Stages) != wantStages || other != wantOther || same != wantSame || len(cf.Improvements) != wantImprovements {
			t.Errorf("read %d stages (%d with another handler, %d the same) and %d improvements; want %d (%d, %d) and %d",
				len(cf.Stages), other, same, len(cf.Improvements), wantStages, wantOther, wantSame, wantImprovements)
		}

		q.Procedures = []heed.ProcedureID{heed.Corporate}
		for name, read := range map[string]func(context.Context, report.Query) (*report.Facts, error){
			"record_counts": db.ReportFacts, "records": db.ReportFactsFromRecords} {
			f, err := read(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, rf := range f.Records {
				if rf.Procedure != heed.Corporate {
					t.Errorf("%s: counted %d records of %q", name, rf.Count, rf.Procedure)
				}
				got += rf.Count
			}
			if got != wantRecords {
				t.Errorf("%s: counted %d corporate records, want %d", name, got, wantRecords)
			}
		}
	})
}
