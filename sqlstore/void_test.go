package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestVoidAndRestore: a record voided as entered in error leaves the
// lists, the export and the report's counts (kept and rebuilt alike), keeps
// its history, cannot be changed, and comes back whole when restored.
func TestVoidAndRestore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		keep := complaintIn("V-1", "Education", "Delay")
		keep.Received = d("2026-11-02")
		wrong := complaintIn("V-2", "Education", "Delay")
		wrong.Received = d("2026-11-03")
		wrong.Lessons = []heed.Lesson{{Text: "Call back within a day"}}
		if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{keep, wrong}, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		listed := func() int {
			list, _, err := db.ListCases(ctx, heed.CaseFilter{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			_, total, err := db.FindRecords(ctx, heed.RecordFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if total != len(list) {
				t.Errorf("the cases list holds %d, the export %d", len(list), total)
			}
			return len(list)
		}
		if n := listed(); n != 2 {
			t.Fatalf("%d listed before", n)
		}
		v2, _ := db.FindRecordByReference(ctx, "V-2")
		if err := db.VoidRecord(ctx, storetest.Actor, v2.ID, v2.Version, ""); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a void without a reason: %v", err)
		}
		if err := db.VoidRecord(ctx, storetest.Actor, v2.ID, v2.Version-1, "duplicate of V-1"); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a void of an old version: %v", err)
		}
		if err := db.VoidRecord(ctx, storetest.Actor, v2.ID, v2.Version, "duplicate of V-1"); err != nil {
			t.Fatal(err)
		}
		if n := listed(); n != 1 {
			t.Errorf("%d listed after the void, want 1", n)
		}
		checkCounts(t, db)
		// Deadlines moved by a change of targets leave a voided record,
		// which is in no count, alone.
		lower := db.Rules()
		lower.Procedures[heed.Corporate].Stages[0].TargetDays = 8
		if _, err := db.SaveTargets(ctx, storetest.Actor, lower); err != nil {
			t.Fatal(err)
		}
		checkCounts(t, db)
		// A voided record is not replaced by an import.
		again, _ := db.FindRecordByReference(ctx, "V-2")
		_, err := db.ImportFrom(ctx, storetest.Actor, heed.RecordList{again}, heed.ImportOptions{Update: true})
		if ps := heed.ErrorProblems(err); len(ps) != 1 || !strings.Contains(ps[0].Message, "was voided") {
			t.Errorf("importing over a voided record: %v", err)
		}
		got, err := db.FindRecordByReference(ctx, "V-2")
		if err != nil || got.Voided == nil || got.Voided.Reason != "duplicate of V-1" || got.Voided.By != storetest.Actor.Name {
			t.Fatalf("the voided record: %+v %v", got, err)
		}
		got.Summary = "changed"
		if err := db.ChangeRecord(ctx, storetest.Actor, got, "x"); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("changing a voided record: %v", err)
		}
		got, _ = db.FindRecordByReference(ctx, "V-2")
		if err := db.RestoreRecord(ctx, storetest.Actor, got.ID, got.Version, "not a duplicate after all"); err != nil {
			t.Fatal(err)
		}
		if n := listed(); n != 2 {
			t.Errorf("%d listed after the restore, want 2", n)
		}
		checkCounts(t, db)
		h, _ := db.RecordHistory(ctx, got.ID)
		var actions []heed.AuditAction
		for _, e := range h {
			actions = append(actions, e.Action)
		}
		if len(actions) < 3 || actions[len(actions)-2] != heed.AuditVoided || actions[len(actions)-1] != heed.AuditRestored {
			t.Errorf("history %v", actions)
		}
		if r, _ := db.FindRecordByReference(ctx, "V-2"); r.Voided != nil || len(r.Lessons) != 1 {
			t.Errorf("restored: %+v", r)
		}
	})
}
