package sqlstore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestNarrative: a period's report text starts as the default sections,
// empty; it is saved and read back whole and in order, each save audited
// with what changed; a save over a version read before another's save is
// refused, as is a section without a heading, and a save that changes
// nothing writes nothing. Sections are removed and reordered by saving the
// list as it should be; each period is kept apart.
func TestNarrative(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		n, err := db.Narrative(ctx, "2026-27")
		if err != nil || n.Version != 0 || !reflect.DeepEqual(n.Sections, heed.DefaultNarrativeSections()) {
			t.Fatalf("a period with nothing saved: %+v, %v", n, err)
		}
		n.Sections[0].Text = "This report covers the year.\n\nIt goes to the committee."
		n.Sections[2].Text = "Train every team."
		n.Sections = append(n.Sections, heed.NarrativeSection{Heading: "Learning from complaints", Text: "Lessons were shared."})
		if err := db.SaveNarrative(ctx, admin, n); err != nil {
			t.Fatal(err)
		}
		if n.Version != 1 || n.UpdatedBy != "admin" {
			t.Errorf("after saving: version %d by %q", n.Version, n.UpdatedBy)
		}
		e := lastAudit(t, db)
		if e.Action != heed.AuditSettingsChanged || e.Note != "Report text 2026-27 saved" || len(e.Changes) != 5 {
			t.Errorf("audit entry %+v", e)
		}
		got, err := db.Narrative(ctx, "2026-27")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Sections, n.Sections) || got.Version != 1 || got.UpdatedBy != "admin" || got.UpdatedAt.IsZero() {
			t.Errorf("read back %+v\nwant %+v", got.Sections, n.Sections)
		}

		stale := heed.NewNarrative("2026-27")
		stale.Sections[1].Text = "Another officer's conclusions."
		if err := db.SaveNarrative(ctx, admin, stale); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("a stale save: %v, want a conflict", err)
		}
		bad := *got
		bad.Sections = append([]heed.NarrativeSection{{Heading: " ", Text: "No heading."}, {Heading: "introduction"}}, got.Sections...)
		if err := db.SaveNarrative(ctx, admin, &bad); heed.ErrorCode(err) != heed.EINVALID || len(heed.ErrorFields(err)) != 2 {
			t.Errorf("a section without a heading and a heading twice: %v", err)
		}
		before := lastAudit(t, db).ID
		same, _ := db.Narrative(ctx, "2026-27")
		if err := db.SaveNarrative(ctx, admin, same); err != nil || lastAudit(t, db).ID != before || same.Version != 1 {
			t.Errorf("a save changing nothing: %v, version %d", err, same.Version)
		}

		// Remove the conclusions, and put the new section first.
		got.Sections = []heed.NarrativeSection{got.Sections[3], got.Sections[0], got.Sections[2]}
		if err := db.SaveNarrative(ctx, admin, got); err != nil {
			t.Fatal(err)
		}
		again, _ := db.Narrative(ctx, "2026-27")
		var headings []string
		for _, s := range again.Sections {
			headings = append(headings, s.Heading)
		}
		if again.Version != 2 || !reflect.DeepEqual(headings, []string{"Learning from complaints", "Introduction", "Recommendations"}) ||
			!again.Sections[1].BeforeFigures || again.Sections[0].BeforeFigures {
			t.Errorf("after removing and reordering: version %d, %q", again.Version, headings)
		}
		for _, other := range []string{"2027-28", "2026Q3"} {
			if n, err := db.Narrative(ctx, other); err != nil || n.Version != 0 || n.Written() {
				t.Errorf("%s: %+v, %v", other, n, err)
			}
		}
		if err := db.SaveNarrative(ctx, admin, heed.NewNarrative("2026-28")); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a period that is no period: %v", err)
		}
	})
}
