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

// complaintIn is a minimal complaint filed under the names given.
func complaintIn(ref, area, theme string) *heed.Record {
	return &heed.Record{Reference: ref, Type: heed.TypeComplaint, Received: d("2015-03-02"),
		ServiceArea: area, Procedure: heed.Corporate, Theme: theme}
}

func areaNames(t *testing.T, db *sqlstore.DB) []string {
	t.Helper()
	areas, err := db.ServiceAreaList(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range areas {
		out = append(out, a.Name)
	}
	return out
}

// TestNamesAreComparedOneWay: a name written in another case, with a
// non-breaking space or a hidden character is the name already stored; one
// that only looks like it is refused unless new names are allowed; and a
// manager finds in their list every case they can open.
func TestNamesAreComparedOneWay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for _, rec := range []*heed.Record{complaintIn("A-1", "Children's Social Care", "Delay"), complaintIn("A-2", "Education", "Communication")} {
			if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
		}
		same := []*heed.Record{
			complaintIn("A-3", "children's social care", "delay"),
			complaintIn("A-4", "Children's\u00a0Social  Care", "DELAY"),
			complaintIn("A-5", "Edu\u200bcation", "Communication"),
		}
		sum, err := db.ImportRecords(ctx, storetest.Actor, same, heed.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.NewServiceAreas)+len(sum.NewThemes) > 0 {
			t.Errorf("new names %v %v: want none, each is a name already stored", sum.NewServiceAreas, sum.NewThemes)
		}
		if got := areaNames(t, db); !slices.Equal(got, []string{"Children's Social Care", "Education"}) {
			t.Errorf("service areas %q, want the two first stored", got)
		}
		rec, err := db.FindRecordByReference(ctx, "A-3")
		if err != nil || rec.ServiceArea != "Children's Social Care" || rec.Theme != "Delay" {
			t.Errorf("A-3 is filed under %q, %q (%v): want the stored spellings", rec.ServiceArea, rec.Theme, err)
		}

		// Look-alikes: refused, saying which name they look like.
		curly := complaintIn("A-6", "Children’s Social Care", "Delay")
		err = db.CreateRecord(ctx, storetest.Actor, curly)
		if heed.ErrorCode(err) != heed.EINVALID || len(heed.ErrorFields(err)) != 1 || heed.ErrorFields(err)[0].Field != "service_area" ||
			!strings.Contains(heed.ErrorMessage(err), `looks like the service area "Children's Social Care"`) {
			t.Fatalf("a look-alike area: %v, want it refused on service_area", err)
		}
		_, err = db.ImportRecords(ctx, storetest.Actor, []*heed.Record{complaintIn("A-7", "Youth Justice", "X"), complaintIn("A-8", "Youth-Justice", "X")}, heed.ImportOptions{})
		if heed.ErrorCode(err) != heed.EINVALID || !strings.Contains(heed.ErrorMessage(err), `row 2 (reference A-8), column service_area: "Youth-Justice" looks like the service area "Youth Justice"`) {
			t.Fatalf("two new look-alikes in one import: %v, want the second refused", err)
		}
		if got := areaNames(t, db); len(got) != 2 {
			t.Fatalf("after refused imports the areas are %q: nothing may be saved", got)
		}
		sum, err = db.ImportRecords(ctx, storetest.Actor, []*heed.Record{complaintIn("A-6", "Children’s Social Care", "Delay")}, heed.ImportOptions{NewNames: true})
		if err != nil || !slices.Equal(sum.NewServiceAreas, []string{"Children’s Social Care"}) {
			t.Fatalf("with new names allowed: %+v, %v; want the new area", sum, err)
		}

		// A manager of the area finds in the list each case they may open.
		manager := &heed.User{Username: "mo", Role: heed.RoleManager, ServiceAreas: []string{"Children's Social Care"}}
		list, _, err := db.ListCases(ctx, heed.CaseFilter{OnlyServiceAreas: []string{"CHILDREN'S SOCIAL CARE"}, LimitedAccess: true, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, c := range list {
			refs = append(refs, c.Reference)
			rec, err := db.FindRecordByReference(ctx, c.Reference)
			if err != nil || !manager.CanSee(rec) {
				t.Errorf("%s is in the manager's list but they cannot open it (%v)", c.Reference, err)
			}
		}
		slices.Sort(refs)
		if !slices.Equal(refs, []string{"A-1", "A-3", "A-4"}) {
			t.Errorf("the manager's list holds %q, want A-1, A-3 and A-4", refs)
		}
		for _, ref := range []string{"A-1", "A-3", "A-4", "A-5", "A-6"} {
			rec, _ := db.FindRecordByReference(ctx, ref)
			if seen := manager.CanSee(rec); seen != slices.Contains(refs, ref) {
				t.Errorf("%s: the manager can open it: %v; in their list: %v", ref, seen, !seen)
			}
		}
	})
}

// TestReferencesDifferingOnlyInCase: dc-1 is DC-1, found by either, and a
// second record may not take it.
func TestReferencesDifferingOnlyInCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.CreateRecord(ctx, storetest.Actor, complaintIn("DC-1", "Education", "")); err != nil {
			t.Fatal(err)
		}
		if rec, err := db.FindRecordByReference(ctx, "dc-1"); err != nil || rec.Reference != "DC-1" {
			t.Errorf("find dc-1: %v, %v; want DC-1", rec, err)
		}
		if err := db.CreateRecord(ctx, storetest.Actor, complaintIn("dc-1", "Education", "")); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("create dc-1: %v, want a conflict with DC-1", err)
		}
		_, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{complaintIn("dc-1", "Education", "")}, heed.ImportOptions{})
		if heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("import dc-1: %v, want a conflict with DC-1", err)
		}
		_, err = db.ImportRecords(ctx, storetest.Actor, []*heed.Record{complaintIn("X-1", "Education", ""), complaintIn("x-1", "Education", "")}, heed.ImportOptions{})
		if heed.ErrorCode(err) != heed.EINVALID || !strings.Contains(heed.ErrorMessage(err), "row 2 (reference x-1), column reference: the reference x-1 is already used on row 1") {
			t.Errorf("import X-1 and x-1: %v, want the second refused", err)
		}
		// --update with the other case replaces DC-1, keeping its reference.
		upd := complaintIn("dc-1", "Education", "Delay")
		if _, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{upd}, heed.ImportOptions{Update: true}); err != nil {
			t.Fatal(err)
		}
		if rec, err := db.FindRecordByReference(ctx, "DC-1"); err != nil || rec.Theme != "Delay" {
			t.Errorf("after the update DC-1 is %+v (%v)", rec, err)
		}
		list, _, err := db.ListCases(ctx, heed.CaseFilter{Limit: 10})
		if err != nil || len(list) != 1 {
			t.Errorf("cases: %d (%v), want one", len(list), err)
		}
	})
}

// TestNamesRefuseControlCharacters: a name with U+001F or NUL is refused,
// from the administration pages and in a record.
func TestNamesRefuseControlCharacters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if _, err := db.CreateServiceArea(ctx, admin, "Zeta\u001fHousing"); heed.ErrorCode(err) != heed.EINVALID ||
			!strings.Contains(heed.ErrorMessage(err), "control character (U+001F)") {
			t.Errorf("an area with U+001F: %v, want it refused", err)
		}
		if _, err := db.CreateTheme(ctx, admin, "Delay\x00"); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a theme with NUL: %v, want it refused", err)
		}
		err := db.CreateRecord(ctx, storetest.Actor, complaintIn("Z-1", "Zeta\u001fHousing", ""))
		if heed.ErrorCode(err) != heed.EINVALID || heed.ErrorFields(err)[0].Field != "service_area" {
			t.Errorf("a record in an area with U+001F: %v, want it refused", err)
		}
		err = db.CreateRecord(ctx, storetest.Actor, &heed.Record{Reference: "Z-2", Type: heed.TypeComplaint, Received: d("2015-03-02"),
			ServiceArea: "Education", Summary: "caf\xe9 \x00"})
		if heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a summary that is not UTF-8: %v, want it refused, the same on both databases", err)
		}
		if got := areaNames(t, db); len(got) != 0 {
			t.Errorf("areas %q: want none saved", got)
		}
	})
}

// TestNamesSortAsAPersonWould: lists of names are in a collation's order,
// not their bytes'.
func TestNamesSortAsAPersonWould(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		for _, n := range []string{"Zebra Crossings", "Émergency Planning", "ageing well"} {
			if _, err := db.CreateServiceArea(ctx, admin, n); err != nil {
				t.Fatal(err)
			}
			if _, err := db.CreateTheme(ctx, admin, n); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"ageing well", "Émergency Planning", "Zebra Crossings"}
		if got := areaNames(t, db); !slices.Equal(got, want) {
			t.Errorf("service area list %q, want %q", got, want)
		}
		if got, err := db.ServiceAreas(ctx); err != nil || !slices.Equal(got, want) {
			t.Errorf("service areas %q (%v), want %q", got, err, want)
		}
		themes, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, th := range themes {
			got = append(got, th.Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("themes %q, want %q", got, want)
		}
	})
}
