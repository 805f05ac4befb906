package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

var admin = heed.Actor{ID: 1, Name: "admin"}

// lastAudit returns the newest entry of the whole audit log.
func lastAudit(t *testing.T, db *sqlstore.DB) heed.AuditEntry {
	t.Helper()
	log, _, err := db.AuditLog(context.Background(), heed.AuditFilter{Limit: 1})
	if err != nil || len(log) == 0 {
		t.Fatalf("audit log: %v (%d entries)", err, len(log))
	}
	return log[0]
}

func TestServiceAreasTeamsAndThemes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rec := &heed.Record{Reference: "ED-1", Type: heed.TypeComplaint, Received: d("2015-03-02"),
			ServiceArea: "Education", Team: "Admissions", Procedure: heed.Corporate, Theme: "Delay"}
		if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}

		area, err := db.CreateServiceArea(ctx, admin, "  Adult   Social Care ")
		if err != nil {
			t.Fatal(err)
		}
		if area.Name != "Adult Social Care" {
			t.Errorf("name = %q, want spaces tidied", area.Name)
		}
		if e := lastAudit(t, db); e.Action != heed.AuditSettingsChanged || e.Actor != "admin" || e.At.IsZero() ||
			len(e.Changes) != 1 || e.Changes[0] != (heed.Change{Field: "service_area", New: "Adult Social Care"}) {
			t.Errorf("audit entry %+v", e)
		}
		for _, tt := range []struct {
			name, code string
		}{{"", heed.EINVALID}, {"   ", heed.EINVALID}, {"education", heed.ECONFLICT}, {string(make([]byte, 101)), heed.EINVALID}} {
			if _, err := db.CreateServiceArea(ctx, admin, tt.name); heed.ErrorCode(err) != tt.code {
				t.Errorf("CreateServiceArea(%q) = %v, want %s", tt.name, err, tt.code)
			}
		}

		team, err := db.CreateTeam(ctx, admin, area.ID, "Admissions") // the same name in another area is fine
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateTeam(ctx, admin, area.ID, "ADMISSIONS"); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a duplicate team: %v, want a conflict", err)
		}
		if _, err := db.CreateTeam(ctx, admin, 999999, "Lost"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("a team of no area: %v, want not found", err)
		}
		if err := db.RenameTeam(ctx, admin, team.ID, "Reviews"); err != nil {
			t.Fatal(err)
		}

		areas, err := db.ServiceAreaList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(areas) != 2 || areas[0].Name != "Adult Social Care" || areas[1].Name != "Education" {
			t.Fatalf("areas %+v", areas)
		}
		if areas[0].Records != 0 || len(areas[0].Teams) != 1 || areas[0].Teams[0].Name != "Reviews" {
			t.Errorf("adult social care %+v", areas[0])
		}
		if areas[1].Records != 1 || len(areas[1].Teams) != 1 || areas[1].Teams[0].Name != "Admissions" {
			t.Errorf("education %+v", areas[1])
		}

		// A renamed area: its records follow; a rename onto another
		// area's name is refused and changes nothing.
		if err := db.RenameServiceArea(ctx, admin, areas[1].ID, "Schools"); err != nil {
			t.Fatal(err)
		}
		if got := mustFind(t, db, "ED-1"); got.ServiceArea != "Schools" || got.Team != "Admissions" {
			t.Errorf("the record's area and team after the rename: %q, %q", got.ServiceArea, got.Team)
		}
		if e := lastAudit(t, db); e.Note != "service area renamed" || e.Changes[0] != (heed.Change{Field: "service_area", Old: "Education", New: "Schools"}) {
			t.Errorf("audit entry %+v", e)
		}
		before := lastAudit(t, db).ID
		if err := db.RenameServiceArea(ctx, admin, areas[1].ID, "adult social care"); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("rename onto another name: %v, want a conflict", err)
		}
		if err := db.RenameServiceArea(ctx, admin, areas[1].ID, "Schools"); err != nil {
			t.Errorf("a rename to the same name: %v", err)
		}
		if err := db.RenameServiceArea(ctx, admin, areas[1].ID, "schools"); err != nil {
			t.Errorf("a change of case only: %v", err)
		}
		if err := db.RenameServiceArea(ctx, admin, 999999, "Nowhere"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("rename of no area: %v", err)
		}
		if e := lastAudit(t, db); e.ID != before+1 {
			t.Errorf("%d entries written, want 1 (the change of case)", e.ID-before)
		}

		if _, err := db.CreateTheme(ctx, admin, "Communication"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateTheme(ctx, admin, "delay"); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a duplicate theme: %v", err)
		}
		themes, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(themes) != 2 || themes[0].Name != "Communication" || themes[1].Name != "Delay" || themes[1].Records != 1 {
			t.Fatalf("themes %+v", themes)
		}
		if err := db.RenameTheme(ctx, admin, themes[1].ID, "Delays"); err != nil {
			t.Fatal(err)
		}
		if got := mustFind(t, db, "ED-1"); got.Theme != "Delays" {
			t.Errorf("the record's theme after the rename: %q", got.Theme)
		}
	})
}

func TestCreateUserIsAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		u := &heed.User{Username: "newbie", DisplayName: "New Person", Role: heed.RoleOfficer, PasswordHash: "h", MustChange: true}
		if err := db.CreateUser(ctx, admin, u); err != nil {
			t.Fatal(err)
		}
		e := lastAudit(t, db)
		if e.Action != heed.AuditUserChanged || e.Actor != "admin" || e.Note != "user newbie created" ||
			!slices.Contains(e.Changes, heed.Change{Field: "role", New: "complaints_officer"}) {
			t.Errorf("audit entry %+v", e)
		}
		for _, c := range e.Changes {
			if c.New == "h" {
				t.Error("the password hash is in the audit log")
			}
		}
		if err := db.CreateUser(ctx, admin, &heed.User{Username: "newbie", Role: heed.RoleViewer}); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a duplicate: %v", err)
		}
		if e2 := lastAudit(t, db); e2.ID != e.ID {
			t.Error("a refused user was audited")
		}
	})
}

func TestSaveTargets(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, dialect)
			db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			openAndClosed(t, db)

			// Too long a target, and a statutory ceiling raised with it:
			// the ceiling is not the council's to set, so it is refused.
			bad := db.Rules()
			bad.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 30
			bad.Procedures[heed.ChildrenStatutory].Stages[0].Statutory = 99
			bad.ReplyDays[heed.TypeComment] = 0
			before := lastAudit(t, db).ID
			_, err = db.SaveTargets(ctx, admin, bad)
			var rerrs heed.RuleErrors
			if !errors.As(err, &rerrs) || len(rerrs) != 2 ||
				rerrs[0].Key != "procedures.children_statutory.stage1.target_working_days" ||
				rerrs[1].Key != "record_types.comment.target_working_days" {
				t.Fatalf("SaveTargets(bad) = %v, want the two rule errors", err)
			}
			if got := db.Rules().Procedures[heed.ChildrenStatutory].Stages[0]; got.TargetDays != 10 || got.Statutory != 20 {
				t.Errorf("after a refused save the rule is %+v", got)
			}
			if lastAudit(t, db).ID != before {
				t.Error("a refused save wrote the audit log")
			}

			// Saved without a change: nothing moves, nothing is written.
			if moved, err := db.SaveTargets(ctx, admin, db.Rules()); err != nil || moved != 0 || lastAudit(t, db).ID != before {
				t.Errorf("a save without changes: moved %d, %v", moved, err)
			}

			good := db.Rules()
			good.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 15
			good.ReplyDays[heed.TypeComment] = 20
			moved, err := db.SaveTargets(ctx, admin, good)
			if err != nil {
				t.Fatal(err)
			}
			if moved != 1 {
				t.Errorf("moved %d deadlines, want 1 (the open stage only)", moved)
			}
			// 15 working days after Monday 2 November 2026.
			if got := mustFind(t, db, "OPEN").Stage(1).Deadline; got != d("2026-11-23") {
				t.Errorf("open deadline = %s, want 2026-11-23", got)
			}
			if got := mustFind(t, db, "CLOSED").Stage(1).Deadline; got != d("2026-11-16") {
				t.Errorf("closed deadline moved to %s", got)
			}
			e := lastAudit(t, db)
			if e.Action != heed.AuditSettingsChanged || e.Actor != "admin" || len(e.Changes) != 2 ||
				e.Changes[0] != (heed.Change{Field: "procedures.children_statutory.stage1.target_working_days", Old: "10", New: "15"}) ||
				e.Changes[1] != (heed.Change{Field: "record_types.comment.target_working_days", Old: "15", New: "20"}) {
				t.Errorf("audit entry %+v", e)
			}
			h, _ := db.RecordHistory(ctx, mustFind(t, db, "OPEN").ID)
			if last := h[len(h)-1]; last.Action != heed.AuditDeadlineMoved || last.Note != "procedure targets changed" {
				t.Errorf("history %+v", last)
			}
			// A new record gets the new target at once.
			later := &heed.Record{Reference: "LATER", Type: heed.TypeComplaint, Received: d("2026-11-02"),
				ServiceArea: "Education", Procedure: heed.ChildrenStatutory}
			if err := db.CreateRecord(ctx, storetest.Actor, later); err != nil {
				t.Fatal(err)
			}
			if got := mustFind(t, db, "LATER").Stage(1).Deadline; got != d("2026-11-23") {
				t.Errorf("a new record's deadline = %s, want 2026-11-23", got)
			}
			// Rules returns a copy: changing it changes nothing in force.
			db.Rules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 1
			if db.Rules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 15 {
				t.Error("the rules in force were changed through Rules()")
			}

			// Opened again with the configuration's rules, the saved
			// targets win.
			db.Close()
			db2, err := sqlstore.Open(ctx, dsn, sqlstore.Options{Rules: heed.DefaultRules()})
			if err != nil {
				t.Fatal(err)
			}
			defer db2.Close()
			r := db2.Rules()
			if r.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 15 || r.ReplyDays[heed.TypeComment] != 20 ||
				r.Procedures[heed.Corporate].Stages[0].TargetDays != 10 {
				t.Errorf("rules after reopening: %+v", r)
			}
		})
	}
}

// TestTargetsChangeWhileRecordsAreSaved saves targets while records are
// created and the rules read: run with -race, it proves the swap is safe.
func TestTargetsChangeWhileRecordsAreSaved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		done := make(chan error)
		go func() {
			for i := range 10 {
				rec := &heed.Record{Reference: fmt.Sprintf("C-%d", i), Type: heed.TypeComplaint, Received: d("2026-11-02"),
					ServiceArea: "Education", Procedure: heed.ChildrenStatutory}
				if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
					done <- err
					return
				}
				_ = db.Rules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays
			}
			done <- nil
		}()
		for _, days := range []int{12, 15} {
			r := db.Rules()
			r.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = days
			if _, err := db.SaveTargets(ctx, admin, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		// Whatever the order, every open deadline now follows 15 days.
		if _, err := db.RecomputeDeadlines(ctx, admin); err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			if got := mustFind(t, db, fmt.Sprintf("C-%d", i)).Stage(1).Deadline; got != d("2026-11-23") {
				t.Errorf("C-%d: deadline %s, want 2026-11-23", i, got)
			}
		}
	})
}

// TestServiceAreasKept checks that the service areas' names, which the
// store keeps, follow every change made through it: an area added or
// renamed, and one that a new or changed record brings.
func TestServiceAreasKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		want := func(step string, names ...string) {
			t.Helper()
			got, err := db.ServiceAreas(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, names) {
				t.Errorf("%s: service areas %q, want %q", step, got, names)
			}
		}
		want("at first")
		a, err := db.CreateServiceArea(ctx, admin, "Highways")
		if err != nil {
			t.Fatal(err)
		}
		want("added", "Highways")
		if err := db.RenameServiceArea(ctx, admin, a.ID, "Roads"); err != nil {
			t.Fatal(err)
		}
		want("renamed", "Roads")
		rec := &heed.Record{Reference: "W-1", Type: heed.TypeCompliment, Received: d("2015-03-02"), ServiceArea: "Waste"}
		if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		want("a record brought one", "Roads", "Waste")
		rec.ServiceArea = "Libraries"
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		want("a changed record brought one", "Libraries", "Roads", "Waste")
		// The copy returned is the caller's.
		got, _ := db.ServiceAreas(ctx)
		got[0] = "changed"
		want("after the caller changed its copy", "Libraries", "Roads", "Waste")
	})
}
