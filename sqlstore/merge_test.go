package sqlstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestMergeNames: merging a mistyped theme, a team and a service area
// re-files every record, each with a new version and a line of history,
// keeps the report counts equal to counts rebuilt from the records, and
// removes the name merged; a team merges only within its service area.
func TestMergeNames(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		recs := heed.RecordList{
			complaintIn("M-1", "Education", "Dealy"),
			complaintIn("M-2", "Education", "Delay"),
			complaintIn("M-3", "Schools", "Dealy"),
			complaintIn("M-4", "Schools", "Delay"),
		}
		recs[0].Team, recs[2].Team, recs[3].Team = "Admissions", "Admissions", "Transport"
		// A voided record under the names merged: in no count, before or after.
		voided := complaintIn("M-5", "Schools", "Dealy")
		voided.Team = "Admissions"
		recs = append(recs, voided)
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{NewNames: true}); err != nil {
			t.Fatal(err)
		}
		m5, _ := db.FindRecordByReference(ctx, "M-5")
		if err := db.VoidRecord(ctx, storetest.Actor, m5.ID, m5.Version, "entered twice"); err != nil {
			t.Fatal(err)
		}
		themes, _ := db.Themes(ctx)
		id := func(name string) int64 {
			for _, th := range themes {
				if th.Name == name {
					return th.ID
				}
			}
			t.Fatalf("no theme %s", name)
			return 0
		}
		moved, err := db.MergeNames(ctx, storetest.Actor, heed.NameTheme, id("Dealy"), id("Delay"))
		if err != nil || moved != 3 {
			t.Fatalf("merge theme: %d %v", moved, err)
		}
		for _, ref := range []string{"M-1", "M-3"} {
			r, _ := db.FindRecordByReference(ctx, ref)
			if r.Theme != "Delay" || r.Version != 2 {
				t.Errorf("%s after the merge: theme %q version %d", ref, r.Theme, r.Version)
			}
			h, _ := db.RecordHistory(ctx, r.ID)
			last := h[len(h)-1]
			if last.Action != heed.AuditUpdated || !strings.Contains(last.Note, "theme Dealy merged into Delay") ||
				len(last.Changes) != 1 || last.Changes[0].Old != "Dealy" || last.Changes[0].New != "Delay" {
				t.Errorf("%s's last history line: %+v", ref, last)
			}
		}
		if themes, _ = db.Themes(ctx); len(themes) != 1 || themes[0].Records != 4 {
			t.Errorf("themes after the merge: %+v", themes)
		}
		checkKeptCounts(t, db)

		areas, _ := db.ServiceAreaList(ctx)
		byName := map[string]heed.ServiceArea{}
		for _, a := range areas {
			byName[a.Name] = a
		}
		edu, schools := byName["Education"], byName["Schools"]
		if _, err := db.MergeNames(ctx, storetest.Actor, heed.NameTeam, schools.Teams[0].ID, edu.Teams[0].ID); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a team merged into another area's: %v", err)
		}
		if _, err := db.MergeNames(ctx, storetest.Actor, heed.NameTheme, themes[0].ID, themes[0].ID); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a theme merged into itself: %v", err)
		}

		// Schools into Education: its Admissions joins Education's, its
		// Transport moves across, and its manager manages Education.
		mgr := &heed.User{Username: "sam", DisplayName: "Sam Manager", Role: heed.RoleManager, ServiceAreas: []string{"Schools"}, PasswordHash: "x"}
		if err := db.CreateUser(ctx, storetest.Actor, mgr); err != nil {
			t.Fatal(err)
		}
		if moved, err := db.MergeNames(ctx, storetest.Actor, heed.NameServiceArea, schools.ID, edu.ID); err != nil || moved != 3 {
			t.Fatalf("merge service area: %d %v", moved, err)
		}
		areas, _ = db.ServiceAreaList(ctx)
		var teams []string
		for _, tm := range areas[0].Teams {
			teams = append(teams, tm.Name)
		}
		if len(areas) != 1 || areas[0].Name != "Education" || areas[0].Records != 4 || !slices.Equal(teams, []string{"Admissions", "Transport"}) {
			t.Errorf("areas after the merge: %+v", areas)
		}
		for ref, team := range map[string]string{"M-3": "Admissions", "M-4": "Transport", "M-5": "Admissions"} {
			if r, _ := db.FindRecordByReference(ctx, ref); r.ServiceArea != "Education" || r.Team != team {
				t.Errorf("%s: %s / %s, want Education / %s", ref, r.ServiceArea, r.Team, team)
			}
		}
		if u, _ := db.FindUserByUsername(ctx, "sam"); u == nil || !slices.Equal(u.ServiceAreas, []string{"Education"}) {
			t.Errorf("the manager of Schools now manages %v", u)
		}
		checkKeptCounts(t, db)

		// Retired: kept, and flagged.
		if err := db.RetireName(ctx, storetest.Actor, heed.NameTheme, themes[0].ID, true); err != nil {
			t.Fatal(err)
		}
		if themes, _ := db.Themes(ctx); !themes[0].Retired || themes[0].Records != 4 {
			t.Errorf("a retired theme: %+v", themes)
		}
		if err := db.RetireName(ctx, storetest.Actor, heed.NameTeam, 99999, true); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("retiring no team: %v", err)
		}
	})
}
