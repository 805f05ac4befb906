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

// TestDirectorates: a service area is put in a directorate and taken out
// of it, each change audited; a directorate written differently from one
// in use is written as in use; a bad name or an unknown area changes
// nothing.
func TestDirectorates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		var ids []int64
		for _, name := range []string{"Children's Social Care", "Education", "Highways"} {
			a, err := db.CreateServiceArea(ctx, admin, name)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		if err := db.SetDirectorate(ctx, admin, ids[0], " Children,  Families and Education "); err != nil {
			t.Fatal(err)
		}
		if e := lastAudit(t, db); e.Action != heed.AuditSettingsChanged || len(e.Changes) != 1 ||
			e.Changes[0] != (heed.Change{Field: "directorate", New: "Children, Families and Education"}) {
			t.Errorf("audit entry %+v", e)
		}
		if err := db.SetDirectorate(ctx, admin, ids[1], "children, families and education"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetDirectorate(ctx, admin, ids[2], "Place"); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []struct {
			id   int64
			name string
			code string
		}{{ids[2], "Place\x1fHousing", heed.EINVALID}, {ids[2], string(make([]byte, 101)), heed.EINVALID},
			{999999, "Place", heed.ENOTFOUND}} {
			if err := db.SetDirectorate(ctx, admin, bad.id, bad.name); heed.ErrorCode(err) != bad.code {
				t.Errorf("SetDirectorate(%d, %q) = %v, want %s", bad.id, bad.name, err, bad.code)
			}
		}
		areas, err := db.ServiceAreaList(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := heed.Directorates(areas), []string{"Children, Families and Education", "Place"}; !slices.Equal(got, want) {
			t.Errorf("directorates %q, want %q", got, want)
		}
		if got, want := heed.AreasOf(areas, "CHILDREN, FAMILIES AND EDUCATION"), []string{"Children's Social Care", "Education"}; !slices.Equal(got, want) {
			t.Errorf("areas of the directorate %q, want %q", got, want)
		}

		if err := db.SetDirectorate(ctx, admin, ids[2], ""); err != nil {
			t.Fatal(err)
		}
		if e := lastAudit(t, db); len(e.Changes) != 1 || e.Changes[0] != (heed.Change{Field: "directorate", Old: "Place"}) {
			t.Errorf("audit entry %+v", e)
		}
		areas, _ = db.ServiceAreaList(ctx)
		if got := heed.Directorates(areas); len(got) != 1 {
			t.Errorf("directorates after Highways left Place: %q", got)
		}
	})
}

// TestImportPutsAreasInDirectorates: an import row that names a directorate
// puts its service area in it when the area has none, written as a
// directorate in use is; every record then reads its area's directorate,
// moving a record to another area changes it without a line of history,
// and a row that contradicts an area's directorate is refused by row with
// nothing saved.
func TestImportPutsAreasInDirectorates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		place, err := db.CreateServiceArea(ctx, admin, "Highways")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.SetDirectorate(ctx, admin, place.ID, "Place"); err != nil {
			t.Fatal(err)
		}
		in := func(ref, area, directorate string) *heed.Record {
			r := complaintIn(ref, area, "")
			r.Directorate = directorate
			return r
		}
		sum, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{
			in("DI-1", "Education", "People"), in("DI-2", "education", " PEOPLE"), in("DI-3", "Highways", ""),
			in("DI-4", "Libraries", "place"), in("DI-5", "Parks", "")}, heed.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Education: People", "Libraries: Place"}; !slices.Equal(sum.Directorates, want) {
			t.Errorf("summary lists %q, want %q", sum.Directorates, want)
		}
		for ref, want := range map[string]string{"DI-1": "People", "DI-2": "People", "DI-3": "Place", "DI-4": "Place", "DI-5": ""} {
			if got := mustFind(t, db, ref).Directorate; got != want {
				t.Errorf("%s reads the directorate %q, want %q", ref, got, want)
			}
		}
		log, _, err := db.AuditLog(ctx, heed.AuditFilter{Action: heed.AuditSettingsChanged, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		placed := 0
		for _, e := range log {
			if strings.HasSuffix(e.Note, "set by an import") {
				placed++
			}
		}
		if placed != 2 {
			t.Errorf("%d audit entries for areas the import put in a directorate, want 2", placed)
		}

		rec := mustFind(t, db, "DI-1")
		rec.ServiceArea = "Highways"
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		moved := mustFind(t, db, "DI-1")
		if moved.Directorate != "Place" {
			t.Errorf("moved to Highways, the record reads the directorate %q", moved.Directorate)
		}
		hist, err := db.RecordHistory(ctx, moved.ID)
		if err != nil {
			t.Fatal(err)
		}
		changed := false
		for _, e := range hist {
			for _, c := range e.Changes {
				changed = changed || c.Field == "service_area" && c.New == "Highways"
				if c.Field == "directorate" {
					t.Errorf("the move wrote a history line for the directorate: %+v", c)
				}
			}
		}
		if !changed {
			t.Error("the move wrote no history line for the service area")
		}

		before := countRecords(t, db)
		_, err = db.ImportRecords(ctx, storetest.Actor, []*heed.Record{
			in("DI-6", "Highways", "People"), in("DI-7", "Museums", "People"), in("DI-8", "Museums", "Place")}, heed.ImportOptions{})
		ps := heed.ErrorProblems(err)
		if len(ps) != 2 || ps[0].Field != "directorate" || ps[1].Field != "directorate" ||
			!strings.Contains(ps[0].Message, `the service area "Highways" belongs to the directorate "Place", not "People"`) ||
			!strings.Contains(ps[1].Message, `an earlier row puts the service area "Museums" in the directorate "People", not "Place"`) {
			t.Fatalf("contradicting rows: %v", err)
		}
		if after := countRecords(t, db); after != before {
			t.Errorf("a refused import saved %d records", after-before)
		}
		areas, _ := db.ServiceAreaList(ctx)
		for _, a := range areas {
			if a.Name == "Museums" {
				t.Errorf("a refused import created the service area Museums")
			}
		}
	})
}
