package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// datesNow is the store's clock in the date tests: Wednesday 2 December
// 2026, so that their dates are fixed whatever day the tests run.
var datesNow = time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)

func eachAt(t *testing.T, now time.Time, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			fn(t, storetest.Open(t, dialect, sqlstore.Options{Now: func() time.Time { return now }}))
		})
	}
}

// TestLoweredTargetKeepsAgreedExtension reproduces a case frozen by a
// target change: an MP enquiry's deadline was extended within the maximum
// in force, then an administrator lowered the MP enquiry target (and with
// it the maximum). Saving anything else on the case must still work; only
// a new or changed extension is held to the new maximum.
func TestLoweredTargetKeepsAgreedExtension(t *testing.T) {
	eachAt(t, datesNow, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		extendedThenLowered(t, db)

		// An unrelated change: the acknowledgement.
		rec := mustFind(t, db, "MP-1")
		rec.Stage(1).Acknowledged = d("2026-11-03")
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatalf("after the target was lowered, saving the acknowledgement was refused: %v", err)
		}
		rec = mustFind(t, db, "MP-1")
		if got := rec.Stage(1); got.Acknowledged != d("2026-11-03") || got.ExtendedTo != d("2026-11-25") {
			t.Errorf("stage 1 after the save: acknowledged %s, extended to %s", got.Acknowledged, got.ExtendedTo)
		}

		// A changed extension is held to the maximum now in force.
		rec.Stage(1).ExtendedTo = d("2026-11-26")
		err := db.UpdateRecord(ctx, storetest.Actor, rec)
		if fe := heed.ErrorFields(err); len(fe) != 1 || fe[0].Field != "stage1_extended_to" {
			t.Fatalf("an extension changed beyond the new maximum: %v, want an error on stage1_extended_to", err)
		}
		rec = mustFind(t, db, "MP-1")
		rec.Stage(1).ExtendedTo = d("2026-11-13")
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatalf("an extension changed within the new maximum: %v", err)
		}
	})
}

// TestImportRefusesDatesAfterTodayOrOutOfOrder: an import with an event
// after today (by the store's clock) or dates out of order is refused
// whole, each problem named by its row and field, and nothing is stored.
func TestImportRefusesDatesAfterTodayOrOutOfOrder(t *testing.T) {
	eachAt(t, datesNow, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		good := func(ref string) *heed.Record {
			return &heed.Record{Reference: ref, Type: heed.TypeComplaint, Received: d("2026-11-02"), ServiceArea: "Education",
				Procedure: heed.Corporate, Stages: []heed.Stage{{Number: 1, Acknowledged: d("2026-11-03"), Responded: d("2026-11-16"),
					Outcome: heed.OutcomeNotUpheld}}}
		}
		future := good("F-1")
		future.Received = d("2026-12-03") // tomorrow
		future.Stages[0].Acknowledged, future.Stages[0].Responded, future.Stages[0].Outcome = calendar.Date{}, calendar.Date{}, ""
		early := good("F-2")
		early.Stages[0].Responded = d("2026-10-30") // before it was received
		escalated := good("F-3")
		escalated.Stages = append(escalated.Stages, heed.Stage{Number: 2, Started: d("2026-11-13")}) // before the Stage 1 response
		today := good("F-4")
		today.Stages[0].Responded, today.Closed = d("2026-12-02"), d("2026-12-02") // today: allowed
		recs := heed.RecordList{good("F-0"), future, early, escalated, today}
		_, err := db.ImportFrom(ctx, storetest.Actor, recs, heed.ImportOptions{})
		ps := heed.ErrorProblems(err)
		want := []struct {
			row          int
			field, start string
		}{
			{2, "received", "The date received must be today (2 December 2026) or earlier, not 3 December 2026"},
			{3, "stage1_responded", "The Stage 1 response date must be on or after the date Stage 1 started (2 November 2026)"},
			{4, "stage2_requested", "The date Stage 2 was requested must be on or after the Stage 1 response date (16 November 2026)"},
		}
		if heed.ErrorCode(err) != heed.EINVALID || len(ps) != len(want) {
			t.Fatalf("import: %v, want %d problems", err, len(want))
		}
		for i, w := range want {
			if ps[i].Row != w.row || ps[i].Field != w.field || ps[i].Message != w.start {
				t.Errorf("problem %d: %+v, want row %d, %s: %q", i, ps[i], w.row, w.field, w.start)
			}
		}
		if n := countRecords(t, db); n != 0 {
			t.Errorf("%d records stored from a refused import", n)
		}
		if _, err := db.ImportFrom(ctx, storetest.Actor, heed.RecordList{good("F-0"), today}, heed.ImportOptions{}); err != nil {
			t.Errorf("the rows in order: %v", err)
		}
	})
}

// TestAnsweredDeadlineStaysAfterTargetChange: a stage answered under one
// target keeps the deadline it was judged against when an administrator
// changes the target and someone later saves something else on the case.
func TestAnsweredDeadlineStaysAfterTargetChange(t *testing.T) {
	eachAt(t, datesNow, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		openAndClosed(t, db) // CLOSED: received Monday 2 November 2026, answered 10 November; due 16 November
		raise := db.Rules()
		raise.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 15
		if _, err := db.SaveTargets(ctx, admin, raise); err != nil {
			t.Fatal(err)
		}
		rec := mustFind(t, db, "CLOSED")
		rec.Lessons = []heed.Lesson{{NoLearning: true}}
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		if s := mustFind(t, db, "CLOSED").Stage(1); s.TargetDays != 10 || s.Deadline != d("2026-11-16") {
			t.Errorf("after an unrelated save the answered stage is due %s (%d days), want 16 November 2026 (10)", s.Deadline, s.TargetDays)
		}
		// A corrected response date is judged again, under the targets in force.
		rec = mustFind(t, db, "CLOSED")
		rec.Stages[0].Responded = d("2026-11-11")
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		if s := mustFind(t, db, "CLOSED").Stage(1); s.TargetDays != 15 || s.Deadline != d("2026-11-23") {
			t.Errorf("after its response date changed the stage is due %s (%d days), want 23 November 2026 (15)", s.Deadline, s.TargetDays)
		}
	})
}

// TestTargetsChangeWhileRecordsAreUpdated saves targets while a record is
// updated again and again: neither waits for the other for ever (an update
// checks its record inside its transaction, with the calendar it read
// before).
func TestTargetsChangeWhileRecordsAreUpdated(t *testing.T) {
	eachAt(t, datesNow, func(t *testing.T, db *sqlstore.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		openAndClosed(t, db)
		done := make(chan error)
		go func() {
			for i := range 20 {
				rec, err := db.FindRecordByReference(ctx, "OPEN")
				if err != nil {
					done <- err
					return
				}
				rec.Stages[0].Investigator = fmt.Sprintf("investigator %d", i)
				if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		for _, days := range []int{12, 15, 11, 14} {
			r := db.Rules()
			r.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = days
			if _, err := db.SaveTargets(ctx, admin, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

// TestReimportKeepsAgreedExtension: a record whose extension was within
// the maximum when it was agreed is imported again with --update after the
// target was lowered: it is checked as a change to the stored record, so
// the agreed extension stands; a new extension past the maximum is still
// refused.
func TestReimportKeepsAgreedExtension(t *testing.T) {
	eachAt(t, datesNow, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		extendedThenLowered(t, db)
		again := mustFind(t, db, "MP-1")
		again.Summary = "corrected in the spreadsheet"
		if _, err := db.ImportFrom(ctx, storetest.Actor, heed.RecordList{again}, heed.ImportOptions{Update: true}); err != nil {
			t.Fatalf("re-importing a record with its agreed extension: %v", err)
		}
		if got := mustFind(t, db, "MP-1"); got.Summary != "corrected in the spreadsheet" || got.Stage(1).ExtendedTo != d("2026-11-25") {
			t.Errorf("after the re-import: %q, extended to %s", got.Summary, got.Stage(1).ExtendedTo)
		}
		later := mustFind(t, db, "MP-1")
		later.Stage(1).ExtendedTo = d("2026-11-27")
		_, err := db.ImportFrom(ctx, storetest.Actor, heed.RecordList{later}, heed.ImportOptions{Update: true})
		if ps := heed.ErrorProblems(err); len(ps) != 1 || ps[0].Field != "stage1_extended_to" {
			t.Errorf("a new extension past the lowered maximum, imported: %v", err)
		}
	})
}

// extendedThenLowered records MP-1, an MP enquiry of Monday 2 November
// 2026 (10 working days give 16 November, the maximum of 20 gives 30
// November), extends it to 25 November, within the maximum in force, and
// then lowers the MP enquiry target to 5 days, which makes the maximum 16
// November.
func extendedThenLowered(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	rec := &heed.Record{Reference: "MP-1", Type: heed.TypeMPEnquiry, Received: d("2026-11-02"), ServiceArea: "Highways"}
	if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
		t.Fatal(err)
	}
	rec = mustFind(t, db, "MP-1")
	rec.Stage(1).ExtendedTo, rec.Stage(1).ExtensionReason = d("2026-11-25"), "Waiting for the contractor's report"
	if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
		t.Fatalf("an extension within the maximum in force: %v", err)
	}
	lower := db.Rules()
	lower.ReplyDays[heed.TypeMPEnquiry] = 5
	if _, err := db.SaveTargets(ctx, admin, lower); err != nil {
		t.Fatal(err)
	}
}
