package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestSaveDatedTargets: a change to the corporate timescales before the
// Code moves the open stages that started before 1 April 2026 and no
// other; the dated sets outlive a restart; a database from before dated
// sets keeps its saved targets as those in force now.
func TestSaveDatedTargets(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, dialect)
			db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			for _, r := range []*heed.Record{
				{Reference: "MARCH", Type: heed.TypeComplaint, Received: d("2026-03-16"), ServiceArea: "Highways", Procedure: heed.Corporate},
				{Reference: "APRIL", Type: heed.TypeComplaint, Received: d("2026-04-13"), ServiceArea: "Highways", Procedure: heed.Corporate},
				{Reference: "ANSWERED", Type: heed.TypeComplaint, Received: d("2026-03-02"), ServiceArea: "Highways", Procedure: heed.Corporate,
					Stages: []heed.Stage{{Number: 1, Responded: d("2026-03-10"), Outcome: heed.OutcomeNotUpheld}}},
			} {
				if err := db.CreateRecord(ctx, storetest.Actor, r); err != nil {
					t.Fatal(err)
				}
			}
			want := map[string]string{
				"MARCH":    "2026-03-30", // 10 working days from receipt, before the Code
				"APRIL":    "2026-05-05", // the Code: 5 to acknowledge, then 10, skipping 4 May
				"ANSWERED": "2026-03-16",
			}
			check := func(when string) {
				t.Helper()
				for ref, day := range want {
					if got := mustFind(t, db, ref).Stage(1).Deadline; got != d(day) {
						t.Errorf("%s: %s deadline %s, want %s", when, ref, got, day)
					}
				}
			}
			check("before")

			r := db.Rules()
			r.Procedures[heed.Corporate].Earlier[0].Stages[0].TargetDays = 15
			moved, err := db.SaveTargets(ctx, admin, r)
			if err != nil {
				t.Fatal(err)
			}
			if moved != 1 {
				t.Errorf("moved %d deadlines, want 1 (the open stage started before the Code)", moved)
			}
			want["MARCH"] = "2026-04-08" // 15 working days, skipping Easter
			check("after")
			e := lastAudit(t, db)
			if len(e.Changes) != 1 || e.Changes[0] != (heed.Change{Field: "procedures.corporate.before[1].stage1.target_working_days", Old: "10", New: "15"}) {
				t.Errorf("audit entry %+v", e.Changes)
			}

			// Opened again with the configuration's rules, the saved sets win
			// with their dates, names and clocks.
			db.Close()
			db, err = sqlstore.Open(ctx, dsn, sqlstore.Options{Rules: heed.DefaultRules()})
			if err != nil {
				t.Fatal(err)
			}
			p := db.Rules().Procedures[heed.Corporate]
			if len(p.Earlier) != 1 || p.Earlier[0].Stages[0].TargetDays != 15 || p.Earlier[0].Name != heed.CorporateTimescales ||
				p.Earlier[0].Stages[0].FromAcknowledgement || !p.From.Equal(heed.CodeStart()) || p.Name != heed.CodeTimescales ||
				!p.Stages[0].FromAcknowledgement || p.Stages[0].TargetDays != 10 {
				t.Errorf("after reopening: %+v", p)
			}

			// A database from before dated sets: one saved set, the targets
			// in force now; the earlier ones stay the configuration's.
			for _, q := range []string{`DELETE FROM stage_target_sets`,
				`INSERT INTO stage_targets (procedure, stage, acknowledge_days, target_days, max_days) VALUES ('corporate', 1, 5, 12, 20)`,
				`INSERT INTO stage_targets (procedure, stage, acknowledge_days, target_days, max_days) VALUES ('corporate', 2, 5, 20, 40)`} {
				if _, err := db.SQL().ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			db, err = sqlstore.Open(ctx, dsn, sqlstore.Options{Rules: heed.DefaultRules()})
			if err != nil {
				t.Fatal(err)
			}
			p = db.Rules().Procedures[heed.Corporate]
			if len(p.Earlier) != 1 || p.Earlier[0].Stages[0].TargetDays != 10 || p.Stages[0].TargetDays != 12 || !p.From.Equal(heed.CodeStart()) {
				t.Errorf("from the targets saved before dated sets: %+v", p)
			}
		})
	}
}
