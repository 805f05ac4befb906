package sqlstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestUpgradeMergesNamesWrittenDifferently: a database from before names
// had keys may hold one name several times, written differently, and two
// references that differ only in case. The upgrade merges the names, with
// what is filed under them and the managers of them, renames the newer
// reference, repairs a name holding a control character, and says so in
// the audit log.
func TestUpgradeMergesNamesWrittenDifferently(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			old, dsn := migratedTo(t, dialect, 15)
			now := time.Date(2015, 3, 2, 9, 0, 0, 0, time.UTC)
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`INSERT INTO service_areas (id, name) VALUES (1, 'Children''s Social Care'), (2, 'children''s social care'), (3, 'Zeta` + "\x1f" + `Housing')`, nil},
				{`INSERT INTO teams (id, service_area_id, name) VALUES (1, 1, 'Duty'), (2, 2, 'duty'), (3, 2, 'Fostering')`, nil},
				{`INSERT INTO themes (id, name) VALUES (1, 'Delay'), (2, 'DELAY')`, nil},
				{`INSERT INTO records (id, reference, type, received, service_area_id, team_id, theme_id, created_at, updated_at)
					VALUES (1, 'DC-1', 'complaint', '2015-03-02', 1, 1, 1, $1, $1), (2, 'dc-1', 'complaint', '2015-03-02', 2, 2, 2, $1, $1),
					(3, 'dc-1-2', 'compliment', '2015-03-02', 3, NULL, NULL, $1, $1)`, []any{now}},
				{`INSERT INTO users (id, username, display_name, role, password_hash, must_change, created_at) VALUES (1, 'mo', 'Mo', 'manager', '', FALSE, $1)`, []any{now}},
				{`INSERT INTO user_service_areas (user_id, service_area_id) VALUES (1, 2)`, nil},
			} {
				if _, err := old.SQL().ExecContext(ctx, q.sql, q.args...); err != nil {
					t.Fatalf("%s: %v", q.sql, err)
				}
			}
			if err := old.RebuildCounts(ctx); err != nil {
				t.Fatal(err)
			}
			db := reopened(t, old, dsn)
			if got := areaNames(t, db); !slices.Equal(got, []string{"Children's Social Care", "Zeta Housing"}) {
				t.Errorf("service areas after the upgrade: %q", got)
			}
			areas, _ := db.ServiceAreaList(ctx)
			var teams []string
			for _, tm := range areas[0].Teams {
				teams = append(teams, tm.Name)
			}
			if !slices.Equal(teams, []string{"Duty", "Fostering"}) {
				t.Errorf("teams of Children's Social Care: %q, want Duty and Fostering", teams)
			}
			a, err := db.FindRecordByReference(ctx, "DC-1")
			if err != nil || a.ServiceArea != "Children's Social Care" || a.Team != "Duty" || a.Theme != "Delay" {
				t.Errorf("DC-1: %+v (%v)", a, err)
			}
			b, err := db.FindRecordByID(ctx, 2)
			if err != nil || b.Reference != "dc-1-3" || b.ServiceArea != "Children's Social Care" || b.Team != "Duty" || b.Theme != "Delay" {
				t.Errorf("the second dc-1 after the upgrade: %+v (%v); want dc-1-3 (dc-1-2 is taken) in the merged names", b, err)
			}
			if c, err := db.FindRecordByID(ctx, 3); err != nil || c.Reference != "dc-1-2" || c.ServiceArea != "Zeta Housing" {
				t.Errorf("record 3: %+v (%v)", c, err)
			}
			u, err := db.FindUserByUsername(ctx, "mo")
			if err != nil || !slices.Equal(u.ServiceAreas, []string{"Children's Social Care"}) {
				t.Errorf("the manager's areas: %v (%v)", u, err)
			}
			hist, err := db.RecordHistory(ctx, 2)
			if err != nil || len(hist) != 1 || hist[0].Changes[0] != (heed.Change{Field: "reference", Old: "dc-1", New: "dc-1-3"}) {
				t.Errorf("record 2's history: %+v (%v)", hist, err)
			}
			log, _, err := db.AuditLog(ctx, heed.AuditFilter{Action: heed.AuditSettingsChanged, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			var notes []string
			for _, e := range log {
				notes = append(notes, e.Note)
			}
			for _, want := range []string{`service area "children's social care" merged into "Children's Social Care"`,
				`team "duty" merged into "Duty"`, `theme "DELAY" merged into "Delay"`, "service area renamed"} {
				if !slices.ContainsFunc(notes, func(n string) bool { return strings.Contains(n, want) }) {
					t.Errorf("the audit log says %q, want a line with %q", notes, want)
				}
			}
			checkKeptCounts(t, db) // the kept report counts follow the merge
		})
	}
}
