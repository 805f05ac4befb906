package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/web"
)

const usersUsage = `Usage: heed users <command>

Accounts, for an administrator on the server (for example when the first
administrator's one-time password was lost):

  heed users list                                   every user, their role and service areas
  heed users add NAME --role ROLE [--area AREA]...  a new user, with a one-time password
  heed users reset NAME                             a new one-time password; their sessions end
  heed users disable NAME                           they can no longer sign in; their sessions end
  heed users enable NAME                            they can sign in again

Roles: administrator, complaints_officer, manager (give each service area
with --area), investigator, viewer. A one-time password is shown once; its
user chooses their own at first sign-in.
`

// users runs "heed users".
func (a *app) users(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError("say what to do: list, add, reset, disable or enable (heed users help)")
	}
	cmds := map[string]func(context.Context, *sqlstore.DB, []string) error{
		"list":  a.usersList,
		"add":   a.usersAdd,
		"reset": a.usersReset,
		"disable": func(ctx context.Context, db *sqlstore.DB, args []string) error {
			return a.usersDisable(ctx, db, args, true)
		},
		"enable": func(ctx context.Context, db *sqlstore.DB, args []string) error {
			return a.usersDisable(ctx, db, args, false)
		},
	}
	switch args[0] {
	case "help", "-h", "--help":
		fmt.Fprint(a.stdout, usersUsage)
		return nil
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		return usageError(fmt.Sprintf("there is no users command %q: expected list, add, reset, disable or enable", args[0]))
	}
	_, db, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return cmd(ctx, db, args[1:])
}

func (a *app) usersList(ctx context.Context, db *sqlstore.DB, args []string) error {
	fs := a.flags("users list")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("users list takes no arguments, not %q", fs.Arg(0)))
	}
	users, err := db.Users(ctx)
	if err != nil {
		return err
	}
	if len(users) == 0 {
		fmt.Fprintln(a.stdout, "There are no users yet: heed serve creates the first administrator, or use heed users add.")
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "User name\tRole\tFull name\tService areas\tStatus")
	for _, u := range users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.Role.Label(), dash(u.DisplayName),
			dash(strings.Join(u.ServiceAreas, "; ")), userStatus(u))
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// userStatus says whether the user can sign in, and how.
func userStatus(u *heed.User) string {
	switch {
	case u.Disabled:
		return "disabled"
	case u.PasswordHash == "" && u.Subject != "":
		return "single sign-on only"
	case u.PasswordHash == "":
		return "no password: heed users reset " + u.Username
	case u.MustChange:
		return "one-time password not yet changed"
	}
	return "active"
}

// areaList is a flag that may be given more than once.
type areaList []string

func (l *areaList) String() string     { return strings.Join(*l, "; ") }
func (l *areaList) Set(v string) error { *l = append(*l, v); return nil }

func (a *app) usersAdd(ctx context.Context, db *sqlstore.DB, args []string) error {
	fs := a.flags("users add")
	role := fs.String("role", "", "the user's role: administrator, complaints_officer, manager, investigator or viewer")
	name := fs.String("name", "", "the person's full name")
	email := fs.String("email", "", "the person's email address (single sign-on links by it)")
	var areas areaList
	fs.Var(&areas, "area", "a service area whose cases a manager sees (give it once for each)")
	username, err := nameThenFlags(fs, args, "heed users add NAME --role ROLE")
	if err != nil {
		return err
	}
	if msg := web.UsernameProblem(username); msg != "" {
		return usageError(msg)
	}
	r := heed.Role(*role)
	switch {
	case !slices.Contains(heed.Roles, r):
		return usageError(fmt.Sprintf("--role %q is not a role: expected administrator, complaints_officer, manager, investigator or viewer", *role))
	case r == heed.RoleManager && len(areas) == 0:
		return usageError("a manager sees the cases of their service areas: give each with --area")
	case r != heed.RoleManager && len(areas) > 0:
		return usageError("only a manager has service areas: leave out --area, or use --role manager")
	}
	if err := knownAreas(ctx, db, areas); err != nil {
		return err
	}
	users, err := db.Users(ctx)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(users, func(u *heed.User) bool { return strings.EqualFold(u.Username, username) }) {
		return heed.Errorf(heed.ECONFLICT, "There is already a user called %s: choose another user name.", username)
	}
	password, hash, err := web.OneTimePassword(nil)
	if err != nil {
		return err
	}
	u := &heed.User{Username: username, DisplayName: *name, Email: strings.TrimSpace(*email), Role: r,
		ServiceAreas: areas, PasswordHash: hash, MustChange: true}
	if err := db.CreateUser(ctx, a.actor(), u); err != nil {
		return err
	}
	what := u.Role.Label()
	if len(u.ServiceAreas) > 0 {
		what += " of " + strings.Join(u.ServiceAreas, "; ")
	}
	fmt.Fprintf(a.stdout, "User %s added (%s).\n", u.Username, what)
	printOneTimePassword(a.stdout, u.Username, password)
	return nil
}

// knownAreas checks that each area is a service area Heed holds, and lists
// those it does when one is not.
func knownAreas(ctx context.Context, db *sqlstore.DB, areas []string) error {
	if len(areas) == 0 {
		return nil
	}
	known, err := db.ServiceAreas(ctx)
	if err != nil {
		return err
	}
	for _, a := range areas {
		if !slices.ContainsFunc(known, func(k string) bool { return heed.NameKey(k) == heed.NameKey(a) }) {
			if len(known) == 0 {
				return heed.Errorf(heed.EINVALID, "There is no service area called %q: there are none yet (import records, or add one on the administration pages).", a)
			}
			return heed.Errorf(heed.EINVALID, "There is no service area called %q. The service areas are: %s.", a, strings.Join(known, "; "))
		}
	}
	return nil
}

func printOneTimePassword(w io.Writer, username, password string) {
	fmt.Fprintf(w, "One-time password for %s: %s\nIt is shown only once; %s chooses their own password at first sign-in.\n", username, password, username)
}

func (a *app) usersReset(ctx context.Context, db *sqlstore.DB, args []string) error {
	username, err := nameThenFlags(a.flags("users reset"), args, "heed users reset NAME")
	if err != nil {
		return err
	}
	u, err := db.FindUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	password, hash, err := web.OneTimePassword(nil)
	if err != nil {
		return err
	}
	// SetPassword ends every session of the user.
	if err := db.SetPassword(ctx, a.actor(), u.ID, hash, true); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "The password of %s is reset and their sessions have ended.\n", u.Username)
	if u.Disabled {
		fmt.Fprintf(a.stdout, "%s is disabled: heed users enable %s lets them sign in again.\n", u.Username, u.Username)
	}
	printOneTimePassword(a.stdout, u.Username, password)
	return nil
}

func (a *app) usersDisable(ctx context.Context, db *sqlstore.DB, args []string, disable bool) error {
	verb := map[bool]string{true: "disable", false: "enable"}[disable]
	username, err := nameThenFlags(a.flags("users "+verb), args, "heed users "+verb+" NAME")
	if err != nil {
		return err
	}
	u, err := db.FindUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	if u.Disabled == disable {
		fmt.Fprintf(a.stdout, "%s is already %sd.\n", u.Username, verb)
		return nil
	}
	u.Disabled = disable
	// UpdateUser ends a disabled user's sessions.
	if err := db.UpdateUser(ctx, a.actor(), u); err != nil {
		return err
	}
	if disable {
		fmt.Fprintf(a.stdout, "%s is disabled and their sessions have ended.\n", u.Username)
	} else {
		fmt.Fprintf(a.stdout, "%s can sign in again.\n", u.Username)
	}
	return nil
}

// nameThenFlags reads a command's one user name, given before or after its
// flags.
func nameThenFlags(fs *flag.FlagSet, args []string, usage string) (string, error) {
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	rest := fs.Args()
	if name == "" && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	switch {
	case name == "":
		return "", usageError("name the user: " + usage)
	case len(rest) > 0:
		return "", usageError(fmt.Sprintf("one user at a time: %q is one too many (%s)", rest[0], usage))
	}
	return name, nil
}
