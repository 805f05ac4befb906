package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestUpgradeTicksYoungPersons: a database from before Normalize ticked the
// young-person flag may hold complaints from a child with the flag
// unticked, left out of the young people's table. The upgrade ticks it,
// says so in each one's history, and the kept report counts follow.
func TestUpgradeTicksYoungPersons(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			old, dsn := migratedTo(t, dialect, 19)
			now := time.Date(2015, 3, 2, 9, 0, 0, 0, time.UTC)
			if _, err := old.SQL().ExecContext(ctx, `INSERT INTO service_areas (id, name, name_key) VALUES (1, 'Children''s Social Care', 'children''s social care')`); err != nil {
				t.Fatal(err)
			}
			if _, err := old.SQL().ExecContext(ctx, `INSERT INTO records (id, reference, reference_key, type, received, service_area_id,
				complainant_type, young_person, created_at, updated_at) VALUES
				(1, 'YP-1', 'yp-1', 'complaint', '2015-03-02', 1, 'child_or_young_person', FALSE, $1, $1),
				(2, 'YP-2', 'yp-2', 'complaint', '2015-03-02', 1, 'parent', TRUE, $1, $1),
				(3, 'YP-3', 'yp-3', 'complaint', '2015-03-02', 1, 'parent', FALSE, $1, $1)`, now); err != nil {
				t.Fatal(err)
			}
			if err := old.RebuildCounts(ctx); err != nil {
				t.Fatal(err)
			}
			db := reopened(t, old, dsn)
			for id, want := range map[int64]bool{1: true, 2: true, 3: false} {
				if r, err := db.FindRecordByID(ctx, id); err != nil || r.YoungPerson != want {
					t.Errorf("record %d: young person %v, want %v (%v)", id, r.YoungPerson, want, err)
				}
			}
			if r, _ := db.FindRecordByID(ctx, 1); r.Version != 2 {
				t.Errorf("YP-1 is at version %d after the upgrade changed it, want 2", r.Version)
			}
			hist, err := db.RecordHistory(ctx, 1)
			if err != nil || len(hist) != 1 || hist[0].Changes[0] != (heed.Change{Field: "young_person", Old: "", New: "yes"}) {
				t.Errorf("YP-1's history: %+v (%v)", hist, err)
			}
			if hist, _ := db.RecordHistory(ctx, 2); len(hist) != 0 {
				t.Errorf("YP-2 was not changed, yet has history %+v", hist)
			}
			rep, err := report.Generate(ctx, db, report.Annual(2014), report.Options{AsOf: calendar.MustParseDate("2015-03-20")})
			if err != nil {
				t.Fatal(err)
			}
			if n := rep.Table("young_people").Rows[0].Values[0].N; n != 2 {
				t.Errorf("the young people's table counts %v complaints, want 2", n)
			}
			checkKeptCounts(t, db)
		})
	}
}
