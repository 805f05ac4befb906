package web

import (
	"net/http"
	"strconv"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// stageView is a stage with its clock for the case page.
type stageView struct {
	*heed.Stage
	Label       string // "Stage 1" or "Reply"
	Clock       heed.Clock
	HasClock    bool
	Due         calendar.Date
	DaysLeft    int // working days from today to Due; negative when overdue
	Overdue     bool
	DueSoon     bool
	InTime      bool
	OutcomeText string
}

type caseData struct {
	Record  *heed.Record
	Stages  []stageView
	History []heed.AuditEntry
	Today   calendar.Date
	// Forms are the changes the user may make to the case now.
	Forms []*caseForm
	// CanWork allows completing learning actions.
	CanWork bool
	// Linked are the records linked to this one that the user may see.
	Linked      []caseRow
	LinkedTotal int
}

// linkedLimit is the most linked records the case page lists: the newest
// ten, with how many there are in all (the cases list finds the rest by the
// complainant's name).
const linkedLimit = 10

// casePage shows everything about one case. Opening it is written to the
// audit history. A case the user may not see is "not found", so that its
// reference is not confirmed either.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if !u.SeesCases() {
		s.errorPage(w, r, http.StatusForbidden, "Your account can read published reports only, not cases.")
		return
	}
	rec, err := s.Store.FindRecordByReference(r.Context(), r.PathValue("ref"))
	if err == nil && !u.CanSee(rec) {
		err = heed.Errorf(heed.ENOTFOUND, "There is no case %s that you can see.", r.PathValue("ref"))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	history, err := s.Store.ViewRecord(r.Context(), actor(r), rec.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.caseData(r, rec, history)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "case", page{Title: rec.Type.Label() + " " + rec.Reference, Nav: "cases", Data: data,
		Success: doneMessages[r.URL.Query().Get("done")]})
}

// caseData is what the case page shows of rec, with its history.
func (s *Server) caseData(r *http.Request, rec *heed.Record, history []heed.AuditEntry) (*caseData, error) {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nil, err
	}
	today := s.today()
	u := currentUser(r)
	data := &caseData{Record: rec, History: history, Today: today, CanWork: canWork(u, rec)}
	for _, f := range caseForms {
		if f.path != "complete-action" && f.allowed(u, rec) && (f.applies == nil || f.applies(rec, s.rules()) == "") {
			data.Forms = append(data.Forms, f)
		}
	}
	links := heed.CaseFilter{LinkedTo: rec, Limit: linkedLimit}
	restrict(u, &links)
	linked, total, err := s.Store.ListCases(r.Context(), links)
	if err != nil {
		return nil, err
	}
	data.Linked, data.LinkedTotal = caseRows(linked, today), total
	for i := range rec.Stages {
		st := &rec.Stages[i]
		v := stageView{Stage: st, Label: "Stage " + strconv.Itoa(st.Number), OutcomeText: st.Outcome.Label()}
		if rec.Type != heed.TypeComplaint {
			v.Label = "Reply"
		}
		v.Clock, v.HasClock = s.rules().StageClock(cal, rec, st)
		v.Due = st.Deadline
		if !st.ExtendedTo.IsZero() {
			v.Due = st.ExtendedTo
		}
		if st.Open() && !v.Due.IsZero() {
			v.DaysLeft, v.Overdue, v.DueSoon = dueFlags(cal, today, v.Due)
		}
		v.InTime, _ = st.InTime()
		data.Stages = append(data.Stages, v)
	}
	return data, nil
}
