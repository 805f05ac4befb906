package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestNumberedReferences gives new records references in sequence per
// prefix and year, passing over one already stored, and never the same
// number twice when records are saved at once.
func TestNumberedReferences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rec := func(received string) *heed.Record {
			return &heed.Record{Type: heed.TypeComplaint, Received: d(received), ServiceArea: "Highways", Procedure: heed.Corporate}
		}
		// An imported record holds the number the sequence comes to second.
		typed := rec("2015-03-02")
		typed.Reference = "CMP-2015-00002"
		if err := db.CreateRecord(ctx, storetest.Actor, typed); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, received := range []string{"2015-03-02", "2015-03-03", "2015-03-04", "2014-12-01"} {
			r := rec(received)
			if err := db.CreateNumbered(ctx, storetest.Actor, r, "CMP"); err != nil {
				t.Fatal(err)
			}
			got = append(got, r.Reference)
		}
		want := []string{"CMP-2015-00001", "CMP-2015-00003", "CMP-2015-00004", "CMP-2014-00001"}
		if !slices.Equal(got, want) {
			t.Errorf("references %v, want %v", got, want)
		}
		// A record the rules refuse takes no number.
		bad := rec("2015-03-05")
		bad.ServiceArea = ""
		if err := db.CreateNumbered(ctx, storetest.Actor, bad, "CMP"); heed.ErrorCode(err) != heed.EINVALID {
			t.Fatalf("a record without a service area: %v", err)
		}
		other := rec("2015-03-05")
		if err := db.CreateNumbered(ctx, storetest.Actor, other, "CMP"); err != nil || other.Reference != "CMP-2015-00005" {
			t.Errorf("after a refused record: %s, %v", other.Reference, err)
		}
		if err := db.CreateNumbered(ctx, storetest.Actor, rec("2015-03-05"), "cmp;"); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a prefix outside the pattern: %v", err)
		}
		// Saved at once: each gets its own number, in one unbroken run.
		const n = 12
		refs := make([]string, n)
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				r := rec("2016-01-05")
				errs[i] = db.CreateNumbered(ctx, storetest.Actor, r, "CMP")
				refs[i] = r.Reference
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
		}
		slices.Sort(refs)
		for i, ref := range refs {
			if want := fmt.Sprintf("CMP-2016-%05d", i+1); ref != want {
				t.Errorf("concurrent reference %d: %s, want %s (all: %v)", i, ref, want, refs)
				break
			}
		}
		if _, err := db.FindRecordByReference(ctx, "CMP-2016-00012"); err != nil {
			t.Errorf("the last concurrent record: %v", err)
		}
	})
}

// TestFormPosts claims a form's token once: a second claim learns where
// the first post led, and a released token can be claimed again.
func TestFormPosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		u := &heed.User{Username: "jo", Role: heed.RoleOfficer, PasswordHash: "h"}
		if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
			t.Fatal(err)
		}
		claimed, _, err := db.ClaimFormPost(ctx, u.ID, "t1", time.Hour)
		if err != nil || !claimed {
			t.Fatalf("first claim: %v, %v", claimed, err)
		}
		if claimed, loc, err := db.ClaimFormPost(ctx, u.ID, "t1", time.Hour); err != nil || claimed || loc != "" {
			t.Fatalf("while the first is saving: %v %q %v", claimed, loc, err)
		}
		if err := db.FinishFormPost(ctx, "t1", "/cases/X-1?done=recorded"); err != nil {
			t.Fatal(err)
		}
		if claimed, loc, err := db.ClaimFormPost(ctx, u.ID, "t1", time.Hour); err != nil || claimed || loc != "/cases/X-1?done=recorded" {
			t.Fatalf("after the first: %v %q %v", claimed, loc, err)
		}
		if err := db.ReleaseFormPost(ctx, "t1"); err != nil {
			t.Fatal(err)
		}
		if claimed, _, _ := db.ClaimFormPost(ctx, u.ID, "t1", time.Hour); claimed {
			t.Error("a finished post's token was released")
		}
		if claimed, _, _ := db.ClaimFormPost(ctx, u.ID, "t2", time.Hour); !claimed {
			t.Fatal("t2 not claimed")
		}
		if err := db.ReleaseFormPost(ctx, "t2"); err != nil {
			t.Fatal(err)
		}
		if claimed, _, _ := db.ClaimFormPost(ctx, u.ID, "t2", time.Hour); !claimed {
			t.Error("a released token cannot be claimed again")
		}
		// A claim older than the time asked for is forgotten.
		if err := db.FinishFormPost(ctx, "t2", "/cases/X-2"); err != nil {
			t.Fatal(err)
		}
		if claimed, _, _ := db.ClaimFormPost(ctx, u.ID, "t2", -time.Second); !claimed {
			t.Error("a claim older than asked for is still known")
		}
	})
}
