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
			db = reopened(t, db, dsn)
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

// TestUpgradeToLeanIndexes: records stored before migration 0045 (which
// makes SQLite's search index again without positions, drops PostgreSQL's
// unique index of references as written and keeps in records_related only
// the records that name one) are found by search, a change to one is
// searched by its new words alone, a record naming another is linked to it,
// and a reference written another way is still refused.
func TestUpgradeToLeanIndexes(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			old, dsn := migratedTo(t, dialect, 44)
			first := complaintIn("LI-1", "Highways", "")
			first.Summary = "pothole outside the library"
			second := complaintIn("LI-2", "Highways", "")
			second.Summary, second.RelatedReference = "kerb damaged", "LI-1"
			if _, err := old.ImportRecords(ctx, storetest.Actor, heed.RecordList{first, second}, heed.ImportOptions{NewNames: true}); err != nil {
				t.Fatal(err)
			}
			db := reopened(t, old, dsn)
			for words, want := range map[string]string{"pothole libr": "LI-1", "li-2": "LI-2", "kerb": "LI-2"} {
				if got := searched(t, db, words); len(got) != 1 || got[0] != want {
					t.Errorf("search %q after the upgrade: %v, want %s", words, got, want)
				}
			}
			rec := mustFind(t, db, "LI-1")
			rec.Summary = "streetlight out"
			if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
			if got := searched(t, db, "pothole"); len(got) != 0 {
				t.Errorf("search for a changed record's old words: %v, want none", got)
			}
			if got := searched(t, db, "streetlight"); len(got) != 1 {
				t.Errorf("search for a changed record's new words: %v, want LI-1", got)
			}
			linked, _, err := db.ListCases(ctx, heed.CaseFilter{LinkedTo: mustFind(t, db, "LI-1"), Limit: 5})
			if err != nil || len(linked) != 1 || linked[0].Reference != "LI-2" {
				t.Errorf("records linked to LI-1: %v %v, want LI-2", linked, err)
			}
			again := complaintIn("li-1", "Highways", "")
			if err := db.CreateRecord(ctx, storetest.Actor, again); err == nil {
				t.Error("a second record li-1 was saved beside LI-1")
			}
		})
	}
}

// migratedTo opens a new database of dialect with the migrations up to
// version applied and no more, for a test of a later one, and returns its
// DSN to open it again with every migration.
func migratedTo(t *testing.T, dialect sqlstore.Dialect, version int) (*sqlstore.DB, string) {
	t.Helper()
	dsn := storetest.DSN(t, dialect)
	old, err := sqlstore.OpenMigratedTo(context.Background(), dsn, version)
	if err != nil {
		t.Fatal(err)
	}
	return old, dsn
}

// reopened closes old and opens its database again, with every migration,
// as a restart or another heed serve process would.
func reopened(t *testing.T, old *sqlstore.DB, dsn string) *sqlstore.DB {
	t.Helper()
	old.Close()
	db, err := sqlstore.Open(context.Background(), dsn, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
