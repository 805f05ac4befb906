package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// The pages of the names records are filed under: service areas, their
// teams, and themes.

// areasData is the service areas page.
type areasData struct {
	Areas []heed.ServiceArea
	Name  string // the name posted to add, on error
}

// areaData is one service area's page: rename it, add a team, put it in
// a directorate.
type areaData struct {
	Area         heed.ServiceArea
	Name         string // the new name posted, on error
	Team         string // the team posted, on error
	Directorate  string // the directorate posted, on error
	Directorates []string
	Choice       nameChoice
}

// renameData is the page of a team or a theme: rename, merge or retire it.
type renameData struct {
	Heading string // the name
	Caption string // what it belongs to
	Label   string
	Action  string
	Back    string
	Name    string
	Choice  nameChoice
}

// themesData is the themes page.
type themesData struct {
	Themes []heed.Theme
	Name   string
}

// saveName saves the name posted in field. A name the store refuses (empty,
// too long, taken) is shown again on the form, which again draws, with the
// reason beside it; any other error fails; a saved name goes on to done.
func (s *Server) saveName(w http.ResponseWriter, r *http.Request, field string, save func(name string) error,
	again func(name string, errs heed.FieldErrors), done string) {
	name := r.PostFormValue(field)
	err := save(name)
	switch heed.ErrorCode(err) {
	case "":
		http.Redirect(w, r, done, http.StatusSeeOther)
	case heed.EINVALID, heed.ECONFLICT:
		again(name, heed.FieldErrors{{Field: field, Message: strings.TrimSuffix(heed.ErrorMessage(err), ".")}})
	default:
		s.fail(w, r, err)
	}
}

func (s *Server) renderAreas(w http.ResponseWriter, r *http.Request, code int, name string, errs heed.FieldErrors) {
	areas, err := s.Store.ServiceAreaList(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, code, "admin_areas", page{Title: "Service areas and teams", Nav: "admin", Errors: errs,
		Success: doneMessage(r), Data: areasData{Areas: areas, Name: name}})
}

func (s *Server) adminAreas(w http.ResponseWriter, r *http.Request) {
	s.renderAreas(w, r, http.StatusOK, "", nil)
}

func (s *Server) adminAddArea(w http.ResponseWriter, r *http.Request) {
	s.saveName(w, r, "name", func(name string) error {
		_, err := s.Store.CreateServiceArea(r.Context(), actor(r), name)
		return err
	}, func(name string, errs heed.FieldErrors) {
		s.renderAreas(w, r, http.StatusBadRequest, name, errs)
	}, "/admin/areas?done=area-added")
}

// findArea returns the service area the path names, with its teams.
func (s *Server) findArea(w http.ResponseWriter, r *http.Request, id int64) (heed.ServiceArea, []heed.ServiceArea, bool) {
	areas, err := s.Store.ServiceAreaList(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return heed.ServiceArea{}, nil, false
	}
	for _, a := range areas {
		if a.ID == id {
			return a, areas, true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "There is no such service area.")
	return heed.ServiceArea{}, nil, false
}

func (s *Server) renderArea(w http.ResponseWriter, r *http.Request, code int, d areaData, errs heed.FieldErrors) {
	a, areas, ok := s.findArea(w, r, d.Area.ID)
	if !ok {
		return
	}
	d.Area, d.Choice = a, areaChoice(a, areas)
	if !hasError(errs, "name") {
		d.Name = a.Name // the rename form starts from the name in force
	}
	if !hasError(errs, "directorate") {
		d.Directorate = a.Directorate
	}
	d.Directorates = heed.Directorates(areas)
	s.render(w, r, code, "admin_area", page{Title: a.Name, Nav: "admin", Errors: errs, Success: doneMessage(r), Data: d})
}

func (s *Server) adminArea(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	s.renderArea(w, r, http.StatusOK, areaData{Area: heed.ServiceArea{ID: id}}, nil)
}

func (s *Server) adminRenameArea(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	s.saveName(w, r, "name", func(name string) error {
		return s.Store.RenameServiceArea(r.Context(), actor(r), id, name)
	}, func(name string, errs heed.FieldErrors) {
		s.renderArea(w, r, http.StatusBadRequest, areaData{Area: heed.ServiceArea{ID: id}, Name: name}, errs)
	}, "/admin/areas?done=area-renamed")
}

func (s *Server) adminSetDirectorate(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	s.saveName(w, r, "directorate", func(name string) error {
		return s.Store.SetDirectorate(r.Context(), actor(r), id, name)
	}, func(name string, errs heed.FieldErrors) {
		s.renderArea(w, r, http.StatusBadRequest, areaData{Area: heed.ServiceArea{ID: id}, Directorate: name}, errs)
	}, "/admin/areas/"+strconv.FormatInt(id, 10)+"?done=directorate-set")
}

func (s *Server) adminAddTeam(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	s.saveName(w, r, "team", func(team string) error {
		_, err := s.Store.CreateTeam(r.Context(), actor(r), id, team)
		return err
	}, func(team string, errs heed.FieldErrors) {
		s.renderArea(w, r, http.StatusBadRequest, areaData{Area: heed.ServiceArea{ID: id}, Team: team}, errs)
	}, "/admin/areas/"+strconv.FormatInt(id, 10)+"?done=team-added")
}

// findTeam returns the team the path names and its service area.
func (s *Server) findTeam(w http.ResponseWriter, r *http.Request) (heed.Team, heed.ServiceArea, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return heed.Team{}, heed.ServiceArea{}, false
	}
	areas, err := s.Store.ServiceAreaList(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return heed.Team{}, heed.ServiceArea{}, false
	}
	for _, a := range areas {
		for _, t := range a.Teams {
			if t.ID == id {
				return t, a, true
			}
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "There is no such team.")
	return heed.Team{}, heed.ServiceArea{}, false
}

func (s *Server) renderTeam(w http.ResponseWriter, r *http.Request, code int, name string, errs heed.FieldErrors) {
	t, a, ok := s.findTeam(w, r)
	if !ok {
		return
	}
	if !hasError(errs, "name") { // the rename form starts from the name in force
		name = t.Name
	}
	area := "/admin/areas/" + strconv.FormatInt(a.ID, 10)
	s.render(w, r, code, "admin_rename", page{Title: "Team " + t.Name, Nav: "admin", Errors: errs, Success: doneMessage(r), Data: renameData{
		Heading: t.Name, Caption: "Team in " + a.Name, Label: "New name of the team",
		Action: "/admin/teams/" + strconv.FormatInt(t.ID, 10), Back: area, Name: name, Choice: teamChoice(t, a)}})
}

func (s *Server) adminTeam(w http.ResponseWriter, r *http.Request) {
	s.renderTeam(w, r, http.StatusOK, "", nil)
}

func (s *Server) adminRenameTeam(w http.ResponseWriter, r *http.Request) {
	t, a, ok := s.findTeam(w, r)
	if !ok {
		return
	}
	s.saveName(w, r, "name", func(name string) error {
		return s.Store.RenameTeam(r.Context(), actor(r), t.ID, name)
	}, func(name string, errs heed.FieldErrors) {
		s.renderTeam(w, r, http.StatusBadRequest, name, errs)
	}, "/admin/areas/"+strconv.FormatInt(a.ID, 10)+"?done=team-renamed")
}

func (s *Server) renderThemes(w http.ResponseWriter, r *http.Request, code int, name string, errs heed.FieldErrors) {
	themes, err := s.Store.Themes(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, code, "admin_themes", page{Title: "Themes", Nav: "admin", Errors: errs,
		Success: doneMessage(r), Data: themesData{Themes: themes, Name: name}})
}

func (s *Server) adminThemes(w http.ResponseWriter, r *http.Request) {
	s.renderThemes(w, r, http.StatusOK, "", nil)
}

func (s *Server) adminAddTheme(w http.ResponseWriter, r *http.Request) {
	s.saveName(w, r, "name", func(name string) error {
		_, err := s.Store.CreateTheme(r.Context(), actor(r), name)
		return err
	}, func(name string, errs heed.FieldErrors) {
		s.renderThemes(w, r, http.StatusBadRequest, name, errs)
	}, "/admin/themes?done=theme-added")
}

// findTheme returns the theme the path names.
func (s *Server) findTheme(w http.ResponseWriter, r *http.Request) (heed.Theme, []heed.Theme, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return heed.Theme{}, nil, false
	}
	themes, err := s.Store.Themes(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return heed.Theme{}, nil, false
	}
	for _, t := range themes {
		if t.ID == id {
			return t, themes, true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "There is no such theme.")
	return heed.Theme{}, nil, false
}

func (s *Server) renderTheme(w http.ResponseWriter, r *http.Request, code int, name string, errs heed.FieldErrors) {
	t, themes, ok := s.findTheme(w, r)
	if !ok {
		return
	}
	if !hasError(errs, "name") { // the rename form starts from the name in force
		name = t.Name
	}
	s.render(w, r, code, "admin_rename", page{Title: "Theme " + t.Name, Nav: "admin", Errors: errs, Success: doneMessage(r), Data: renameData{
		Heading: t.Name, Caption: "Theme", Label: "New name of the theme",
		Action: "/admin/themes/" + strconv.FormatInt(t.ID, 10), Back: "/admin/themes", Name: name, Choice: themeChoice(t, themes)}})
}

func (s *Server) adminTheme(w http.ResponseWriter, r *http.Request) {
	s.renderTheme(w, r, http.StatusOK, "", nil)
}

func (s *Server) adminRenameTheme(w http.ResponseWriter, r *http.Request) {
	t, _, ok := s.findTheme(w, r)
	if !ok {
		return
	}
	s.saveName(w, r, "name", func(name string) error {
		return s.Store.RenameTheme(r.Context(), actor(r), t.ID, name)
	}, func(name string, errs heed.FieldErrors) {
		s.renderTheme(w, r, http.StatusBadRequest, name, errs)
	}, "/admin/themes?done=theme-renamed")
}

// hasError reports whether errs has one for the field.
func hasError(errs heed.FieldErrors, field string) bool {
	return slices.ContainsFunc(errs, func(e heed.FieldError) bool { return e.Field == field })
}
