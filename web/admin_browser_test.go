package web

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
)

// TestAdminPagesInTheBrowser goes through every administration page as an
// administrator in a real headless Chromium, in its filled, error and
// success states, and runs axe-core on each: no violation is allowed.
func TestAdminPagesInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	b := newBrowserSession(t, app)
	b.prefix = "admin-"
	// submit clicks a form's button and waits for the page that follows.
	submit := func(form, waitFor string) {
		t.Helper()
		b.leave(chromedp.Click(chromedp.CSS(`form[action="`+form+`"] button[type=submit]`)), waitFor)
	}
	errorState := func(name, form, want string) {
		t.Helper()
		submit(form, ".govuk-error-summary")
		if got := b.main(); !strings.Contains(got, want) {
			t.Errorf("%s: %q is not on the page: %q", name, want, got)
		}
		b.check(name)
	}

	b.signIn("admin")
	b.visit("index", "/admin", "Procedure targets")

	// Users: the list, the new-user form empty and in error, the one-time
	// password, an account's page and its error state.
	b.visit("users", "/admin/users", "officer")
	b.visit("user-new", "/admin/users/new", "Add a user")
	errorState("user-new-error", "/admin/users", "Enter a user name")
	b.do(chromedp.Navigate(app.URL+"/admin/users/new"), chromedp.WaitVisible(chromedp.CSS("#username")),
		chromedp.SetValue(chromedp.CSS("#username"), "newbie"),
		chromedp.SetValue(chromedp.CSS("#name"), "Nia Newbie"),
		chromedp.SetValue(chromedp.CSS("#role"), "manager"),
		chromedp.Click(chromedp.CSS(`input[name=areas][value="Highways"]`)))
	b.check("user-new-filled")
	submit("/admin/users", ".govuk-panel")
	if got := b.main(); !strings.Contains(got, "One-time password for newbie") {
		t.Errorf("user added: %q", got)
	}
	b.check("user-added")
	officer := strconv.FormatInt(mustUser(t, app, "officer").ID, 10)
	b.visit("user", "/admin/users/"+officer, "Change the account")
	b.do(chromedp.SetValue(chromedp.CSS("#role"), "manager"))
	b.do(chromedp.Clear(chromedp.CSS("#name")))
	errorState("user-error", "/admin/users/"+officer, "Enter the person's full name")
	b.visit("user-self", "/admin/users/"+strconv.FormatInt(mustUser(t, app, "admin").ID, 10), "This is your own account")
	b.visit("user-saved", "/admin/users?done=user-saved", "The account was saved.")

	// Service areas, a service area, a team.
	area, team := areaID(t, app, "Children's Social Care")
	a, tm := strconv.FormatInt(area, 10), strconv.FormatInt(team, 10)
	b.visit("areas", "/admin/areas", "Children's Social Care")
	errorState("areas-error", "/admin/areas", "Enter the name of the service area")
	b.visit("areas-added", "/admin/areas?done=area-added", "The service area was added.")
	b.visit("area", "/admin/areas/"+a, "Fostering")
	errorState("area-team-error", "/admin/areas/"+a+"/teams", "Enter the name of the team")
	b.do(chromedp.Navigate(app.URL+"/admin/areas/"+a), chromedp.WaitVisible(chromedp.CSS("#name")),
		chromedp.SetValue(chromedp.CSS("#name"), "Highways"))
	errorState("area-rename-error", "/admin/areas/"+a, "There is already a service area called Highways")
	b.do(chromedp.Navigate(app.URL+"/admin/areas/"+a), chromedp.WaitVisible(chromedp.CSS("#directorate")),
		chromedp.SetValue(chromedp.CSS("#directorate"), strings.Repeat("People ", 20)))
	errorState("area-directorate-error", "/admin/areas/"+a+"/directorate", "must be 100 characters or fewer")
	b.do(chromedp.SetValue(chromedp.CSS("#directorate"), "Children, Families and Education"))
	submit("/admin/areas/"+a+"/directorate", ".govuk-notification-banner--success")
	if got := b.main(); !strings.Contains(got, "belongs to Children, Families and Education") {
		t.Errorf("directorate saved: %q", got)
	}
	b.check("area-directorate-saved")
	b.visit("team", "/admin/teams/"+tm, "Fostering", "Rename", "Merge into another team", "Retire this team")
	b.do(chromedp.Clear(chromedp.CSS("#name")))
	errorState("team-error", "/admin/teams/"+tm, "Enter the name of the team")

	// Themes, with a second to merge the first into.
	if _, err := app.Store.CreateTheme(context.Background(), heed.Actor{Name: "admin"}, "Lack of Action"); err != nil {
		t.Fatal(err)
	}
	themes, _ := app.Store.Themes(context.Background())
	th := strconv.FormatInt(themes[0].ID, 10)
	b.visit("themes", "/admin/themes", "Delay")
	errorState("themes-error", "/admin/themes", "Enter the name of the theme")
	b.visit("theme", "/admin/themes/"+th, "Delay", "Rename", "Merge into another theme", "Retire this theme")
	b.do(chromedp.SetValue(chromedp.CSS("#name"), "  "))
	errorState("theme-error", "/admin/themes/"+th, "Enter the name of the theme")
	b.visit("theme", "/admin/themes/"+th, "Delay")
	errorState("theme-merge-error", "/admin/themes/"+th+"/merge", "Select the theme to merge it into")
	submit("/admin/themes/"+th+"/retire", ".govuk-notification-banner--success")
	b.check("theme-retired")

	// Procedure targets: in error, then saved.
	b.visit("targets", "/admin/targets", "Children's statutory, Stage 2")
	b.do(chromedp.SetValue(chromedp.CSS("#children_statutory-1-target"), "30"),
		chromedp.SetValue(chromedp.CSS("#corporate-1-ack"), "five"))
	errorState("targets-error", "/admin/targets", "Enter the Corporate Stage 1 days to acknowledge as a whole number")
	b.do(chromedp.SetValue(chromedp.CSS("#corporate-1-ack"), "5"))
	errorState("targets-over-error", "/admin/targets", "above the statutory maximum of 20")
	b.do(chromedp.SetValue(chromedp.CSS("#children_statutory-1-target"), "15"))
	submit("/admin/targets", ".govuk-notification-banner--success")
	if got := b.main(); !strings.Contains(got, "The targets were saved.") {
		t.Errorf("targets saved: %q", got)
	}
	b.check("targets-saved")
	// Dated targets: the corporate timescales before the Code, a date that
	// is not a real one, then the earlier set changed.
	b.visit("targets-dated", "/admin/targets", "Corporate: Before 1 April 2026 (the council's corporate timescales before the Code)",
		"Corporate: From 1 April 2026", "Applies to stages started from")
	b.do(chromedp.SetValue(chromedp.CSS("#corporate-from-day"), "31"), chromedp.SetValue(chromedp.CSS("#corporate-from-month"), "2"))
	errorState("targets-date-error", "/admin/targets", "The date from which the Corporate targets (the Complaint Handling Code's timescales) apply must be a real date")
	b.do(chromedp.SetValue(chromedp.CSS("#corporate-from-day"), "1"), chromedp.SetValue(chromedp.CSS("#corporate-from-month"), "4"),
		chromedp.SetValue(chromedp.CSS("#corporate-before1-1-target"), "12"))
	submit("/admin/targets", ".govuk-notification-banner--success")
	if p := app.Store.Rules().Procedures[heed.Corporate]; len(p.Earlier) != 1 || p.Earlier[0].Stages[0].TargetDays != 12 || !p.From.Equal(heed.CodeStart()) {
		t.Errorf("dated targets saved: %+v", p)
	}
	b.check("targets-dated-saved")

	// Bank holidays: no file, a wrong file, then GOV.UK's format.
	b.visit("holidays", "/admin/holidays", "Good Friday")
	errorState("holidays-error", "/admin/holidays", "Select a bank-holidays.json file")
	dir := t.TempDir()
	wrong, good := filepath.Join(dir, "wrong.json"), filepath.Join(dir, "bank-holidays.json")
	if err := os.WriteFile(wrong, []byte(`{"scotland": {"events": []}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, bankHolidaysJSON(t, calendar.EnglandAndWales().Holidays()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(app.URL+"/admin/holidays"), chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{wrong}))
	errorState("holidays-wrong-file", "/admin/holidays", "england-and-wales")
	b.do(chromedp.Navigate(app.URL+"/admin/holidays"), chromedp.WaitVisible(chromedp.CSS("#file")),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{good}))
	submit("/admin/holidays", ".govuk-notification-banner--success")
	if got := b.main(); !strings.Contains(got, "Loaded") {
		t.Errorf("holidays loaded: %q", got)
	}
	b.check("holidays-loaded")

	// The audit log, filtered, and with an action that is not one.
	b.visit("audit", "/admin/audit", "Showing 1 to")
	b.visit("audit-filtered", "/admin/audit?actor=admin&action=user_changed", "user newbie created")
	b.do(chromedp.Navigate(app.URL+"/admin/audit?action=deleted"), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	b.check("audit-error")
}
