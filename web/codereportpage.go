package web

import (
	"net/http"
	"slices"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

// codeReportPage shows the Complaint Handling Code's annual report for a
// year, or sends it as a download. As for the annual report, a viewer reads
// the published version only.
func (s *Server) codeReportPage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	// The year and version are read as an annual report's (2026-27,
	// published, with a download's extension); the Code's reports start
	// with 2026/27.
	ref, format, ok := parseReportPath(r.PathValue("year"), r.PathValue("version"))
	code, year, known := parseCodeYear(r.PathValue("code"), ref.Slug)
	if !ok || !known || ref.Period.From.After(s.today()) {
		s.errorPage(w, r, http.StatusNotFound, "There is no such Code report: the Code's annual reports start with 2026/27, and a year's report starts on 1 April.")
		return
	}
	ref.Code = code
	if !ref.Published && !u.CanReadReports() {
		s.render(w, r, http.StatusForbidden, "report_forbidden", page{Title: "You cannot see this page", Nav: "reports", Data: ref.Other()})
		return
	}
	a, err := s.Store.CodeAssessment(r.Context(), code, year)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rep, err := report.CodeReport(r.Context(), s.Store, code, year, a, report.Options{Council: s.CouncilName,
		Publish: ref.Published, SuppressBelow: s.SuppressBelow, AsOf: s.today(), Rules: s.rules()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limited := limitLessons(u, rep)
	if limited {
		// The actions are case data too: a manager reads their areas'.
		rep.Improvements = slices.DeleteFunc(rep.Improvements, func(im report.ImprovementLine) bool {
			return u.Role != heed.RoleManager || !u.ManagesArea(im.ServiceArea)
		})
	}
	s.showReport(w, r, ref, format, rep, reportViewData{CanFull: u.CanReadReports(), Limited: limited, CanAssess: mayAssess(u)})
}
