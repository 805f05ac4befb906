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

// TestSessionAreasAreNotSplitFromAString: a session's service areas are read
// as rows, never joined into one string and split again, so an area whose
// name held the old separator (U+001F) gives its manager that one area, not
// two. Such a name can no longer be made; one is written here behind the
// domain's back, as an old database might hold. Areas are assigned by their
// key, and users listed as a person reads names.
func TestSessionAreasAreNotSplitFromAString(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		bad := fullComplaint("ZH-1")
		bad.ServiceArea = "Zeta\x1fHousing"
		if err := db.CreateRecord(ctx, storetest.Actor, bad); heed.ErrorCode(err) != heed.EINVALID {
			t.Fatalf("an area named with U+001F: %v, want it refused", err)
		}
		for _, area := range []string{"Housing", "Zeta"} {
			rec := fullComplaint("R-" + area)
			rec.ServiceArea = area
			if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
		}
		const odd = "Zeta\x1fHousing"
		if _, err := db.SQL().ExecContext(ctx, `INSERT INTO service_areas (name, name_key) VALUES ($1, $2)`, odd, heed.NameKey(odd)); err != nil {
			t.Fatal(err)
		}
		m := &heed.User{Username: "zm", Role: heed.RoleManager, ServiceAreas: []string{odd}}
		if err := db.CreateUser(ctx, storetest.Actor, m); err != nil {
			t.Fatal(err)
		}
		// Areas are found by key: "housing" is the area Housing.
		m2 := &heed.User{Username: "hm", Role: heed.RoleManager, ServiceAreas: []string{"zeta", " housing "}}
		if err := db.CreateUser(ctx, storetest.Actor, m2); err != nil {
			t.Fatalf("areas named in another case: %v", err)
		}
		for token, want := range map[string][]string{"zm": {odd}, "hm": {"Housing", "Zeta"}} {
			u, err := db.FindUserByUsername(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.CreateSession(ctx, &heed.Session{TokenHash: token, UserID: u.ID, CSRFToken: "c", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			_, su, err := db.FindSession(ctx, token)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(su.ServiceAreas, want) || !slices.Equal(u.ServiceAreas, want) {
				t.Errorf("%s: session areas %q, user areas %q, want exactly %q", token, su.ServiceAreas, u.ServiceAreas, want)
			}
		}
		_, zm, _ := db.FindSession(ctx, "zm")
		if zm.ManagesArea("Housing") || zm.ManagesArea("Zeta") {
			t.Errorf("the manager of %q manages Housing or Zeta", odd)
		}

		for _, name := range []string{"Zed", "ageing", "émile"} {
			if err := db.CreateUser(ctx, storetest.Actor, &heed.User{Username: name, Role: heed.RoleViewer}); err != nil {
				t.Fatal(err)
			}
		}
		users, err := db.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range users {
			names = append(names, u.Username)
		}
		if want := []string{"ageing", "émile", "hm", "Zed", "zm"}; !slices.Equal(names, want) {
			t.Errorf("users listed %q, want %q", names, want)
		}
	})
}

// TestPasswordChangeEndsOtherSessions: changing your own password ends your
// other sessions and keeps the one you changed it from; an administrator's
// reset ends all of them. Nobody else's sessions are touched.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		u := &heed.User{Username: "officer", Role: heed.RoleOfficer, PasswordHash: "h1"}
		other := &heed.User{Username: "other", Role: heed.RoleOfficer, PasswordHash: "h1"}
		for _, user := range []*heed.User{u, other} {
			if err := db.CreateUser(ctx, storetest.Actor, user); err != nil {
				t.Fatal(err)
			}
		}
		start := func(token string, id int64) {
			t.Helper()
			if err := db.CreateSession(ctx, &heed.Session{TokenHash: token, UserID: id, CSRFToken: "c", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		live := func(token string) bool {
			_, _, err := db.FindSession(ctx, token)
			return err == nil
		}
		start("here", u.ID)
		start("laptop", u.ID)
		start("theirs", other.ID)
		if err := db.ChangeOwnPassword(ctx, heed.Actor{ID: u.ID, Name: u.Username}, u.ID, "h2", "here"); err != nil {
			t.Fatal(err)
		}
		if !live("here") || live("laptop") || !live("theirs") {
			t.Errorf("after changing their own password: here %v (want true), laptop %v (want false), another user's %v (want true)",
				live("here"), live("laptop"), live("theirs"))
		}
		if got, _ := db.FindUserByID(ctx, u.ID); got.PasswordHash != "h2" || got.MustChange {
			t.Errorf("password not changed: %+v", got)
		}
		start("laptop", u.ID)
		if err := db.SetPassword(ctx, heed.Actor{Name: "admin"}, u.ID, "h3", true); err != nil {
			t.Fatal(err)
		}
		if live("here") || live("laptop") || !live("theirs") {
			t.Errorf("after a reset: here %v, laptop %v (want both ended), another user's %v (want true)",
				live("here"), live("laptop"), live("theirs"))
		}
	})
}
