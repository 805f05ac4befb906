package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// Merging a mistyped name into the right one, and retiring a name no
// longer used, from the page of each service area, team and theme.

// nameChoice is what the merge and retire forms of one name need.
type nameChoice struct {
	What    string // "theme"
	Base    string // the name's page, which the forms post under
	Records int    // how many cases are filed under it; -1 when not counted
	Retired bool
	Others  []option // the names it may be merged into
}

func (s *Server) mergeRoutes(mux *http.ServeMux) {
	for _, k := range []struct {
		kind heed.NameKind
		path string
	}{{heed.NameServiceArea, "areas"}, {heed.NameTeam, "teams"}, {heed.NameTheme, "themes"}} {
		mux.Handle("POST /admin/"+k.path+"/{id}/merge", s.admin(s.adminMerge(k.kind)))
		mux.Handle("POST /admin/"+k.path+"/{id}/retire", s.admin(s.adminRetire(k.kind)))
	}
}

// adminMerge merges the name of the path into the one posted as "into".
func (s *Server) adminMerge(kind heed.NameKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := s.pathID(w, r)
		if !ok {
			return
		}
		into, err := strconv.ParseInt(r.PostFormValue("into"), 10, 64)
		if err != nil {
			s.renderName(w, r, kind, http.StatusBadRequest, heed.FieldErrors{{Field: "into", Message: "Select the " + kind.Label() + " to merge it into"}})
			return
		}
		back, ok := s.nameListPage(w, r, kind, id)
		if !ok {
			return
		}
		_, err = s.Store.MergeNames(r.Context(), actor(r), kind, id, into)
		switch heed.ErrorCode(err) {
		case "":
			http.Redirect(w, r, back+"?done="+string(kind)+"-merged", http.StatusSeeOther)
		case heed.EINVALID, heed.ENOTFOUND:
			s.renderName(w, r, kind, http.StatusBadRequest, heed.FieldErrors{{Field: "into", Message: strings.TrimSuffix(heed.ErrorMessage(err), ".")}})
		default:
			s.fail(w, r, err)
		}
	}
}

// adminRetire retires the name of the path, or with retired=no brings it
// back.
func (s *Server) adminRetire(kind heed.NameKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := s.pathID(w, r)
		if !ok {
			return
		}
		retired := r.PostFormValue("retired") != "no"
		err := s.Store.RetireName(r.Context(), actor(r), kind, id, retired)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		what := "-retired"
		if !retired {
			what = "-restored"
		}
		http.Redirect(w, r, s.namePage(kind, id)+"?done="+string(kind)+what, http.StatusSeeOther)
	}
}

// nameListPage is the page that lists the name's kind (for a team, its
// service area's page), where a merge returns to.
func (s *Server) nameListPage(w http.ResponseWriter, r *http.Request, kind heed.NameKind, id int64) (string, bool) {
	switch kind {
	case heed.NameServiceArea:
		return "/admin/areas", true
	case heed.NameTheme:
		return "/admin/themes", true
	}
	_, a, ok := s.findTeam(w, r)
	return "/admin/areas/" + strconv.FormatInt(a.ID, 10), ok
}

// namePage is the name's own page.
func (s *Server) namePage(kind heed.NameKind, id int64) string {
	path := map[heed.NameKind]string{heed.NameServiceArea: "areas", heed.NameTeam: "teams", heed.NameTheme: "themes"}[kind]
	return "/admin/" + path + "/" + strconv.FormatInt(id, 10)
}

// renderName shows the name's page again with errs.
func (s *Server) renderName(w http.ResponseWriter, r *http.Request, kind heed.NameKind, code int, errs heed.FieldErrors) {
	switch kind {
	case heed.NameServiceArea:
		id, ok := s.pathID(w, r)
		if ok {
			s.renderArea(w, r, code, areaData{Area: heed.ServiceArea{ID: id}}, errs)
		}
	case heed.NameTeam:
		s.renderTeam(w, r, code, "", errs)
	case heed.NameTheme:
		s.renderTheme(w, r, code, "", errs)
	}
}

// areaChoice is the merge and retire forms of a service area.
func areaChoice(a heed.ServiceArea, areas []heed.ServiceArea) nameChoice {
	return nameChoice{What: "service area", Base: "/admin/areas/" + strconv.FormatInt(a.ID, 10), Records: a.Records, Retired: a.Retired,
		Others: others(areas, a.ID, func(o heed.ServiceArea) (int64, string) { return o.ID, o.Name })}
}

// teamChoice is the merge and retire forms of a team of the area.
func teamChoice(t heed.Team, a heed.ServiceArea) nameChoice {
	return nameChoice{What: "team", Base: "/admin/teams/" + strconv.FormatInt(t.ID, 10), Records: -1, Retired: t.Retired,
		Others: others(a.Teams, t.ID, func(o heed.Team) (int64, string) { return o.ID, o.Name })}
}

// themeChoice is the merge and retire forms of a theme.
func themeChoice(t heed.Theme, themes []heed.Theme) nameChoice {
	return nameChoice{What: "theme", Base: "/admin/themes/" + strconv.FormatInt(t.ID, 10), Records: t.Records, Retired: t.Retired,
		Others: others(themes, t.ID, func(o heed.Theme) (int64, string) { return o.ID, o.Name })}
}

// others are the names of list but the one with the id self, as options.
func others[T any](list []T, self int64, idName func(T) (int64, string)) []option {
	var out []option
	for _, o := range list {
		if id, name := idName(o); id != self {
			out = append(out, option{strconv.FormatInt(id, 10), name})
		}
	}
	return out
}
