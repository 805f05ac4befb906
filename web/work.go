package web

import (
	"net/http"

	"github.com/heedhq/heed"
)

// workPerPage is how many open stages a page of a work list shows.
const workPerPage = 25

// workList is one list of open stages on "Your work": a page of them,
// its pages and how it is sorted.
type workList struct {
	ID, Title, Caption, Empty string
	Items                     []workItem
	Pages                     pager
	Sort                      listSort
	ShowHolder                bool // the list has a "Held by" column
}

type homeData struct {
	Mine    *workList
	Queue   *workList // nil when the user has no team queue
	Changed bool
}

// workSort is the order of the work lists: by due day (the default),
// received day or service area.
func workSort(r *http.Request, fragment string) listSort {
	return readSort("/", r.URL.Query(), fragment,
		sortColumn{Key: heed.SortDue}, sortColumn{Key: heed.SortReceived}, sortColumn{Key: heed.SortArea})
}

// home is "Your work": the user's open stages, and for the complaints team
// the stages waiting to be allocated, for a manager those of their areas.
// Each list shows every stage, a page at a time, in the order asked for.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	data := homeData{Changed: r.URL.Query().Get("changed") == "password"}
	if u.SeesCases() {
		data.Mine = &workList{ID: "mine", Title: "Your open stages", Caption: "Stages allocated to you",
			Empty: "Nothing is allocated to you."}
		if err := s.fillWork(r, data.Mine, "page", heed.OpenStageFilter{Investigator: u.Username}); err != nil {
			s.fail(w, r, err)
			return
		}
		var f heed.OpenStageFilter
		switch {
		case u.SeesAllCases():
			data.Queue = &workList{Title: "Waiting to be allocated", Empty: "Nothing is waiting."}
			f.Unallocated = true
		case u.Role == heed.RoleManager:
			data.Queue = &workList{Title: "Open in your service areas", Empty: "Nothing is open in your service areas.", ShowHolder: true}
			f.OnlyServiceAreas = u.ServiceAreas
		}
		if data.Queue != nil {
			data.Queue.ID, data.Queue.Caption = "queue", data.Queue.Title
			if err := s.fillWork(r, data.Queue, "queue-page", f); err != nil {
				s.fail(w, r, err)
				return
			}
		}
	}
	p := page{Title: "Your work", Nav: "home", Data: data}
	if data.Changed {
		p.Success = "Your password has been changed."
	}
	s.render(w, r, http.StatusOK, "home", p)
}

// fillWork reads the page of l that the query's param asks for.
func (s *Server) fillWork(r *http.Request, l *workList, param string, f heed.OpenStageFilter) error {
	l.Sort = workSort(r, "#"+l.ID)
	l.Pages = newPagerOf("/", r.URL.Query(), workPerPage, param, "#"+l.ID)
	f.Sort, f.Descending = l.Sort.Key, l.Sort.Desc
	f.Offset, f.Limit = l.Pages.Offset(), l.Pages.Size
	stages, total, err := s.Store.OpenStages(r.Context(), f)
	if err != nil {
		return err
	}
	if l.Items, err = s.workItems(r, stages); err != nil {
		return err
	}
	l.Pages.count(len(l.Items), total, 0)
	by := map[heed.SortKey]string{heed.SortDue: "due date", heed.SortReceived: "date received", heed.SortArea: "service area"}[l.Sort.Key]
	order := "earliest first"
	switch {
	case l.Sort.Key == heed.SortArea && l.Sort.Desc:
		order = "Z to A"
	case l.Sort.Key == heed.SortArea:
		order = "A to Z"
	case l.Sort.Desc:
		order = "latest first"
	}
	l.Caption += ", by " + by + ", " + order
	return nil
}
