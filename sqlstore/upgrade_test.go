package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestUpgradeCountsOpenDeadlinesAgain: a database upgraded past the
// migration that dates the targets has its open stages' deadlines counted
// again by the clock of today's Heed, each move in the record's history;
// an answered stage keeps its own.
func TestUpgradeCountsOpenDeadlinesAgain(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			d := calendar.MustParseDate
			dsn := storetest.DSN(t, dialect)
			db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// Received before the Code: the council's own 10 working days
			// from receipt, due 16 March 2026.
			open := &heed.Record{Reference: "UP-1", Type: heed.TypeComplaint, Procedure: heed.Corporate,
				Received: d("2026-03-02"), ServiceArea: "Highways"}
			answered := &heed.Record{Reference: "UP-2", Type: heed.TypeComplaint, Procedure: heed.Corporate,
				Received: d("2026-03-02"), ServiceArea: "Highways",
				Stages: []heed.Stage{{Number: 1, Responded: d("2026-03-10"), Outcome: heed.OutcomeUpheld}}}
			if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{open, answered}, heed.ImportOptions{NewNames: true}); err != nil {
				t.Fatal(err)
			}
			if got := mustFind(t, db, "UP-1").Stage(1).Deadline; got != d("2026-03-16") {
				t.Fatalf("the open stage's deadline = %s, want 2026-03-16", got)
			}
			// As an earlier Heed left it: counted by the Code's clock (5 to
			// acknowledge, then 10), before the targets were dated.
			for _, q := range []string{`UPDATE stages SET deadline = '2026-03-23'`,
				`DROP TABLE stage_target_sets`, `DELETE FROM schema_migrations WHERE version = 34`} {
				if _, err := db.SQL().ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			db, err = sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got := mustFind(t, db, "UP-1").Stage(1).Deadline; got != d("2026-03-16") {
				t.Errorf("after the upgrade the open stage's deadline = %s, want 2026-03-16", got)
			}
			if got := mustFind(t, db, "UP-2").Stage(1).Deadline; got != d("2026-03-23") {
				t.Errorf("after the upgrade the answered stage's deadline = %s, want it kept (2026-03-23)", got)
			}
			entries, n, err := db.AuditLog(ctx, heed.AuditFilter{Actor: "heed:upgrade"})
			if err != nil {
				t.Fatal(err)
			}
			if n != 1 || entries[0].RecordID != mustFind(t, db, "UP-1").ID {
				t.Errorf("the upgrade's moves in the history: %d %+v, want UP-1's", n, entries)
			}
		})
	}
}
