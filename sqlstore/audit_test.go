package sqlstore_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestAuditRecordsEveryKindOfChange makes each kind of change a record can
// have and checks that each leaves a history entry naming who and what.
func TestAuditRecordsEveryKindOfChange(t *testing.T) {
	changes := []struct {
		name   string
		change func(r *heed.Record)
		field  string
	}{
		{"scalar field", func(r *heed.Record) { r.Theme = "Confidentiality" }, "theme"},
		{"personal data", func(r *heed.Record) { r.ComplainantName = "Another Name" }, "complainant_name"},
		{"acknowledgement", func(r *heed.Record) { r.Stage(1).Acknowledged = d("2014-12-22") }, "stage1_acknowledged"},
		{"extension", func(r *heed.Record) { r.Stage(1).ExtendedTo = d("2015-01-15") }, "stage1_extended_to"},
		{"response", func(r *heed.Record) { r.Stage(1).Responded = d("2015-01-13") }, "stage1_responded"},
		{"element finding", func(r *heed.Record) { r.Stage(1).Elements[1].Finding = heed.FindingPartiallyUpheld }, "stage1_element2_finding"},
		{"pause", func(r *heed.Record) { r.Stage(1).Pauses[0].Reason = "Waiting for the family" }, "stage1_pause1_reason"},
		{"escalation", func(r *heed.Record) {
			r.Stages = append(r.Stages, heed.Stage{Number: 3, Started: d("2015-03-01")})
		}, "stage3_requested"},
		{"lesson", func(r *heed.Record) { r.Lessons[0].Text = "Explain every visit in advance" }, "learning"},
		{"action completed", func(r *heed.Record) { r.Lessons[0].Actions[1].Completed = d("2015-03-20") }, "action2_completed"},
		{"closed", func(r *heed.Record) { r.Closed = d("2015-03-21") }, "closed"},
	}
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rec := fullComplaint("CS-1")
		if err := db.CreateRecord(ctx, heed.Actor{Name: "creator"}, rec); err != nil {
			t.Fatal(err)
		}
		for i, c := range changes {
			r, err := db.FindRecordByReference(ctx, "CS-1")
			if err != nil {
				t.Fatal(err)
			}
			c.change(r)
			if err := db.UpdateRecord(ctx, heed.Actor{Name: c.name}, r); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			h, err := db.RecordHistory(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(h) != i+2 {
				t.Fatalf("%s: %d history entries, want %d", c.name, len(h), i+2)
			}
			last := h[len(h)-1]
			if last.Action != heed.AuditUpdated || last.Actor != c.name || last.At.IsZero() {
				t.Errorf("%s: entry %+v", c.name, last)
			}
			if !slices.ContainsFunc(last.Changes, func(ch heed.Change) bool { return ch.Field == c.field }) {
				t.Errorf("%s: changes %+v do not name %s", c.name, last.Changes, c.field)
			}
		}
		opened, err := db.OpenCase(ctx, heed.Actor{Name: "viewer"}, rec, heed.CaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		h, _ := db.RecordHistory(ctx, rec.ID)
		if h[0].Action != heed.AuditCreated || h[0].Actor != "creator" || h[len(h)-1].Action != heed.AuditViewed {
			t.Errorf("first %+v last %+v", h[0], h[len(h)-1])
		}
		// Opening returns the history as it is read afterwards, the
		// opening included.
		if !reflect.DeepEqual(opened.History, h) {
			t.Errorf("opening returned the history\n%+v\nwhich is now\n%+v", opened.History, h)
		}

		// Saving without a change writes no entry.
		r, _ := db.FindRecordByReference(ctx, "CS-1")
		if err := db.UpdateRecord(ctx, storetest.Actor, r); err != nil {
			t.Fatal(err)
		}
		if h2, _ := db.RecordHistory(ctx, rec.ID); len(h2) != len(h) {
			t.Errorf("a save without changes wrote history")
		}

		// The history cannot be changed or removed, even with plain SQL.
		for _, table := range []string{"audit_log", "record_views"} {
			if _, err := db.SQL().ExecContext(ctx, `UPDATE `+table+` SET actor = 'someone else'`); err == nil {
				t.Errorf("UPDATE %s succeeded; the history must be append-only", table)
			}
			if _, err := db.SQL().ExecContext(ctx, `DELETE FROM `+table); err == nil {
				t.Errorf("DELETE FROM %s succeeded; the history must be append-only", table)
			}
		}

		// Openings are kept apart from the rest (record_views), and read
		// with it, in order, along with those written to audit_log before
		// migration 0013.
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO audit_log (record_id, at, actor, action) VALUES ($1, $2, 'earlier viewer', 'viewed')`,
			rec.ID, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		r.Summary = "Changed after it was opened"
		if err := db.UpdateRecord(ctx, heed.Actor{Name: "editor"}, r); err != nil {
			t.Fatal(err)
		}
		h, _ = db.RecordHistory(ctx, rec.ID)
		var actions []string
		for _, e := range h {
			actions = append(actions, e.Actor+" "+string(e.Action))
		}
		if want := "earlier viewer viewed"; actions[0] != want {
			t.Errorf("history begins %q, want %q (the oldest)", actions[0], want)
		}
		if n := len(actions); n < 3 || actions[n-2] != "viewer viewed" || actions[n-1] != "editor updated" {
			t.Errorf("history ends %q, want the opening, then the change", actions)
		}
		for _, c := range []struct {
			f    heed.AuditFilter
			want []string
		}{
			{heed.AuditFilter{Action: heed.AuditViewed}, []string{"viewer", "earlier viewer"}},
			{heed.AuditFilter{Action: heed.AuditViewed, Actor: "viewer"}, []string{"viewer"}},
			{heed.AuditFilter{Actor: "viewer"}, []string{"viewer"}},
			{heed.AuditFilter{Action: heed.AuditUpdated, Actor: "viewer"}, nil},
			{heed.AuditFilter{Limit: 2}, []string{"editor", "viewer"}},
		} {
			entries, total, err := db.AuditLog(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var actors []string
			for _, e := range entries {
				actors = append(actors, e.Actor)
				if e.Reference != "CS-1" {
					t.Errorf("%+v: entry %+v has no reference", c.f, e)
				}
			}
			if !slices.Equal(actors, c.want) {
				t.Errorf("audit log %+v: %q, want %q", c.f, actors, c.want)
			}
			if c.f.Limit == 0 && total != len(c.want) {
				t.Errorf("audit log %+v: total %d, want %d", c.f, total, len(c.want))
			}
		}
	})
}

// openAndClosed stores two children's complaints received on Monday 2
// November 2026: OPEN, whose Stage 1 is unanswered, and CLOSED, answered.
func openAndClosed(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	open := &heed.Record{Reference: "OPEN", Type: heed.TypeComplaint, Received: d("2026-11-02"),
		ServiceArea: "Education", Procedure: heed.ChildrenStatutory}
	closed := &heed.Record{Reference: "CLOSED", Type: heed.TypeComplaint, Received: d("2026-11-02"),
		ServiceArea: "Education", Procedure: heed.ChildrenStatutory,
		Stages: []heed.Stage{{Number: 1, Responded: d("2026-11-10"), Outcome: heed.OutcomeNotUpheld}}}
	for _, r := range []*heed.Record{open, closed} {
		if err := db.CreateRecord(context.Background(), storetest.Actor, r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadHolidaysMovesOpenDeadlines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		openAndClosed(t, db)
		// 10 working days after Monday 2 November 2026: Monday 16 November.
		if got := mustFind(t, db, "OPEN").Stage(1).Deadline; got != d("2026-11-16") {
			t.Fatalf("deadline before = %s, want 2026-11-16", got)
		}
		cal, _ := db.Calendar(ctx)
		list := append(cal.Holidays(), calendar.Holiday{Date: d("2026-11-05"), Title: "A one-off bank holiday"})
		slices.SortFunc(list, func(a, b calendar.Holiday) int { return a.Date.Compare(b.Date) })
		moved, err := db.LoadHolidays(ctx, heed.Actor{Name: "admin"}, list)
		if err != nil {
			t.Fatal(err)
		}
		if moved != 1 {
			t.Errorf("moved %d deadlines, want 1 (only the open stage)", moved)
		}
		o := mustFind(t, db, "OPEN")
		if o.Stage(1).Deadline != d("2026-11-17") {
			t.Errorf("open deadline after = %s, want 2026-11-17", o.Stage(1).Deadline)
		}
		if c := mustFind(t, db, "CLOSED"); c.Stage(1).Deadline != d("2026-11-16") {
			t.Errorf("closed stage's deadline moved to %s; a closed stage keeps its deadline", c.Stage(1).Deadline)
		}
		h, _ := db.RecordHistory(ctx, o.ID)
		last := h[len(h)-1]
		if last.Action != heed.AuditDeadlineMoved || last.Actor != "admin" || len(last.Changes) != 1 ||
			last.Changes[0] != (heed.Change{Field: "stage1_deadline", Old: "2026-11-16", New: "2026-11-17"}) {
			t.Errorf("history entry %+v", last)
		}
		// A new store on the same database sees the loaded list.
		if cal2, _ := db.Calendar(ctx); cal2.IsWorkingDay(d("2026-11-05")) {
			t.Error("the loaded holiday is not in force")
		}
	})
}

func mustFind(t *testing.T, db *sqlstore.DB, ref string) *heed.Record {
	t.Helper()
	r, err := db.FindRecordByReference(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
