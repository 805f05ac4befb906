package sqlstore_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestRemediesMoveToTheirTable: migration 28 moves the one remedy each
// record held (type, amount and the date the council complied) to its
// first remedy, losing nothing, and empties the old columns.
func TestRemediesMoveToTheirTable(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			old, dsn := migratedTo(t, dialect, 27)
			paid := &heed.Record{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Housing",
				Ombudsman: &heed.OmbudsmanCase{Reference: "14 000 001", Decision: heed.DecisionUpheld, Decided: d("2015-05-01"),
					Remedies: []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 25050, Complied: d("2015-06-01")}}}}
			apology := &heed.Record{Reference: "LGO-2", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Housing",
				Ombudsman: &heed.OmbudsmanCase{Decision: heed.DecisionUpheld, Decided: d("2015-05-01"),
					Remedies: []heed.Remedy{{Type: heed.RemedyApology}}}}
			none := &heed.Record{Reference: "LGO-3", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Housing",
				Ombudsman: &heed.OmbudsmanCase{Decision: heed.DecisionPremature, Decided: d("2015-05-01")}}
			if _, err := old.ImportRecords(ctx, storetest.Actor, heed.RecordList{paid, apology, none}, heed.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			// A date complied with and nothing else, as an old form could save.
			if _, err := old.SQL().ExecContext(ctx, `UPDATE records SET ombudsman_complied = '2015-07-01' WHERE reference = 'LGO-3'`); err != nil {
				t.Fatal(err)
			}
			if got, err := old.FindRecordByReference(ctx, "LGO-1"); err != nil || !reflect.DeepEqual(got.Ombudsman.Remedies, paid.Ombudsman.Remedies) {
				t.Fatalf("before the migration, LGO-1's remedy reads %+v (%v)", got.Ombudsman, err)
			}
			db := reopened(t, old, dsn)
			for ref, want := range map[string][]heed.Remedy{
				"LGO-1": {{Type: heed.RemedyFinancial, Pence: 25050, Complied: d("2015-06-01")}},
				"LGO-2": {{Type: heed.RemedyApology}},
				"LGO-3": {{Complied: d("2015-07-01")}},
			} {
				got, err := db.FindRecordByReference(ctx, ref)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got.Ombudsman.Remedies, want) {
					t.Errorf("%s: remedies %+v after the migration, want %+v", ref, got.Ombudsman.Remedies, want)
				}
				if hist, _ := db.RecordHistory(ctx, got.ID); len(hist) != 1 || hist[0].Action != heed.AuditCreated {
					t.Errorf("%s: the move is no change, yet has history %+v", ref, hist)
				}
			}
			var left int
			if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM records
				WHERE ombudsman_remedy <> '' OR ombudsman_remedy_pence <> 0 OR ombudsman_complied IS NOT NULL`).Scan(&left); err != nil || left != 0 {
				t.Errorf("%d records keep the old remedy columns (%v)", left, err)
			}
		})
	}
}

// TestOmbudsmanPartsAndRefusal: several remedies and recommendations, the
// finding of fault and a refusal's reason are kept, read back in order, and
// each change to them is a line of history; a save over another's change
// is refused.
func TestOmbudsmanPartsAndRefusal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		enquiry := &heed.Record{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Housing",
			Ombudsman: &heed.OmbudsmanCase{Reference: "14 000 001", Decision: heed.DecisionUpheld, Decided: d("2015-03-16"), Fault: heed.FaultFound,
				Remedies: []heed.Remedy{{Type: heed.RemedyApology, Due: d("2015-05-15"), Complied: d("2015-05-10")},
					{Type: heed.RemedyFinancial, Pence: 30000, Due: d("2015-06-01")}},
				Recommendations: []heed.Recommendation{{Text: "Review the letters", Due: d("2015-08-01")},
					{Text: "Train the team", Due: d("2015-09-01"), Complied: d("2015-08-20")}}}}
		refused := complaintIn("CO-1", "Housing", "Delay")
		refused.Closed = d("2015-03-04")
		refused.Stages = []heed.Stage{{Number: 1, Outcome: heed.OutcomeRefused, RefusalReason: heed.RefusedLegalProceedings}}
		if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{enquiry, refused}, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindRecordByReference(ctx, "LGO-1")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Ombudsman, enquiry.Ombudsman) {
			t.Fatalf("read back %+v, want %+v", got.Ombudsman, enquiry.Ombudsman)
		}
		// Read in a page of records, as the list and the export read them.
		page, _, err := db.FindRecords(ctx, heed.RecordFilter{Limit: 10})
		if err != nil || len(page) != 2 {
			t.Fatalf("a page of records: %d (%v)", len(page), err)
		}
		for _, r := range page {
			if r.Reference == "LGO-1" && !reflect.DeepEqual(r.Ombudsman, enquiry.Ombudsman) {
				t.Errorf("read in a page: %+v", r.Ombudsman)
			}
		}
		r, err := db.FindRecordByReference(ctx, "CO-1")
		if err != nil || r.Stage(1).RefusalReason != heed.RefusedLegalProceedings || r.Stage(1).Outcome != heed.OutcomeRefused {
			t.Fatalf("refused complaint read back: %+v (%v)", r, err)
		}

		stale := got.Clone()
		got.Ombudsman.Remedies = got.Ombudsman.Remedies[1:]
		got.Ombudsman.Remedies[0].Complied = d("2015-06-01")
		if err := db.ChangeRecord(ctx, storetest.Actor, got, ""); err != nil {
			t.Fatal(err)
		}
		again, _ := db.FindRecordByReference(ctx, "LGO-1")
		want := []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 30000, Due: d("2015-06-01"), Complied: d("2015-06-01")}}
		if !reflect.DeepEqual(again.Ombudsman.Remedies, want) {
			t.Errorf("after removing the first remedy: %+v", again.Ombudsman.Remedies)
		}
		hist, err := db.RecordHistory(ctx, got.ID)
		if err != nil || len(hist) != 2 || hist[1].Action != heed.AuditUpdated {
			t.Fatalf("history %+v (%v)", hist, err)
		}
		var fields []string
		for _, c := range hist[1].Changes {
			fields = append(fields, c.Field)
		}
		if !slices.Contains(fields, "ombudsman_remedy2_type") || !slices.Contains(fields, "ombudsman_remedy1_amount") {
			t.Errorf("history of the change names %v", fields)
		}
		stale.Ombudsman.Fault = ""
		if err := db.ChangeRecord(ctx, storetest.Actor, stale, ""); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a save over another's change: %v, want a conflict", err)
		}

		// The report counts them, for the whole council and for a service
		// area alone.
		for _, c := range []struct {
			areas []string
			want  float64
		}{{nil, 1}, {[]string{"housing"}, 1}, {[]string{"Education"}, 0}} {
			rep, err := report.Generate(ctx, db, report.Annual(2014), report.Options{AsOf: d("2015-12-31"), ServiceAreas: c.areas})
			if err != nil {
				t.Fatal(err)
			}
			if m := rep.Measure("refused"); m.Value.N != c.want {
				t.Errorf("areas %v: refused %v, want %v", c.areas, m.Value.N, c.want)
			}
			if m := rep.Measure("ombudsman_fault_found"); m.Value.N != c.want {
				t.Errorf("areas %v: fault found %v, want %v", c.areas, m.Value.N, c.want)
			}
			refused := rep.Table("refused")
			if v := refused.Rows[slices.Index(heed.RefusalReasons, heed.RefusedLegalProceedings)].Values[0].N; v != c.want {
				t.Errorf("areas %v: refused for legal proceedings %v, want %v", c.areas, v, c.want)
			}
			o := rep.Table("ombudsman_by_service")
			total := o.Rows[len(o.Rows)-1].Values
			// One decision, fault found; £300 paid; two recommendations,
			// one met on time.
			want := []float64{1, 1, 0, 0, 300, 2, 1}
			for i, w := range want {
				if total[i].N != w*c.want {
					t.Errorf("areas %v: %s %v, want %v", c.areas, o.Columns[i], total[i].N, w*c.want)
				}
			}
			if in := rep.Table("in_time_by_service"); in.Rows[len(in.Rows)-1].Values[4].N != 0 {
				t.Errorf("areas %v: the refused complaint is counted in time", c.areas)
			}
		}
	})
}
