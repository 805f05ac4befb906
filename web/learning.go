package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// learningStore is what the learning register needs of the store.
type learningStore interface {
	heed.LearningService
}

func (s *Server) learningRoutes(mux *http.ServeMux) {
	mux.Handle("GET /learning", s.user(s.learning))
}

// lessonsPerPage is how many lessons the register shows at once.
const lessonsPerPage = 25

// learningData is the learning register page: the filter as typed, the
// options, and one page of lessons.
type learningData struct {
	Query          url.Values
	Items          []heed.LearningItem
	Pages          pager
	Today          calendar.Date
	FiltersActions bool   // only the selected actions are listed
	StatusLabel    string // the action status selected, in words

	AreaOptions, KindOptions, StatusOptions []option
}

// learning is the learning register: every lesson and its actions across
// the cases the user may see, with overdue actions flagged.
func (s *Server) learning(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if !u.SeesCases() {
		s.errorPage(w, r, http.StatusForbidden, "Your account can read published reports only, not the lessons of cases.")
		return
	}
	q := r.URL.Query()
	f, errs := learningFilter(q)
	f.Today = s.today()
	restrictLearning(u, &f)
	data := learningData{Query: q, Today: f.Today, Pages: newPager("/learning", q, lessonsPerPage),
		FiltersActions: f.FiltersActions(), StatusLabel: f.ActionStatus.Label(),
		KindOptions: []option{{"", "Lessons and no learning identified"}, {string(heed.LessonLearning), "Lessons only"},
			{string(heed.LessonNoLearning), "No learning identified only"}},
		StatusOptions: options("Any action, or none", stringsOf(heed.ActionStatuses),
			func(v string) string { return heed.ActionStatus(v).Label() }),
	}
	var err error
	if data.AreaOptions, err = s.areaOptions(r); err != nil {
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	if len(errs) > 0 {
		code = http.StatusBadRequest
	} else {
		f.Offset, f.Limit = data.Pages.Offset(), data.Pages.Size
		var total int
		data.Items, total, err = s.Store.ListLearning(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data.Pages.count(len(data.Items), total, heed.CaseMaxTotal)
	}
	s.render(w, r, code, "learning", page{Title: "Learning register", Nav: "learning", Errors: errs, Data: data})
}

// restrictLearning narrows the register to the cases the user may see, by
// the same rule as the cases list.
func restrictLearning(u *heed.User, f *heed.LearningFilter) {
	var cf heed.CaseFilter
	restrict(u, &cf)
	f.OnlyServiceAreas, f.OnlyInvestigator, f.LimitedAccess = cf.OnlyServiceAreas, cf.OnlyInvestigator, cf.LimitedAccess
}

// learningFilter reads the register's query, and says what is wrong with
// it in words a complaints officer understands.
func learningFilter(q url.Values) (heed.LearningFilter, heed.FieldErrors) {
	f := heed.LearningFilter{
		ServiceArea: q.Get("service_area"), Theme: strings.TrimSpace(q.Get("theme")),
		Kind: heed.LessonKind(q.Get("kind")), ActionStatus: heed.ActionStatus(q.Get("status")),
		Search: strings.TrimSpace(q.Get("q")),
	}
	var errs heed.FieldErrors
	switch f.Kind {
	case "", heed.LessonLearning, heed.LessonNoLearning:
	default:
		errs = append(errs, heed.FieldError{Field: "kind", Message: "Choose lessons, no learning identified, or both"})
	}
	switch f.ActionStatus {
	case "", heed.ActionOpen, heed.ActionOverdue, heed.ActionCompleted:
	default:
		errs = append(errs, heed.FieldError{Field: "status", Message: "Choose not completed, overdue or completed actions, or any"})
	}
	dates := []struct {
		name, label string
		d           *calendar.Date
	}{
		{"from", "The received from date", &f.ReceivedFrom},
		{"to", "The received to date", &f.ReceivedTo},
		{"due-from", "The due from date", &f.DueFrom},
		{"due-to", "The due to date", &f.DueTo},
	}
	for _, dt := range dates {
		var err *heed.FieldError
		if *dt.d, err = dateInput(q, dt.name, dt.label); err != nil {
			errs = append(errs, *err)
		}
	}
	if !f.ReceivedFrom.IsZero() && !f.ReceivedTo.IsZero() && f.ReceivedTo.Before(f.ReceivedFrom) {
		errs = append(errs, heed.FieldError{Field: "to-day", Message: "The received to date must be the same as or after the received from date"})
	}
	if !f.DueFrom.IsZero() && !f.DueTo.IsZero() && f.DueTo.Before(f.DueFrom) {
		errs = append(errs, heed.FieldError{Field: "due-to-day", Message: "The due to date must be the same as or after the due from date"})
	}
	return f, errs
}
