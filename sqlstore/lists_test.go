package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestOpenStagesPagesAndSorts lists every open stage a page at a time,
// never stopping at a limit the caller did not ask for, sorted by due day,
// received day or service area, with who holds each by their full name.
func TestOpenStagesPagesAndSorts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		if err := db.CreateUser(ctx, storetest.Actor, &heed.User{Username: "jo", DisplayName: "Jo Bloggs", Role: heed.RoleInvestigator, PasswordHash: "h"}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, storetest.Actor, &heed.User{Username: "nn", Role: heed.RoleInvestigator, PasswordHash: "h"}); err != nil {
			t.Fatal(err)
		}
		// 60 open stages, more than the 50 the work list used to stop at:
		// received a day apart, so due in the same order, alternating
		// between two areas and three holders.
		var recs []*heed.Record
		areas := []string{"Waste", "Highways"}
		holders := []string{"jo", "", "nn"}
		for i := range 60 {
			recs = append(recs, &heed.Record{Reference: fmt.Sprintf("W-%02d", i), Type: heed.TypeComplaint,
				Received: d("2015-01-05").AddDays(i), ServiceArea: areas[i%2], Procedure: heed.Corporate,
				Stages: []heed.Stage{{Number: 1, Investigator: holders[i%3]}}})
		}
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		list := func(f heed.OpenStageFilter) ([]heed.OpenStage, int) {
			t.Helper()
			got, total, err := db.OpenStages(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return got, total
		}
		refs := func(stages []heed.OpenStage) []string {
			var out []string
			for _, s := range stages {
				out = append(out, s.Reference)
			}
			return out
		}
		// Every stage, page by page.
		var all []string
		for offset := 0; ; offset += 25 {
			page, total := list(heed.OpenStageFilter{Offset: offset, Limit: 25})
			if total != 60 {
				t.Fatalf("offset %d: total %d, want 60", offset, total)
			}
			if len(page) == 0 {
				break
			}
			all = append(all, refs(page)...)
		}
		if len(all) != 60 || all[0] != "W-00" || all[59] != "W-59" {
			t.Errorf("every page, earliest due first: %d stages, %v ... %v", len(all), all[:1], all[len(all)-1:])
		}
		if got, total := list(heed.OpenStageFilter{}); len(got) != 50 || total != 60 {
			t.Errorf("without a limit: a page of %d, total %d; want 50 of 60", len(got), total)
		}
		if got, total := list(heed.OpenStageFilter{Offset: 100, Limit: 25}); len(got) != 0 || total != 60 {
			t.Errorf("past the end: %d, total %d", len(got), total)
		}
		if got, _ := list(heed.OpenStageFilter{Sort: heed.SortDue, Descending: true, Limit: 2}); !slices.Equal(refs(got), []string{"W-59", "W-58"}) {
			t.Errorf("latest due first: %v", refs(got))
		}
		if got, _ := list(heed.OpenStageFilter{Sort: heed.SortReceived, Descending: true, Limit: 2}); !slices.Equal(refs(got), []string{"W-59", "W-58"}) {
			t.Errorf("newest received first: %v", refs(got))
		}
		// By area (Highways before Waste), then by due day.
		if got, _ := list(heed.OpenStageFilter{Sort: heed.SortArea, Limit: 2}); !slices.Equal(refs(got), []string{"W-01", "W-03"}) {
			t.Errorf("by area: %v", refs(got))
		}
		if got, _ := list(heed.OpenStageFilter{Sort: heed.SortArea, Descending: true, Limit: 2}); !slices.Equal(refs(got), []string{"W-00", "W-02"}) {
			t.Errorf("by area, Z to A: %v", refs(got))
		}
		got, total := list(heed.OpenStageFilter{Unallocated: true, Limit: 100})
		if total != 20 || len(got) != 20 {
			t.Errorf("unallocated: %d of %d, want 20", len(got), total)
		}
		// Who holds a stage: the display name, the user name when the user
		// has none, and no one when unallocated.
		first, _ := list(heed.OpenStageFilter{Limit: 3})
		want := [][2]string{{"jo", "Jo Bloggs"}, {"", ""}, {"nn", "nn"}}
		for i, s := range first {
			if s.Investigator != want[i][0] || s.Holder != want[i][1] {
				t.Errorf("%s: held by %q (%q), want %q (%q)", s.Reference, s.Investigator, s.Holder, want[i][0], want[i][1])
			}
			if s.Received != recs[i].Received {
				t.Errorf("%s: received %v, want %v", s.Reference, s.Received, recs[i].Received)
			}
		}
		if got, total := list(heed.OpenStageFilter{OnlyServiceAreas: []string{"Highways"}, Limit: 100}); total != 30 || len(got) != 30 {
			t.Errorf("a manager's area: %d of %d, want 30", len(got), total)
		}
		// The cases list names who holds each case's open stage too.
		cases, _, err := db.ListCases(ctx, heed.CaseFilter{Sort: heed.SortReference, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range cases {
			if c.Holder != want[i][1] {
				t.Errorf("the cases list: %s held by %q, want %q", c.Reference, c.Holder, want[i][1])
			}
		}
		// A record entered in error leaves the lists.
		if err := db.VoidRecord(ctx, storetest.Actor, recs[1].ID, recs[1].Version, "entered in error"); err != nil {
			t.Fatal(err)
		}
		if got, total := list(heed.OpenStageFilter{Limit: 100}); total != 59 || slices.Contains(refs(got), "W-01") {
			t.Errorf("after voiding W-01: %d, %v", total, refs(got))
		}
	})
}
