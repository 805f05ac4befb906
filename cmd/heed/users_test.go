package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore/storetest"
)

var oneTimePassword = regexp.MustCompile(`One-time password for (\S+): (\S+)`)

// TestUsersCommands adds, lists, resets, disables and enables users from
// the command line, on each backend: a one-time password is printed and
// stored as its hash, and a reset or disabling ends the user's sessions.
func TestUsersCommands(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			env := map[string]string{"HEED_DB": storetest.DSN(t, d)}
			csv := filepath.Join(dir, "one.csv")
			os.WriteFile(csv, []byte("reference,type,received,service_area\nR-1,compliment,2015-01-05,Highways\n"), 0o600)
			if r := heedCmd(t, dir, env, "import", csv); r.code != 0 {
				t.Fatalf("import: %s", r.stderr)
			}
			if r := heedCmd(t, dir, env, "users", "list"); r.code != 0 || !strings.Contains(r.stdout, "no users yet") {
				t.Errorf("list with no users: exit %d %q", r.code, r.stdout)
			}

			r := heedCmd(t, dir, env, "users", "add", "jo", "--role", "manager", "--area", "highways", "--name", "Jo Bloggs")
			if r.code != 0 {
				t.Fatalf("add: exit %d %s", r.code, r.stderr)
			}
			m := oneTimePassword.FindStringSubmatch(r.stdout)
			if m == nil || m[1] != "jo" {
				t.Fatalf("add printed no one-time password: %q", r.stdout)
			}
			db := open(t, env["HEED_DB"])
			u, err := db.FindUserByUsername(ctx, "jo")
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := argon2id.ComparePasswordAndHash(m[2], u.PasswordHash); !ok || !u.MustChange || u.Role != heed.RoleManager ||
				!slices.Equal(u.ServiceAreas, []string{"Highways"}) || u.DisplayName != "Jo Bloggs" {
				t.Errorf("added %+v; the printed password matches: %v", u, ok)
			}

			for _, tt := range []struct {
				args []string
				code int
				want string
			}{
				{[]string{"add", "JO", "--role", "viewer"}, 1, "already a user called JO"},
				{[]string{"add", "kim", "--role", "boss"}, 2, "complaints_officer"},
				{[]string{"add", "kim", "--role", "manager"}, 2, "--area"},
				{[]string{"add", "kim", "--role", "viewer", "--area", "Highways"}, 2, "only a manager"},
				{[]string{"add", "kim", "--role", "manager", "--area", "Nowhere"}, 1, "The service areas are: Highways"},
				{[]string{"add", "kim smith", "--role", "viewer"}, 2, "can only contain"},
				{[]string{"add", "--role", "viewer"}, 2, "name the user"},
				{[]string{"reset", "nobody"}, 1, `no user called "nobody"`},
				{[]string{"rename", "jo"}, 2, "list, add, reset, disable or enable"},
				{nil, 2, "list, add, reset, disable or enable"},
			} {
				r := heedCmd(t, dir, env, append([]string{"users"}, tt.args...)...)
				if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
					t.Errorf("heed users %q: exit %d %q, want exit %d with %q", tt.args, r.code, r.stderr, tt.code, tt.want)
				}
			}
			if r := heedCmd(t, dir, env, "users", "add", "--role", "viewer", "vic"); r.code != 0 {
				t.Errorf("the name after the flags: exit %d %s", r.code, r.stderr)
			}
			r = heedCmd(t, dir, env, "users", "list")
			if r.code != 0 || !regexp.MustCompile(`jo +Manager +Jo Bloggs +Highways +one-time password not yet changed`).MatchString(r.stdout) ||
				!strings.Contains(r.stdout, "vic") || strings.Contains(r.stdout, "kim") {
				t.Errorf("list: exit %d\n%s", r.code, r.stdout)
			}

			session := func(token string) {
				t.Helper()
				if err := db.CreateSession(ctx, &heed.Session{TokenHash: token, UserID: u.ID, CSRFToken: "c", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
					t.Fatal(err)
				}
			}
			ended := func(token string) bool {
				_, _, err := db.FindSession(ctx, token)
				return heed.ErrorCode(err) == heed.ENOTFOUND
			}
			session("before-reset")
			r = heedCmd(t, dir, env, "users", "reset", "jo")
			m2 := oneTimePassword.FindStringSubmatch(r.stdout)
			if r.code != 0 || m2 == nil || m2[2] == m[2] {
				t.Fatalf("reset: exit %d %q %s", r.code, r.stdout, r.stderr)
			}
			if got, _ := db.FindUserByUsername(ctx, "jo"); !got.MustChange {
				t.Error("after a reset the password need not be changed")
			} else if ok, _ := argon2id.ComparePasswordAndHash(m2[2], got.PasswordHash); !ok {
				t.Error("the new one-time password does not match")
			}
			if !ended("before-reset") {
				t.Error("a session survived the reset")
			}

			session("before-disable")
			if r := heedCmd(t, dir, env, "users", "disable", "jo"); r.code != 0 || !strings.Contains(r.stdout, "disabled") {
				t.Fatalf("disable: exit %d %q %s", r.code, r.stdout, r.stderr)
			}
			if got, _ := db.FindUserByUsername(ctx, "jo"); !got.Disabled {
				t.Error("not disabled")
			}
			if !ended("before-disable") {
				t.Error("a session survived disabling")
			}
			if r := heedCmd(t, dir, env, "users", "list"); !regexp.MustCompile(`jo .* disabled`).MatchString(r.stdout) {
				t.Errorf("list does not show jo disabled:\n%s", r.stdout)
			}
			if r := heedCmd(t, dir, env, "users", "enable", "jo"); r.code != 0 {
				t.Fatalf("enable: exit %d %s", r.code, r.stderr)
			}
			if got, _ := db.FindUserByUsername(ctx, "jo"); got.Disabled {
				t.Error("still disabled")
			}
		})
	}
}
