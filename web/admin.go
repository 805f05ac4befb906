package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// adminStore is what the administration pages need of the store.
type adminStore interface {
	heed.SettingsService
	// LoadHolidays stores a newer list of bank holidays and moves open
	// deadlines to follow it.
	LoadHolidays(ctx context.Context, by heed.Actor, holidays []calendar.Holiday) (moved int, err error)
}

// rules returns the timescales in force: the store's, which an
// administrator may change while Heed runs.
func (s *Server) rules() heed.Rules { return s.Store.Rules() }

// adminRoutes are the administration pages. Only an administrator reaches
// them; every other role is refused, on GET and POST alike.
func (s *Server) adminRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin", s.admin(s.adminIndex))
	mux.Handle("GET /admin/{$}", s.admin(s.adminIndex))

	mux.Handle("GET /admin/users", s.admin(s.adminUsers))
	mux.Handle("GET /admin/users/new", s.admin(s.adminNewUser))
	mux.Handle("POST /admin/users", s.admin(s.adminCreateUser))
	mux.Handle("GET /admin/users/{id}", s.admin(s.adminUser))
	mux.Handle("POST /admin/users/{id}", s.admin(s.adminSaveUser))
	mux.Handle("POST /admin/users/{id}/disable", s.admin(s.adminDisableUser(true)))
	mux.Handle("POST /admin/users/{id}/enable", s.admin(s.adminDisableUser(false)))
	mux.Handle("POST /admin/users/{id}/password", s.admin(s.adminResetPassword))

	mux.Handle("GET /admin/areas", s.admin(s.adminAreas))
	mux.Handle("POST /admin/areas", s.admin(s.adminAddArea))
	mux.Handle("GET /admin/areas/{id}", s.admin(s.adminArea))
	mux.Handle("POST /admin/areas/{id}", s.admin(s.adminRenameArea))
	mux.Handle("POST /admin/areas/{id}/teams", s.admin(s.adminAddTeam))
	mux.Handle("POST /admin/areas/{id}/directorate", s.admin(s.adminSetDirectorate))
	mux.Handle("GET /admin/teams/{id}", s.admin(s.adminTeam))
	mux.Handle("POST /admin/teams/{id}", s.admin(s.adminRenameTeam))

	mux.Handle("GET /admin/themes", s.admin(s.adminThemes))
	mux.Handle("POST /admin/themes", s.admin(s.adminAddTheme))
	mux.Handle("GET /admin/themes/{id}", s.admin(s.adminTheme))
	mux.Handle("POST /admin/themes/{id}", s.admin(s.adminRenameTheme))
	s.mergeRoutes(mux)

	mux.Handle("GET /admin/targets", s.admin(s.adminTargets))
	mux.Handle("POST /admin/targets", s.admin(s.adminSaveTargets))

	mux.Handle("GET /admin/holidays", s.admin(s.adminHolidays))
	// The upload is limited before the session check reads the form.
	mux.Handle("POST /admin/holidays", limitBody(maxUpload+64<<10, s.admin(s.adminLoadHolidays)))

	mux.Handle("GET /admin/audit", s.admin(s.adminAudit))
}

// admin wraps a handler of the administration pages: a signed-in
// administrator only; anyone else gets 403.
func (s *Server) admin(next http.HandlerFunc) http.Handler {
	return s.user(func(w http.ResponseWriter, r *http.Request) {
		if currentUser(r).Role != heed.RoleAdmin {
			s.errorPage(w, r, http.StatusForbidden, "Only an administrator can use the administration pages.")
			return
		}
		next(w, r)
	})
}

// limitBody refuses to read more than n bytes of a request's body.
func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) adminIndex(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "admin", page{Title: "Administration", Nav: "admin"})
}

// pathID reads a numeric id from the path; ok is false (and a 404 page
// shown) when it is not one.
func (s *Server) pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.errorPage(w, r, http.StatusNotFound, "There is no such page.")
		return 0, false
	}
	return id, true
}

// done is the message shown after a change, named in the address the
// browser is sent back to, so that reloading the page does not repeat it.
var done = map[string]string{
	"user-saved":            "The account was saved.",
	"user-disabled":         "The account was disabled. Its sessions have ended.",
	"user-enabled":          "The account was enabled.",
	"area-added":            "The service area was added.",
	"area-renamed":          "The service area was renamed.",
	"directorate-set":       "The service area's directorate was saved.",
	"assessment-saved":      "The self-assessment was saved.",
	"narrative-saved":       "The report's text was saved.",
	"letter-template-saved": "The letter template was saved. Letters made from now on use it.",
	"team-added":            "The team was added.",
	"team-renamed":          "The team was renamed.",
	"theme-added":           "The theme was added.",
	"theme-renamed":         "The theme was renamed.",
	"service_area-merged":   "The service area was merged: its cases, teams and managers moved.",
	"team-merged":           "The team was merged: its cases moved.",
	"theme-merged":          "The theme was merged: its cases moved.",
	"service_area-retired":  "The service area was retired: new cases cannot be filed under it.",
	"team-retired":          "The team was retired: new cases cannot be filed under it.",
	"theme-retired":         "The theme was retired: new cases cannot be filed under it.",
	"service_area-restored": "The service area is in use again.",
	"team-restored":         "The team is in use again.",
	"theme-restored":        "The theme is in use again.",
}

func doneMessage(r *http.Request) string { return done[r.URL.Query().Get("done")] }
