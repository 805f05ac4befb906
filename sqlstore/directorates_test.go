package sqlstore_test

import (
	"context"
	"slices"
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
