package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
)

// auditTotal is how many entries the whole audit log holds.
func auditTotal(t *testing.T, app *testApp) int {
	t.Helper()
	_, n, err := app.Store.AuditLog(context.Background(), heed.AuditFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// lastEntry is the newest entry of the audit log.
func lastEntry(t *testing.T, app *testApp) heed.AuditEntry {
	t.Helper()
	log, _, err := app.Store.AuditLog(context.Background(), heed.AuditFilter{Limit: 1})
	if err != nil || len(log) == 0 {
		t.Fatalf("audit log: %v", err)
	}
	return log[0]
}

func mustUser(t *testing.T, app *testApp, username string) *heed.User {
	t.Helper()
	u, err := app.Store.FindUserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// areaID returns the id of a service area, and of its first team.
func areaID(t *testing.T, app *testApp, name string) (area, team int64) {
	t.Helper()
	areas, err := app.Store.ServiceAreaList(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		if a.Name == name {
			if len(a.Teams) > 0 {
				team = a.Teams[0].ID
			}
			return a.ID, team
		}
	}
	t.Fatalf("no service area %q", name)
	return 0, 0
}

// postFile sends a multipart form with a file, as the holidays upload
// does, with the CSRF token of the last page; no file part when filename
// is "".
func (c *client) postFile(path, field, filename string, content []byte) response {
	c.t.Helper()
	return c.multipart(path, url.Values{}, field, filename, content, false)
}

// targetValues is the targets form filled with the rules.
func targetValues(r heed.Rules) url.Values {
	v := url.Values{}
	for id, p := range r.Procedures {
		sets := p.Sets()
		for k, set := range sets {
			prefix := string(id) // the set in force now
			if k < len(sets)-1 {
				prefix = fmt.Sprintf("%s-before%d", id, k+1)
			}
			if k > 0 {
				setDate(v, prefix+"-from", set.From)
			}
			for i, s := range set.Stages {
				v.Set(fmt.Sprintf("%s-%d-target", prefix, i+1), strconv.Itoa(s.TargetDays))
				v.Set(fmt.Sprintf("%s-%d-max", prefix, i+1), strconv.Itoa(s.MaxDays))
				v.Set(fmt.Sprintf("%s-%d-ack", prefix, i+1), strconv.Itoa(s.AcknowledgeDays))
			}
		}
	}
	for t, days := range r.ReplyDays {
		v.Set("reply-"+string(t), strconv.Itoa(days))
	}
	return v
}

// bankHolidaysJSON writes holidays in GOV.UK's bank-holidays.json format.
func bankHolidaysJSON(t *testing.T, list []calendar.Holiday) []byte {
	t.Helper()
	type event struct {
		Title string `json:"title"`
		Date  string `json:"date"`
		Notes string `json:"notes"`
	}
	var events []event
	for _, h := range list {
		events = append(events, event{h.Title, h.Date.String(), h.Notes})
	}
	b, err := json.Marshal(map[string]any{"england-and-wales": map[string]any{"division": "england-and-wales", "events": events}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// adminRoutes lists every administration route, GET and POST, with a
// form that would change something if the role allowed it.
func adminRoutes(t *testing.T, app *testApp) (gets []string, posts map[string]url.Values) {
	officer := strconv.FormatInt(mustUser(t, app, "officer").ID, 10)
	area, team := areaID(t, app, "Children's Social Care")
	themes, _ := app.Store.Themes(context.Background())
	a, tm, th := strconv.FormatInt(area, 10), strconv.FormatInt(team, 10), strconv.FormatInt(themes[0].ID, 10)
	gets = []string{"/admin", "/admin/", "/admin/users", "/admin/users/new", "/admin/users/" + officer,
		"/admin/areas", "/admin/areas/" + a, "/admin/teams/" + tm, "/admin/themes", "/admin/themes/" + th,
		"/admin/targets", "/admin/holidays", "/admin/audit", "/admin/audit?action=viewed"}
	raised := heed.DefaultRules()
	raised.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 15
	posts = map[string]url.Values{
		"/admin/users":                          {"username": {"mallory"}, "name": {"M"}, "role": {"administrator"}},
		"/admin/users/" + officer:               {"name": {"Olu"}, "role": {"administrator"}},
		"/admin/users/" + officer + "/disable":  {},
		"/admin/users/" + officer + "/enable":   {},
		"/admin/users/" + officer + "/password": {},
		"/admin/areas":                          {"name": {"Mallory's area"}},
		"/admin/areas/" + a:                     {"name": {"Renamed"}},
		"/admin/areas/" + a + "/teams":          {"team": {"New team"}},
		"/admin/teams/" + tm:                    {"name": {"Renamed team"}},
		"/admin/themes":                         {"name": {"New theme"}},
		"/admin/themes/" + th:                   {"name": {"Renamed theme"}},
		"/admin/themes/" + th + "/merge":        {"into": {strconv.FormatInt(themes[len(themes)-1].ID, 10)}},
		"/admin/themes/" + th + "/retire":       {"retired": {"yes"}},
		"/admin/teams/" + tm + "/merge":         {"into": {tm}},
		"/admin/teams/" + tm + "/retire":        {"retired": {"yes"}},
		"/admin/areas/" + a + "/merge":          {"into": {a}},
		"/admin/areas/" + a + "/retire":         {"retired": {"yes"}},
		"/admin/targets":                        targetValues(raised),
	}
	return gets, posts
}

// TestAdminIsForAdministratorsOnly proves every administration page and
// form refuses every other role (403), changes nothing for them, and
// sends a visitor who is not signed in to sign in.
func TestAdminIsForAdministratorsOnly(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	gets, posts := adminRoutes(t, app)
	before := auditTotal(t, app)
	for _, user := range []string{"", "officer", "manager", "ivy", "viewer"} {
		c := app.client(t)
		if user != "" {
			c.signIn(user)
		}
		for _, path := range gets {
			want := http.StatusForbidden
			if user == "" {
				want = http.StatusSeeOther
			}
			if got := c.get(path).Code; got != want {
				t.Errorf("%q GET %s = %d, want %d", user, path, got, want)
			}
		}
		for path, form := range posts {
			want := http.StatusForbidden
			if user == "" {
				want = http.StatusUnauthorized
			}
			if got := c.post(path, form).Code; got != want {
				t.Errorf("%q POST %s = %d, want %d", user, path, got, want)
			}
		}
		if user != "" {
			c.get("/")
		}
		file := bankHolidaysJSON(t, calendar.EnglandAndWales().Holidays())
		if got := c.postFile("/admin/holidays", "file", "bank-holidays.json", file).Code; got != http.StatusForbidden && got != http.StatusUnauthorized {
			t.Errorf("%q POST /admin/holidays = %d, want 403", user, got)
		}
	}
	if got := auditTotal(t, app); got != before {
		t.Errorf("refused requests wrote %d audit entries", got-before)
	}
	if _, err := app.Store.FindUserByUsername(context.Background(), "mallory"); heed.ErrorCode(err) != heed.ENOTFOUND {
		t.Errorf("a refused post created a user: %v", err)
	}
	if app.Store.Rules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 10 {
		t.Error("a refused post changed the targets")
	}
	if mustUser(t, app, "officer").Role != heed.RoleOfficer || mustUser(t, app, "officer").Disabled {
		t.Error("a refused post changed the officer")
	}

	c := app.client(t)
	c.signIn("admin")
	for _, path := range gets {
		if got := c.get(path).Code; got != http.StatusOK {
			t.Errorf("admin GET %s = %d, want 200", path, got)
		}
	}
	for _, path := range []string{"/admin/users/999999", "/admin/users/x", "/admin/areas/999999", "/admin/teams/999999", "/admin/themes/999999"} {
		if got := c.get(path).Code; got != http.StatusNotFound {
			t.Errorf("admin GET %s = %d, want 404", path, got)
		}
	}
	// The administration link is in the administrator's navigation only.
	if body := c.get("/").Body; !strings.Contains(body, `href="/admin"`) {
		t.Error("no link to administration for the administrator")
	}
	o := app.client(t)
	o.signIn("officer")
	if body := o.get("/").Body; strings.Contains(body, `href="/admin"`) {
		t.Error("a link to administration for an officer")
	}
}

var oneTimePasswordShown = regexp.MustCompile(`One-time password for [^<]+<br><strong>([a-z0-9]{20})</strong>`)

func TestAdminUsers(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")

	// Bad input: each error is explained and nothing is stored.
	before := auditTotal(t, app)
	bad := []struct {
		form url.Values
		want []string
	}{
		{url.Values{}, []string{"Enter a user name", "Enter the person&#39;s full name", "Choose the role of the user"}},
		{url.Values{"username": {"two words"}, "name": {"X"}, "role": {"viewer"}}, []string{"A user name can only contain"}},
		{url.Values{"username": {"OFFICER"}, "name": {"X"}, "role": {"viewer"}}, []string{"There is already a user called OFFICER"}},
		{url.Values{"username": {"newbie"}, "name": {"X"}, "role": {"manager"}}, []string{"Choose the service areas whose cases this manager sees"}},
		{url.Values{"username": {"newbie"}, "name": {"X"}, "role": {"manager"}, "areas": {"Nowhere"}}, []string{"Choose service areas from the list"}},
		{url.Values{"username": {"newbie"}, "name": {"X"}, "role": {"superuser"}}, []string{"Choose the role of the user"}},
		{url.Values{"username": {"newbie"}, "name": {"X"}, "email": {"not-an-email"}, "role": {"viewer"}}, []string{"Enter an email address in the correct format"}},
	}
	for _, tt := range bad {
		res := c.post("/admin/users", tt.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "govuk-error-summary") {
			t.Errorf("POST %v = %d, want 400 with an error summary", tt.form, res.Code)
		}
		for _, w := range tt.want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("POST %v: no %q", tt.form, w)
			}
		}
	}
	if got := auditTotal(t, app); got != before {
		t.Errorf("refused forms wrote %d audit entries", got-before)
	}
	if _, err := app.Store.FindUserByUsername(context.Background(), "newbie"); heed.ErrorCode(err) != heed.ENOTFOUND {
		t.Errorf("a refused form created a user: %v", err)
	}

	// A new manager: a one-time password is shown once, must be changed.
	res := c.post("/admin/users", url.Values{"username": {"newbie"}, "name": {"Nia Newbie"}, "email": {"nia@example.org"},
		"role": {"manager"}, "areas": {"Highways"}})
	m := oneTimePasswordShown.FindStringSubmatch(res.Body)
	if res.Code != http.StatusOK || m == nil {
		t.Fatalf("create user: %d, password shown: %v", res.Code, m != nil)
	}
	u := mustUser(t, app, "newbie")
	if u.Role != heed.RoleManager || !u.MustChange || u.DisplayName != "Nia Newbie" || len(u.ServiceAreas) != 1 || u.ServiceAreas[0] != "Highways" {
		t.Errorf("stored %+v", u)
	}
	if e := lastEntry(t, app); e.Actor != "admin" || e.Action != heed.AuditUserChanged || e.Note != "user newbie created" {
		t.Errorf("audit entry %+v", e)
	}
	nc := app.client(t)
	r := nc.post("/sign-in", url.Values{"username": {"newbie"}, "password": {m[1]}, "next": {"/"}})
	if r.Code != http.StatusSeeOther {
		t.Fatalf("sign in with the one-time password: %d", r.Code)
	}
	if got := nc.get("/cases").Location; got != "/account/password" {
		t.Errorf("the new user was not asked to change the password: %q", got)
	}

	// Edit: a bad form changes nothing; a good one is saved and audited.
	id := strconv.FormatInt(u.ID, 10)
	if res := c.get("/admin/users/" + id); res.Code != http.StatusOK || !strings.Contains(res.Body, `value="Highways" checked`) {
		t.Errorf("edit page: %d", res.Code)
	}
	before = auditTotal(t, app)
	if res := c.post("/admin/users/"+id, url.Values{"name": {""}, "role": {"officer"}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "Enter the person&#39;s full name") {
		t.Errorf("an empty name: %d", res.Code)
	}
	if auditTotal(t, app) != before || mustUser(t, app, "newbie").Role != heed.RoleManager {
		t.Error("a refused edit changed something")
	}
	if res := c.post("/admin/users/"+id, url.Values{"name": {"Nia Newbie"}, "role": {"complaints_officer"}, "areas": {"Highways"}}); res.Code != http.StatusSeeOther {
		t.Fatalf("edit: %d", res.Code)
	}
	if u := mustUser(t, app, "newbie"); u.Role != heed.RoleOfficer || len(u.ServiceAreas) != 0 || u.Email != "" {
		t.Errorf("after the edit %+v (an officer keeps no areas)", u)
	}
	if e := lastEntry(t, app); e.Actor != "admin" || e.Action != heed.AuditUserChanged {
		t.Errorf("audit entry %+v", e)
	}

	// An administrator cannot demote or disable themselves.
	self := strconv.FormatInt(mustUser(t, app, "admin").ID, 10)
	if res := c.post("/admin/users/"+self, url.Values{"name": {"Ada"}, "role": {"viewer"}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, "You cannot take away your own administrator role") {
		t.Errorf("self-demotion: %d", res.Code)
	}
	if res := c.post("/admin/users/"+self+"/disable", url.Values{}); res.Code != http.StatusBadRequest {
		t.Errorf("self-disable: %d", res.Code)
	}
	if res := c.post("/admin/users/"+self+"/password", url.Values{}); res.Code != http.StatusBadRequest {
		t.Errorf("self-reset: %d", res.Code)
	}
	if a := mustUser(t, app, "admin"); a.Role != heed.RoleAdmin || a.Disabled {
		t.Errorf("the administrator changed: %+v", a)
	}

	// Disable: their session ends and they cannot sign in; enable again.
	if res := c.post("/admin/users/"+id+"/disable", url.Values{}); res.Code != http.StatusSeeOther {
		t.Fatalf("disable: %d", res.Code)
	}
	if !mustUser(t, app, "newbie").Disabled {
		t.Error("not disabled")
	}
	if got := nc.get("/account/password").Code; got != http.StatusSeeOther {
		t.Errorf("a disabled user's session still works: %d", got)
	}
	if e := lastEntry(t, app); len(e.Changes) != 1 || e.Changes[0] != (heed.Change{Field: "disabled", New: "yes"}) {
		t.Errorf("audit entry %+v", e)
	}
	if res := c.post("/admin/users/"+id+"/enable", url.Values{}); res.Code != http.StatusSeeOther || mustUser(t, app, "newbie").Disabled {
		t.Errorf("enable: %d", res.Code)
	}

	// Reset the password: a new one-time password replaces the old.
	res = c.post("/admin/users/"+id+"/password", url.Values{})
	m2 := oneTimePasswordShown.FindStringSubmatch(res.Body)
	if res.Code != http.StatusOK || m2 == nil || m2[1] == m[1] {
		t.Fatalf("reset: %d", res.Code)
	}
	if e := lastEntry(t, app); e.Note != "user newbie: password reset" || e.Actor != "admin" {
		t.Errorf("audit entry %+v", e)
	}
	if r := app.client(t).post("/sign-in", url.Values{"username": {"newbie"}, "password": {m[1]}, "next": {"/"}}); r.Code != http.StatusUnauthorized {
		t.Errorf("the old password still works: %d", r.Code)
	}
	if r := app.client(t).post("/sign-in", url.Values{"username": {"newbie"}, "password": {m2[1]}, "next": {"/"}}); r.Code != http.StatusSeeOther {
		t.Errorf("the new password does not work: %d", r.Code)
	}
}

func TestAdminServiceAreasTeamsAndThemes(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")
	area, team := areaID(t, app, "Children's Social Care")
	a, tm := strconv.FormatInt(area, 10), strconv.FormatInt(team, 10)
	themes, _ := app.Store.Themes(context.Background())
	th := strconv.FormatInt(themes[0].ID, 10)

	// Every form's error state: explained, and nothing changes.
	before := auditTotal(t, app)
	bad := []struct {
		path string
		form url.Values
		want string
	}{
		{"/admin/areas", url.Values{"name": {" "}}, "Enter the name of the service area"},
		{"/admin/areas", url.Values{"name": {"highways"}}, "There is already a service area called highways"},
		{"/admin/areas/" + a, url.Values{"name": {""}}, "Enter the name of the service area"},
		{"/admin/areas/" + a, url.Values{"name": {"Highways"}}, "There is already a service area called Highways"},
		{"/admin/areas/" + a + "/teams", url.Values{"team": {""}}, "Enter the name of the team"},
		{"/admin/areas/" + a + "/teams", url.Values{"team": {"fostering"}}, "There is already a team called fostering in Children&#39;s Social Care"},
		{"/admin/teams/" + tm, url.Values{"name": {strings.Repeat("x", 101)}}, "The name of the team must be 100 characters or fewer"},
		{"/admin/themes", url.Values{"name": {""}}, "Enter the name of the theme"},
		{"/admin/themes", url.Values{"name": {"DELAY"}}, "There is already a theme called DELAY"},
		{"/admin/themes/" + th, url.Values{"name": {""}}, "Enter the name of the theme"},
		{"/admin/areas/" + a + "/directorate", url.Values{"directorate": {strings.Repeat("People ", 20)}}, "The name of the directorate must be 100 characters or fewer"},
	}
	for _, tt := range bad {
		res := c.post(tt.path, tt.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "govuk-error-summary") || !strings.Contains(res.Body, tt.want) {
			t.Errorf("POST %s %v = %d, want 400 saying %q: %s", tt.path, tt.form, res.Code, tt.want, mainText(res.Body))
		}
	}
	if got := auditTotal(t, app); got != before {
		t.Errorf("refused forms wrote %d audit entries", got-before)
	}

	// The happy paths change the store and write the audit log.
	good := []struct {
		path     string
		form     url.Values
		location string
		change   heed.Change
	}{
		{"/admin/areas", url.Values{"name": {"Adult Social Care"}}, "/admin/areas?done=area-added", heed.Change{Field: "service_area", New: "Adult Social Care"}},
		{"/admin/areas/" + a, url.Values{"name": {"Children's Services"}}, "/admin/areas?done=area-renamed", heed.Change{Field: "service_area", Old: "Children's Social Care", New: "Children's Services"}},
		{"/admin/areas/" + a + "/teams", url.Values{"team": {"Adoption"}}, "/admin/areas/" + a + "?done=team-added", heed.Change{Field: "team", New: "Adoption"}},
		{"/admin/teams/" + tm, url.Values{"name": {"Fostering and Adoption"}}, "/admin/areas/" + a + "?done=team-renamed", heed.Change{Field: "team", Old: "Fostering", New: "Fostering and Adoption"}},
		{"/admin/themes", url.Values{"name": {"Communication"}}, "/admin/themes?done=theme-added", heed.Change{Field: "theme", New: "Communication"}},
		{"/admin/themes/" + th, url.Values{"name": {"Delays"}}, "/admin/themes?done=theme-renamed", heed.Change{Field: "theme", Old: "Delay", New: "Delays"}},
		{"/admin/areas/" + a + "/directorate", url.Values{"directorate": {"People"}}, "/admin/areas/" + a + "?done=directorate-set", heed.Change{Field: "directorate", New: "People"}},
	}
	for _, tt := range good {
		res := c.post(tt.path, tt.form)
		if res.Code != http.StatusSeeOther || res.Location != tt.location {
			t.Errorf("POST %s = %d %s, want 303 to %s", tt.path, res.Code, res.Location, tt.location)
			continue
		}
		e := lastEntry(t, app)
		if e.Actor != "admin" || e.Action != heed.AuditSettingsChanged || len(e.Changes) != 1 || e.Changes[0] != tt.change {
			t.Errorf("POST %s: audit entry %+v", tt.path, e)
		}
		if body := c.get(res.Location).Body; !strings.Contains(body, "govuk-notification-banner--success") {
			t.Errorf("GET %s: no success banner", res.Location)
		}
	}
	rec, err := app.Store.FindRecordByReference(context.Background(), "CS-OPEN")
	if err != nil {
		t.Fatal(err)
	}
	if rec.ServiceArea != "Children's Services" || rec.Team != "Fostering and Adoption" || rec.Theme != "Delays" {
		t.Errorf("the case does not follow the renames: %q %q %q", rec.ServiceArea, rec.Team, rec.Theme)
	}
	body := c.get("/admin/areas").Body
	for _, want := range []string{"Adult Social Care", "Adoption, Fostering and Adoption", "People"} {
		if !strings.Contains(body, want) {
			t.Errorf("areas page lacks %q", want)
		}
	}
}

func TestAdminTargets(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")
	res := c.get("/admin/targets")
	if !strings.Contains(res.Body, `id="children_statutory-1-target" name="children_statutory-1-target" type="text" value="10"`) ||
		!strings.Contains(res.Body, "Statutory maximum: 65 working days") {
		t.Error("the targets page does not show the targets in force")
	}

	before := auditTotal(t, app)
	rules := app.Store.Rules()
	notNumber := targetValues(rules)
	notNumber.Set("corporate-2-ack", "five")
	over := rules.Clone()
	over.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 30
	over.ReplyDays[heed.TypeComment] = 0
	for _, tt := range []struct {
		form url.Values
		want []string
	}{
		{notNumber, []string{"Enter the Corporate Stage 2 days to acknowledge as a whole number of working days", `href="#corporate-2-ack"`}},
		{targetValues(over), []string{"A target of 30 working days is above the statutory maximum of 20",
			`href="#children_statutory-1-target"`, "Comment reply target: must be between 1 and 65 working days", `value="30"`}},
	} {
		res := c.post("/admin/targets", tt.form)
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "govuk-error-summary") {
			t.Errorf("bad targets: %d", res.Code)
		}
		for _, w := range tt.want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("bad targets: the page does not say %q", w)
			}
		}
	}
	if auditTotal(t, app) != before || app.Store.Rules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 10 {
		t.Error("refused targets changed something")
	}

	// 15 working days for Stage 1: CS-OPEN's deadline moves from 16 to 23
	// March 2015 (CS-EXT has an extension; its deadline moves too).
	raised := rules.Clone()
	raised.Procedures[heed.ChildrenStatutory].Stages[0].TargetDays = 15
	res = c.post("/admin/targets", targetValues(raised))
	if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/admin/targets?moved=") {
		t.Fatalf("save targets: %d %s", res.Code, res.Location)
	}
	if app.Store.Rules().Procedures[heed.ChildrenStatutory].Stages[0].TargetDays != 15 {
		t.Error("the new target is not in force")
	}
	rec, _ := app.Store.FindRecordByReference(context.Background(), "CS-OPEN")
	if got := rec.Stage(1).Deadline; got != calendar.MustParseDate("2015-03-23") {
		t.Errorf("CS-OPEN's deadline = %s, want 2015-03-23", got)
	}
	if body := c.get(res.Location).Body; !strings.Contains(body, "The targets were saved. 2 open deadlines moved to follow them.") {
		t.Errorf("the result does not say how many moved (%s)", res.Location)
	}
	e := lastEntry(t, app)
	if e.Actor != "admin" || e.Action != heed.AuditSettingsChanged || len(e.Changes) != 1 ||
		e.Changes[0] != (heed.Change{Field: "procedures.children_statutory.stage1.target_working_days", Old: "10", New: "15"}) {
		t.Errorf("audit entry %+v", e)
	}
	// The case page explains the deadline with the rules in force.
	if body := c.get("/cases/CS-OPEN").Body; !strings.Contains(body, "23 March 2015") {
		t.Error("the case page does not show the new deadline")
	}
}

func TestAdminBankHolidays(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")
	if body := c.get("/admin/holidays").Body; !strings.Contains(body, "Good Friday") || !strings.Contains(body, "3 April 2015") {
		t.Error("the holidays page does not list 2015's holidays")
	}
	before := auditTotal(t, app)
	for _, tt := range []struct {
		name    string
		content []byte
		want    string
	}{
		{"", nil, "Select a bank-holidays.json file"},
		{"empty.json", []byte{}, "Select a bank-holidays.json file"},
		{"notes.txt", []byte("not json at all"), "The selected file must be GOV.UK&#39;s bank-holidays.json, from www.gov.uk/bank-holidays.json: this file is not in its format"},
		{"scotland.json", []byte(`{"scotland": {"division": "scotland", "events": [{"title": "St Andrew's Day", "date": "2015-11-30"}]}}`),
			`no &#34;england-and-wales&#34; division`},
		{"bad-date.json", []byte(`{"england-and-wales": {"events": [{"title": "X", "date": "30/11/2015"}]}}`), `date &#34;30/11/2015&#34; is not a date`},
		{"big.json", bytes.Repeat([]byte(" "), maxUpload+1), "The selected file must be smaller than 1 MB"},
	} {
		c.get("/admin/holidays")
		res := c.postFile("/admin/holidays", "file", tt.name, tt.content)
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "govuk-error-summary") || !strings.Contains(res.Body, tt.want) {
			t.Errorf("upload %s = %d, want 400 saying %q", tt.name, res.Code, tt.want)
		}
	}
	if auditTotal(t, app) != before {
		t.Error("a refused upload changed something")
	}

	// A list with a one-off holiday on Thursday 12 March 2015 moves the
	// open Stage 1 deadlines after it by a day.
	list := append(calendar.EnglandAndWales().Holidays(), calendar.Holiday{Date: calendar.MustParseDate("2015-03-12"), Title: "A one-off holiday"})
	c.get("/admin/holidays")
	res := c.postFile("/admin/holidays", "file", "bank-holidays.json", bankHolidaysJSON(t, list))
	if res.Code != http.StatusSeeOther || !strings.HasPrefix(res.Location, "/admin/holidays?loaded=") {
		t.Fatalf("upload: %d %s", res.Code, res.Location)
	}
	rec, _ := app.Store.FindRecordByReference(context.Background(), "CS-OPEN")
	if got := rec.Stage(1).Deadline; got != calendar.MustParseDate("2015-03-17") {
		t.Errorf("CS-OPEN's deadline = %s, want 2015-03-17", got)
	}
	body := c.get(res.Location).Body
	if want := fmt.Sprintf("Loaded %d bank holidays. 2 open deadlines moved to follow the new list.", len(list)); !strings.Contains(body, want) {
		t.Errorf("the result does not say %q (%s)", want, res.Location)
	}
	log, _, _ := app.Store.AuditLog(context.Background(), heed.AuditFilter{Actor: "admin", Action: heed.AuditSettingsChanged})
	if len(log) != 1 || !strings.HasPrefix(log[0].Note, "bank holidays loaded") {
		t.Errorf("audit log %+v", log)
	}
}

func TestAdminAuditLog(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	ctx := context.Background()
	rec, _ := app.Store.FindRecordByReference(ctx, "HW-1")
	for range 60 {
		if _, err := app.Store.OpenCase(ctx, heed.Actor{Name: "officer"}, rec, heed.CaseFilter{}); err != nil {
			t.Fatal(err)
		}
	}
	c := app.client(t)
	c.signIn("admin")
	res := c.get("/admin/audit?actor=officer&action=viewed")
	if res.Code != http.StatusOK || !strings.Contains(res.Body, "Showing 1 to 50 of 60 entries") ||
		!strings.Contains(res.Body, `<a class="govuk-link" href="/cases/HW-1">HW-1</a>`) ||
		!strings.Contains(res.Body, `href="/admin/audit?action=viewed&amp;actor=officer&amp;page=2"`) ||
		!strings.Contains(res.Body, "20 March 2015 at 10:00am") {
		t.Errorf("audit page 1: %d", res.Code)
	}
	if res := c.get("/admin/audit?actor=officer&action=viewed&page=2"); !strings.Contains(res.Body, "Showing 51 to 60 of 60 entries") {
		t.Errorf("audit page 2: %d", res.Code)
	}
	// Entries with changes show each field's old and new values.
	officer := mustUser(t, app, "officer")
	officer.DisplayName = "Olu O"
	if err := app.Store.UpdateUser(ctx, heed.Actor{Name: "admin"}, officer); err != nil {
		t.Fatal(err)
	}
	if res := c.get("/admin/audit?action=user_changed"); !strings.Contains(res.Body, "display_name</strong>: Olu Officer → Olu O") {
		t.Error("the account change does not show its fields")
	}
	if res := c.get("/admin/audit?actor=nobody"); !strings.Contains(res.Body, "No entries match these filters.") {
		t.Error("an unknown user name")
	}
	if res := c.get("/admin/audit?action=deleted"); res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "Choose an action from the list") {
		t.Errorf("an unknown action: %d", res.Code)
	}
}
