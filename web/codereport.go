package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// The Complaint Handling Code's annual report: what officers write of it
// (the self-assessment, the Ombudsman's letter, findings of non-compliance
// and the governing body's response), a Code and a year at a time.

// codeReportStore is what the Code report pages need of the store.
type codeReportStore interface {
	heed.CodeAssessmentService
	CodeFacts(ctx context.Context, q report.CodeQuery) (*report.CodeFacts, error)
}

func (s *Server) codeReportRoutes(mux *http.ServeMux) {
	mux.Handle("GET /reports/code/{code}/{year}/assessment", s.user(s.codeAssessmentPage))
	mux.Handle("POST /reports/code/{code}/{year}/assessment", s.user(s.saveCodeAssessment))
	// /reports/code/lgsco/2026-27 and its downloads (2026-27.pdf), and the
	// published version: /reports/code/lgsco/2026-27/published(.pdf).
	mux.Handle("GET /reports/code/{code}/{year}", s.user(s.codeReportPage))
	mux.Handle("GET /reports/code/{code}/{year}/{version}", s.user(s.codeReportPage))
}

// codeYear is one year of the Code's annual report, as the reports page
// links to it.
type codeYear struct{ Label, Slug string }

// codeYears lists the Code report's years, from 2026/27 to today's,
// newest first.
func codeYears(today calendar.Date) []codeYear {
	var out []codeYear
	for y := today.FinancialYear(); y >= 2026; y-- {
		label := calendar.FinancialYearLabel(y)
		out = append(out, codeYear{label, strings.ReplaceAll(label, "/", "-")})
	}
	return out
}

// mayAssess reports whether the user may write the Code report's
// self-assessment: administrators and complaints officers.
func mayAssess(u *heed.User) bool { return u.SeesAllCases() }

// codeYear reads the Code and the financial year ("2026-27") from the
// path; ok is false (and a 404 page shown) when they name no Code report.
func (s *Server) codeYear(w http.ResponseWriter, r *http.Request) (heed.CodeID, int, bool) {
	code, year, ok := parseCodeYear(r.PathValue("code"), r.PathValue("year"))
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "There is no such Code report: the Code's annual reports start with 2026/27.")
	}
	return code, year, ok
}

// parseCodeYear reads a Code's id and a financial year written 2026-27;
// ok is false when they name no Code report.
func parseCodeYear(codeText, yearText string) (heed.CodeID, int, bool) {
	code := heed.CodeID(codeText)
	first, second, found := strings.Cut(yearText, "-")
	year, err := strconv.Atoi(first)
	valid := false
	for _, c := range heed.CodeIDs {
		valid = valid || c == code
	}
	if !valid || !found || err != nil || year < 2026 || year > 2100 || second != calendar.FinancialYearLabel(year)[5:] {
		return "", 0, false
	}
	return code, year, true
}

// assessmentRow is one requirement on the form, with what was written of
// it and the form fields' ids.
type assessmentRow struct {
	heed.CodeRequirement
	Entry                           heed.AssessmentEntry
	CompliantID, EvidenceID, NoteID string
}

// assessmentData is the self-assessment form.
type assessmentData struct {
	Code       heed.CodeID
	Year       string // 2026/27
	Slug       string // 2026-27
	Version    int
	Rows       []assessmentRow
	Letter     []letterRow
	Assessment *heed.CodeAssessment
	Answers    []option
}

// letterRow is one figure of the Ombudsman's letter on the form.
type letterRow struct{ ID, Label, Value string }

// assessmentFieldID is the form's id for a field of the assessment as the
// domain names it ("5.1_evidence" is "r5-1-evidence"): an id a CSS
// selector reads without escaping.
func assessmentFieldID(field string) string {
	req, part, ok := strings.Cut(field, "_")
	if !ok || !strings.ContainsAny(req[:1], "0123456789") {
		return strings.ReplaceAll(field, "_", "-")
	}
	return "r" + strings.ReplaceAll(req, ".", "-") + "-" + part
}

// renderCodeAssessment shows the form for a; typed holds what was typed
// into the letter's figures, by id, when a figure could not be read.
func (s *Server) renderCodeAssessment(w http.ResponseWriter, r *http.Request, code int, a *heed.CodeAssessment,
	errs heed.FieldErrors, typed map[string]string) {
	label := calendar.FinancialYearLabel(a.Year)
	d := assessmentData{Code: a.Code, Year: label, Slug: strings.ReplaceAll(label, "/", "-"), Version: a.Version, Assessment: a}
	for _, f := range a.Letter.Figures() {
		id := assessmentFieldID(f.Key)
		v, ok := typed[id]
		if !ok {
			v = f.Value()
		}
		d.Letter = append(d.Letter, letterRow{id, f.Label, v})
	}
	for _, c := range heed.Compliances {
		d.Answers = append(d.Answers, option{string(c), c.Label()})
	}
	d.Answers = append(d.Answers, option{"", "Not assessed yet"})
	for _, req := range a.Code.CodeRequirements() {
		d.Rows = append(d.Rows, assessmentRow{CodeRequirement: req, Entry: a.Entry(req.ID),
			CompliantID: assessmentFieldID(req.ID + "_compliant"), EvidenceID: assessmentFieldID(req.ID + "_evidence"),
			NoteID: assessmentFieldID(req.ID + "_commentary")})
	}
	s.render(w, r, code, "code_assessment", page{Title: "Self-assessment " + d.Year, Nav: "reports", Errors: errs,
		Success: doneMessage(r), Data: d})
}

func (s *Server) codeAssessmentPage(w http.ResponseWriter, r *http.Request) {
	code, year, ok := s.codeYear(w, r)
	if !ok {
		return
	}
	if !mayAssess(currentUser(r)) {
		s.errorPage(w, r, http.StatusForbidden, "Only administrators and complaints officers can write the Code report's self-assessment.")
		return
	}
	a, err := s.Store.CodeAssessment(r.Context(), code, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderCodeAssessment(w, r, http.StatusOK, a, nil, nil)
}

func (s *Server) saveCodeAssessment(w http.ResponseWriter, r *http.Request) {
	code, year, ok := s.codeYear(w, r)
	if !ok {
		return
	}
	if !mayAssess(currentUser(r)) {
		s.errorPage(w, r, http.StatusForbidden, "Only administrators and complaints officers can write the Code report's self-assessment.")
		return
	}
	a := &heed.CodeAssessment{Code: code, Year: year}
	var errs heed.FieldErrors
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || version < 0 {
		s.errorPage(w, r, http.StatusBadRequest, "Heed cannot read this form: open the self-assessment again.")
		return
	}
	a.Version = version
	for _, req := range code.CodeRequirements() {
		e := heed.AssessmentEntry{Requirement: req.ID,
			Compliant:  heed.Compliance(r.PostFormValue(assessmentFieldID(req.ID + "_compliant"))),
			Evidence:   strings.TrimSpace(r.PostFormValue(assessmentFieldID(req.ID + "_evidence"))),
			Commentary: strings.TrimSpace(r.PostFormValue(assessmentFieldID(req.ID + "_commentary")))}
		a.Entries = append(a.Entries, e)
	}
	typed := map[string]string{}
	for _, f := range a.Letter.Figures() {
		id := assessmentFieldID(f.Key)
		if fe := a.Letter.SetFigure(f.Key, r.PostFormValue(id)); fe != nil {
			errs = append(errs, heed.FieldError{Field: id, Message: fe.Message})
			typed[id] = r.PostFormValue(id)
		}
	}
	a.NonCompliance = strings.TrimSpace(r.PostFormValue("non-compliance"))
	a.GoverningResponse = strings.TrimSpace(r.PostFormValue("governing-response"))
	for _, fe := range a.Validate() {
		errs = append(errs, heed.FieldError{Field: assessmentFieldID(fe.Field), Message: fe.Message})
	}
	if len(errs) == 0 {
		err = s.Store.SaveCodeAssessment(r.Context(), actor(r), a)
		switch heed.ErrorCode(err) {
		case "":
			http.Redirect(w, r, fmt.Sprintf("/reports/code/%s/%s/assessment?done=assessment-saved", code, r.PathValue("year")), http.StatusSeeOther)
			return
		case heed.ECONFLICT:
			// Shown as it is now, so that nobody's work is overwritten
			// unseen.
			now, err2 := s.Store.CodeAssessment(r.Context(), code, year)
			if err2 != nil {
				s.fail(w, r, err2)
				return
			}
			s.renderCodeAssessment(w, r, http.StatusConflict, now, heed.FieldErrors{{Field: "r1-1-compliant",
				Message: strings.Replace(heed.ErrorMessage(err), "Open it again to see their changes, then make yours.",
					"It is shown below as it is now: make your changes again.", 1)}}, nil)
			return
		default:
			s.fail(w, r, err)
			return
		}
	}
	s.renderCodeAssessment(w, r, http.StatusBadRequest, a, errs, typed)
}
