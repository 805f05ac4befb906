package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

var d = calendar.MustParseDate

// fullComplaint is a synthetic children's complaint using every part.
func fullComplaint(ref string) *heed.Record {
	return &heed.Record{
		Reference: ref, Type: heed.TypeComplaint, Received: d("2014-12-18"),
		ServiceArea: "Children's Social Care", Team: "Referral and Assessment", Procedure: heed.ChildrenStatutory,
		Theme: "Lack of Communication", ComplainantName: "Test Person", ComplainantType: heed.ComplainantChild,
		YoungPerson: true, Advocacy: heed.AdvocacyProvided, Channel: heed.ChannelLetter, Summary: "Synthetic summary, with a comma.",
		Stages: []heed.Stage{
			{Number: 1, Acknowledged: d("2014-12-19"), Investigator: "Team manager", ExtendedTo: d("2015-01-20"),
				ExtensionReason: "Complex", Responded: d("2015-01-14"),
				Elements: []heed.Element{{Summary: "Visit late", Finding: heed.FindingUpheld}, {Summary: "Letter unclear", Finding: heed.FindingNotUpheld}},
				Pauses:   []heed.Pause{{From: d("2014-12-22"), To: d("2014-12-23"), Reason: "Waiting for an advocate"}}},
			{Number: 2, Started: d("2015-01-20"), Responded: d("2015-02-20"), Outcome: heed.OutcomeNotUpheld},
		},
		Lessons: []heed.Lesson{{Text: "Explain visits in advance", Actions: []heed.Action{
			{Description: "Brief the team", Owner: "Head of Service", Due: d("2015-03-01"), Completed: d("2015-02-27"), Evidence: "Minutes"},
			{Description: "Update the leaflet", Owner: "Service manager", Due: d("2015-04-01")},
		}}, {NoLearning: true}},
		Closed: d("2015-02-20"),
	}
}

func TestCreateAndFind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rec := fullComplaint("CS-1")
		if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		want := rec.Fields() // as saved: normalized, with the outcome derived
		got, err := db.FindRecordByReference(ctx, "CS-1")
		if err != nil {
			t.Fatal(err)
		}
		if diff := heed.Diff(want, got.Fields()); len(diff) > 0 {
			t.Errorf("stored record differs: %+v", diff)
		}
		s1 := got.Stage(1)
		// 10 working days plus 2 paused from 18 Dec 2014, skipping Christmas,
		// Boxing Day and New Year's Day: 8 January 2015.
		if s1.TargetDays != 10 || s1.Deadline != d("2015-01-08") {
			t.Errorf("stage 1 clock = %d days, %s; want 10 days, 2015-01-08", s1.TargetDays, s1.Deadline)
		}
		if s1.Outcome != heed.OutcomePartiallyUpheld {
			t.Errorf("stage 1 outcome = %q, want derived partially_upheld", s1.Outcome)
		}
		if got.Version != 1 || got.CreatedAt.IsZero() {
			t.Errorf("version %d, created %v", got.Version, got.CreatedAt)
		}
		if _, err := db.FindRecordByReference(ctx, "nope"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("missing reference: err = %v, want not found", err)
		}
	})
}

func TestImportIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		good := fullComplaint("CS-1")
		bad := fullComplaint("CS-2")
		bad.Stage(1).ExtendedTo = d("2015-06-01") // beyond 20 working days
		_, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{good, bad}, heed.ImportOptions{})
		if heed.ErrorCode(err) != heed.EINVALID || !strings.Contains(err.Error(), "CS-2") ||
			!strings.Contains(err.Error(), "stage1_extended_to") {
			t.Fatalf("err = %v, want invalid naming CS-2 and stage1_extended_to", err)
		}
		if _, n, _ := db.FindRecords(ctx, heed.RecordFilter{}); n != 0 {
			t.Fatalf("%d records saved after a refused import, want 0", n)
		}

		sum, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{fullComplaint("CS-1")}, heed.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 1 || len(sum.NewServiceAreas) != 1 || len(sum.NewTeams) != 1 || len(sum.NewThemes) != 1 {
			t.Errorf("summary %+v", sum)
		}
		again := []*heed.Record{fullComplaint("CS-1"), fullComplaint("CS-3")}
		if _, err := db.ImportRecords(ctx, storetest.Actor, again, heed.ImportOptions{}); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Fatalf("existing reference without update: err = %v, want conflict", err)
		}
		if _, err := db.FindRecordByReference(ctx, "CS-3"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Fatalf("CS-3 was saved by a refused import")
		}
		again[0].Summary = "Changed summary"
		sum, err = db.ImportRecords(ctx, storetest.Actor, again, heed.ImportOptions{Update: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 1 || sum.Updated != 1 || len(sum.NewServiceAreas) != 0 {
			t.Errorf("summary %+v, want 1 created, 1 updated, no new names", sum)
		}
		got, _ := db.FindRecordByReference(ctx, "CS-1")
		if got.Summary != "Changed summary" || got.Version != 2 {
			t.Errorf("after update: summary %q version %d", got.Summary, got.Version)
		}
		// The same file again: nothing changes, and the summary says so.
		again[0], again[1] = fullComplaint("CS-1"), fullComplaint("CS-3")
		again[0].Summary = "Changed summary"
		sum, err = db.ImportRecords(ctx, storetest.Actor, again, heed.ImportOptions{Update: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 0 || sum.Updated != 0 || sum.Unchanged != 2 {
			t.Errorf("the same records again: summary %+v, want 2 unchanged", sum)
		}
		if got, _ := db.FindRecordByReference(ctx, "CS-1"); got.Version != 2 {
			t.Errorf("an unchanged record's version went from 2 to %d", got.Version)
		}
	})
}

func TestStaleEditIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.CreateRecord(ctx, storetest.Actor, fullComplaint("CS-1")); err != nil {
			t.Fatal(err)
		}
		first, _ := db.FindRecordByReference(ctx, "CS-1")
		second, _ := db.FindRecordByReference(ctx, "CS-1")
		first.Theme = "Quality of Service"
		if err := db.UpdateRecord(ctx, heed.Actor{Name: "alice"}, first); err != nil {
			t.Fatal(err)
		}
		second.Summary = "Bob's change"
		err := db.UpdateRecord(ctx, heed.Actor{Name: "bob"}, second)
		if heed.ErrorCode(err) != heed.ECONFLICT || !strings.Contains(err.Error(), "changed by someone else") {
			t.Fatalf("stale edit: err = %v, want conflict", err)
		}
		now, _ := db.FindRecordByReference(ctx, "CS-1")
		if now.Theme != "Quality of Service" || now.Summary == "Bob's change" || now.Version != 2 {
			t.Errorf("after refused edit: theme %q summary %q version %d", now.Theme, now.Summary, now.Version)
		}
	})
}

func TestInvalidUpdateChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.CreateRecord(ctx, storetest.Actor, fullComplaint("CS-1")); err != nil {
			t.Fatal(err)
		}
		rec, _ := db.FindRecordByReference(ctx, "CS-1")
		rec.Stage(1).Responded = d("2014-01-01") // before it started
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); heed.ErrorCode(err) != heed.EINVALID {
			t.Fatalf("err = %v, want invalid", err)
		}
		now, _ := db.FindRecordByReference(ctx, "CS-1")
		if now.Version != 1 || now.Stage(1).Responded != d("2015-01-14") {
			t.Errorf("an invalid update changed the record")
		}
	})
}

// TestLargeImportRefreshesStatistics: after a large import PostgreSQL knows
// how big the tables are, so the next import is not planned as if they were
// empty (which made it fifteen times slower).
func TestLargeImportRefreshesStatistics(t *testing.T) {
	db := storetest.Open(t, sqlstore.Postgres, sqlstore.Options{})
	ctx := context.Background()
	var recs []*heed.Record
	err := generate.Records(generate.Options{Records: 10000, Years: 1, End: calendar.MustParseDate("2026-03-31"), Seed: 5},
		heed.DefaultRules(), calendar.EnglandAndWales(), func(r *heed.Record) error { recs = append(recs, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	var estimate float64
	if err := db.SQL().QueryRowContext(ctx, `SELECT reltuples FROM pg_class WHERE oid = 'records'::regclass`).Scan(&estimate); err != nil {
		t.Fatal(err)
	}
	if estimate < 9000 || estimate > 11000 {
		t.Errorf("the planner estimates %v records after importing 10,000; want about 10,000", estimate)
	}
}
