package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

func TestUsersAndSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		admin := heed.Actor{ID: 1, Name: "admin"}
		// A service area exists once a record names it.
		if err := db.CreateRecord(ctx, admin, fullComplaint("CS-1")); err != nil {
			t.Fatal(err)
		}
		area := fullComplaint("CS-1").ServiceArea

		u := &heed.User{Username: "mgr", DisplayName: "Morgan Manager", Role: heed.RoleManager, ServiceAreas: []string{area}, PasswordHash: "h1"}
		if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateUser(ctx, storetest.Actor, &heed.User{Username: "mgr", Role: heed.RoleViewer}); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Errorf("duplicate user name: %v, want a conflict", err)
		}
		for _, bad := range []*heed.User{
			{Username: "", Role: heed.RoleViewer},
			{Username: "two words", Role: heed.RoleViewer},
			{Username: "x", Role: "superuser"},
			{Username: "y", Role: heed.RoleManager, ServiceAreas: []string{"No Such Area"}},
		} {
			if err := db.CreateUser(ctx, storetest.Actor, bad); heed.ErrorCode(err) != heed.EINVALID {
				t.Errorf("CreateUser(%+v) = %v, want invalid", bad, err)
			}
		}
		got, err := db.FindUserByUsername(ctx, "mgr")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || got.Role != heed.RoleManager || len(got.ServiceAreas) != 1 || got.ServiceAreas[0] != area {
			t.Errorf("found %+v", got)
		}

		s := &heed.Session{TokenHash: "t1", UserID: u.ID, CSRFToken: "c1", ExpiresAt: time.Now().Add(time.Hour)}
		if err := db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		old := &heed.Session{TokenHash: "t0", UserID: u.ID, CSRFToken: "c0", ExpiresAt: time.Now().Add(-time.Minute)}
		if err := db.CreateSession(ctx, old); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FindSession(ctx, "t0"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("expired session found: %v", err)
		}
		fs, fu, err := db.FindSession(ctx, "t1")
		if err != nil || fs.CSRFToken != "c1" || fu.Username != "mgr" {
			t.Fatalf("FindSession = %+v, %+v, %v", fs, fu, err)
		}
		if !slices.Equal(fu.ServiceAreas, []string{area}) {
			t.Errorf("the session's manager has areas %q, want %q", fu.ServiceAreas, area)
		}
		// A second area, first by name; and a user with none.
		adults := fullComplaint("AS-1")
		adults.ServiceArea = "Adult Social Care"
		if err := db.CreateRecord(ctx, admin, adults); err != nil {
			t.Fatal(err)
		}
		two := &heed.User{Username: "mgr2", Role: heed.RoleManager, ServiceAreas: []string{area, "Adult Social Care"}}
		none := &heed.User{Username: "officer", Role: heed.RoleOfficer}
		for i, user := range []*heed.User{two, none} {
			if err := db.CreateUser(ctx, storetest.Actor, user); err != nil {
				t.Fatal(err)
			}
			token := fmt.Sprintf("t%d", i+2)
			if err := db.CreateSession(ctx, &heed.Session{TokenHash: token, UserID: user.ID, CSRFToken: "c", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			_, fu, err := db.FindSession(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{"mgr2": {"Adult Social Care", area}, "officer": nil}[user.Username]
			if !slices.Equal(fu.ServiceAreas, want) {
				t.Errorf("%s's session: areas %q, want %q", user.Username, fu.ServiceAreas, want)
			}
		}

		// Disabling the user ends their sessions and is audited.
		got.Disabled, got.Role = true, heed.RoleViewer
		if err := db.UpdateUser(ctx, admin, got); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FindSession(ctx, "t1"); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Errorf("a disabled user's session still works: %v", err)
		}
		if err := db.SetPassword(ctx, admin, u.ID, "h2", true); err != nil {
			t.Fatal(err)
		}
		entries, _, err := db.AuditLog(ctx, heed.AuditFilter{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var roleChange, reset bool
		for _, e := range entries {
			if e.Action != heed.AuditUserChanged || e.Actor != "admin" {
				continue
			}
			for _, c := range e.Changes {
				if c.Field == "role" && c.Old == "manager" && c.New == "viewer" {
					roleChange = true
				}
			}
			if e.Note == "user mgr: password reset" {
				reset = true
			}
		}
		if !roleChange || !reset {
			t.Errorf("audit log lacks the role change (%v) or the reset (%v): %+v", roleChange, reset, entries)
		}
		if got, _ := db.FindUserByID(ctx, u.ID); got.PasswordHash != "h2" || !got.MustChange {
			t.Errorf("password not reset: %+v", got)
		}
		if err := db.DeleteSession(ctx, "t1"); err != nil {
			t.Fatal(err)
		}
	})
}
