package sqlstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestCodeAssessment: a year's Code self-assessment starts empty, is saved
// and read back whole, each save audited with what changed; a save over a
// version read before another's save is refused, as is a bad answer, and
// a save that changes nothing writes nothing. Each Code and year is kept
// apart.
func TestCodeAssessment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		a, err := db.CodeAssessment(ctx, heed.CodeLGSCO, 2026)
		if err != nil || a.Version != 0 || len(a.Entries) != 0 {
			t.Fatalf("a year with nothing saved: %+v, %v", a, err)
		}
		a.Entries = []heed.AssessmentEntry{
			{Requirement: "5.1", Compliant: heed.PartiallyCompliant, Evidence: "Acknowledgement letters sampled monthly.", Commentary: "Most within 5 days."},
			{Requirement: "6.3", Compliant: heed.Compliant},
		}
		for key, v := range map[string]string{"letter_upheld_rate": "62.5", "letter_upheld_average": "80", "letter_compliance_rate": "100%"} {
			if fe := a.Letter.SetFigure(key, v); fe != nil {
				t.Fatal(fe)
			}
		}
		a.GoverningResponse = "The committee noted the report."
		if err := db.SaveCodeAssessment(ctx, admin, a); err != nil {
			t.Fatal(err)
		}
		if a.Version != 1 || a.UpdatedBy != "admin" {
			t.Errorf("after saving: version %d by %q", a.Version, a.UpdatedBy)
		}
		e := lastAudit(t, db)
		if e.Action != heed.AuditSettingsChanged || e.Note != "Code annual report 2026/27 saved (lgsco)" || len(e.Changes) != 8 {
			t.Errorf("audit entry %+v", e)
		}
		got, err := db.CodeAssessment(ctx, heed.CodeLGSCO, 2026)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Fields(), a.Fields()) || got.Version != 1 || got.UpdatedBy != "admin" || got.UpdatedAt.IsZero() {
			t.Errorf("read back %+v\nwant %+v", got.Fields(), a.Fields())
		}
		if v := got.Letter.Figures()[0].Value(); v != "62.5" {
			t.Errorf("upheld rate read back as %q", v)
		}

		// Another officer's copy, opened before the save, is refused.
		stale := &heed.CodeAssessment{Code: heed.CodeLGSCO, Year: 2026, NonCompliance: "None found."}
		if err := db.SaveCodeAssessment(ctx, admin, stale); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a stale save: %v, want a conflict", err)
		}
		bad := *got
		bad.Entries = []heed.AssessmentEntry{{Requirement: "5.1", Compliant: "maybe"}, {Requirement: "99.9", Compliant: heed.Compliant}}
		if err := db.SaveCodeAssessment(ctx, admin, &bad); heed.ErrorCode(err) != heed.EINVALID || len(heed.ErrorFields(err)) != 2 {
			t.Errorf("a bad answer and an unknown requirement: %v", err)
		}
		before := lastAudit(t, db).ID
		same, _ := db.CodeAssessment(ctx, heed.CodeLGSCO, 2026)
		if err := db.SaveCodeAssessment(ctx, admin, same); err != nil || lastAudit(t, db).ID != before || same.Version != 1 {
			t.Errorf("a save changing nothing: %v, version %d, audit %d (was %d)", err, same.Version, lastAudit(t, db).ID, before)
		}

		// Emptying a figure and an answer is a change like any other.
		got.Entries = got.Entries[:1]
		got.Letter.SetFigure("letter_upheld_average", "")
		if err := db.SaveCodeAssessment(ctx, admin, got); err != nil {
			t.Fatal(err)
		}
		if e := lastAudit(t, db); len(e.Changes) != 2 {
			t.Errorf("emptying two answers: %+v", e.Changes)
		}
		again, _ := db.CodeAssessment(ctx, heed.CodeLGSCO, 2026)
		if again.Version != 2 || len(again.Entries) != 1 || again.Letter.UpheldAverage != nil {
			t.Errorf("after emptying: %+v", again)
		}
		for _, other := range []struct {
			code heed.CodeID
			year int
		}{{heed.CodeHousing, 2026}, {heed.CodeLGSCO, 2027}} {
			if a, err := db.CodeAssessment(ctx, other.code, other.year); err != nil || a.Version != 0 {
				t.Errorf("%s %d: %+v, %v", other.code, other.year, a, err)
			}
		}
	})
}
