package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/report/render"
)

// reportStore is what the report pages need of the store.
type reportStore interface {
	report.Source
	// ReceivedRange returns the first and last day a record was received
	// on (zero dates when there are none).
	ReceivedRange(ctx context.Context) (first, last calendar.Date, err error)
}

func (s *Server) reportRoutes(mux *http.ServeMux) {
	mux.Handle("GET /reports", s.user(s.reports))
	// /reports/2014-15, /reports/2014Q3, and their downloads such as
	// /reports/2014-15.xlsx.
	mux.Handle("GET /reports/{period}", s.user(s.reportPage))
	// /reports/2014-15/published, and its downloads such as
	// /reports/2014-15/published.pdf.
	mux.Handle("GET /reports/{period}/{version}", s.user(s.reportPage))
}

// firstReportYear is the earliest financial year a report can be asked
// for.
const firstReportYear = 2000

// maxYearsListed is how many financial years the reports page lists.
const maxYearsListed = 10

// download is how a report format is sent.
type download struct {
	Format, Label, ContentType string
}

// downloads are the formats offered, in the order the page lists them.
var downloads = []download{
	{"xlsx", "Excel spreadsheet (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	{"csv", "CSV", "text/csv; charset=utf-8"},
	{"pdf", "PDF", "application/pdf"},
	{"docx", "Word document (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	{"json", "JSON", "application/json"},
	{"html", "Web page (HTML)", "text/html; charset=utf-8"},
}

// reportRef names one report: its period and version, and where it is.
type reportRef struct {
	Period    report.Period
	Slug      string // 2014-15 or 2014Q3
	Published bool
	// Code names the Complaint Handling Code of a Code report; "" for the
	// annual and quarterly reports.
	Code heed.CodeID
	// Directorate names the directorate reported on; "" for the whole
	// council.
	Directorate string
}

// URL is the report's page, or with a format its download.
func (ref reportRef) URL(format string) string {
	u := "/reports/" + ref.Slug
	if ref.Code != "" {
		u = "/reports/code/" + string(ref.Code) + "/" + ref.Slug
	}
	if ref.Published {
		u += "/published"
	}
	if format != "" {
		u += "." + format
	}
	if ref.Directorate != "" {
		u += "?" + url.Values{"directorate": {ref.Directorate}}.Encode()
	}
	return u
}

// Filename is the name a download is saved as.
func (ref reportRef) Filename(format string) string {
	name := "complaints-report-" + ref.Slug
	if ref.Code != "" {
		name = "complaints-performance-report-" + string(ref.Code) + "-" + ref.Slug
	}
	if ref.Directorate != "" {
		name += "-" + fileWord(ref.Directorate)
	}
	if ref.Published {
		name += "-published"
	}
	return name + "." + format
}

// Other is the other version of the same report.
func (ref reportRef) Other() reportRef {
	ref.Published = !ref.Published
	return ref
}

var (
	annualSlug  = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	quarterSlug = regexp.MustCompile(`^(\d{4})Q([1-4])$`)
)

// annualRef and quarterRef name the reports of a financial year and of one
// of its quarters.
func annualRef(year int, published bool) reportRef {
	return reportRef{Period: report.Annual(year), Slug: fmt.Sprintf("%d-%02d", year, (year+1)%100), Published: published}
}

func quarterRef(year, quarter int, published bool) (reportRef, error) {
	slug := fmt.Sprintf("%dQ%d", year, quarter)
	p, err := report.Quarterly(slug)
	return reportRef{Period: p, Slug: slug, Published: published}, err
}

// parseReportPath reads the period and version of a report's address, and
// the format when it is a download ("" for the page). ok is false when the
// address names no report.
func parseReportPath(period, version string) (ref reportRef, format string, ok bool) {
	last := &period
	if version != "" {
		last = &version
	}
	if i := strings.LastIndexByte(*last, '.'); i >= 0 {
		*last, format = (*last)[:i], (*last)[i+1:]
		if !slices.ContainsFunc(downloads, func(d download) bool { return d.Format == format }) {
			return reportRef{}, "", false
		}
	}
	published := false
	switch version {
	case "":
	case "published":
		published = true
	default:
		return reportRef{}, "", false
	}
	if m := annualSlug.FindStringSubmatch(period); m != nil {
		year, _ := strconv.Atoi(m[1])
		end, _ := strconv.Atoi(m[2])
		if (year+1)%100 != end {
			return reportRef{}, "", false
		}
		return annualRef(year, published), format, true
	}
	if m := quarterSlug.FindStringSubmatch(period); m != nil {
		year, _ := strconv.Atoi(m[1])
		q, _ := strconv.Atoi(m[2])
		ref, err := quarterRef(year, q, published)
		return ref, format, err == nil
	}
	return reportRef{}, "", false
}

// yearLinks is one financial year on the reports page.
type yearLinks struct {
	Label     string
	Full      reportRef
	Published reportRef
}

// reportsData is the reports page: the form to choose a report, and the
// financial years that have records.
type reportsData struct {
	CanReadFull bool
	Query       url.Values
	Period      string // the period chosen: year, or a quarter 1 to 4
	Version     string // full or published
	Years       []yearLinks
	// CodeYears are the years of the Complaint Handling Code's annual
	// report, newest first, for those who write its self-assessment.
	CodeYears []codeYear
	Codes     []option // the Codes, by id and name
	// Directorate is the directorate chosen ("" the whole council), of
	// DirectorateOptions: none when no service area belongs to one.
	Directorate        string
	DirectorateOptions []option
	MayAssess          bool // the user may write the self-assessment
	FirstYear          int  // the earliest financial year a report can be asked for
	LastYear           int  // the latest

	PeriodOptions, VersionOptions []option
}

// periodOptions and versionOptions are the choices of the reports form.
var (
	periodOptions = []option{{"year", "The whole year (April to March)"}, {"1", "Quarter 1 (April to June)"},
		{"2", "Quarter 2 (July to September)"}, {"3", "Quarter 3 (October to December)"}, {"4", "Quarter 4 (January to March)"}}
	versionOptions = []option{{"full", "Full report, for staff"},
		{"published", "Published version, for the public and councillors: small numbers are not shown and there are no lesson texts"}}
)

// reports lists the reports a user may read and lets them choose one. The
// form is a GET: when it is filled in, a valid choice goes to the report,
// an invalid one is explained.
func (s *Server) reports(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	q := r.URL.Query()
	today := s.today()
	data := reportsData{CanReadFull: u.CanReadReports(), Query: q, Period: q.Get("period"), Version: q.Get("version"),
		FirstYear: firstReportYear, LastYear: today.FinancialYear(), PeriodOptions: periodOptions, VersionOptions: versionOptions}
	if data.Period == "" {
		data.Period = "year"
	}
	if !data.CanReadFull || data.Version == "" {
		data.Version = "full"
		if !data.CanReadFull {
			data.Version = "published"
		}
	}
	directorates, err := s.directorates(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(directorates) > 0 {
		data.Directorate = q.Get("directorate")
		data.DirectorateOptions = options("The whole council", directorates, same)
	}
	if q.Has("year") {
		ref, errs := chooseReport(q, data.CanReadFull, today)
		if d := q.Get("directorate"); d != "" {
			if !slices.Contains(directorates, d) {
				errs = append(errs, heed.FieldError{Field: "directorate", Message: "Choose the whole council or one of its directorates"})
			}
			ref.Directorate = d
		}
		if len(errs) == 0 {
			http.Redirect(w, r, ref.URL(""), http.StatusSeeOther)
			return
		}
		s.renderReports(w, r, http.StatusBadRequest, data, errs)
		return
	}
	s.renderReports(w, r, http.StatusOK, data, nil)
}

func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, code int, data reportsData, errs heed.FieldErrors) {
	first, last, err := s.Store.ReceivedRange(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !first.IsZero() {
		newest := min(last.FinancialYear(), data.LastYear)
		oldest := max(first.FinancialYear(), newest-maxYearsListed+1, firstReportYear)
		for y := newest; y >= oldest; y-- {
			data.Years = append(data.Years, yearLinks{Label: calendar.FinancialYearLabel(y),
				Full: annualRef(y, false), Published: annualRef(y, true)})
		}
	}
	data.CodeYears = codeYears(s.today())
	data.MayAssess = mayAssess(currentUser(r))
	data.Codes = []option{{string(heed.CodeLGSCO), "Local Government and Social Care Ombudsman's Code"},
		{string(heed.CodeHousing), "Housing Ombudsman's Code"}}
	s.render(w, r, code, "reports", page{Title: "Reports", Nav: "reports", Errors: errs, Data: data})
}

// chooseReport reads the reports form, and says what is wrong with it in
// plain words. Someone who may read only published reports gets those.
func chooseReport(q url.Values, canReadFull bool, today calendar.Date) (reportRef, heed.FieldErrors) {
	var errs heed.FieldErrors
	lastYear := today.FinancialYear()
	yearText := strings.TrimSpace(q.Get("year"))
	year, err := strconv.Atoi(yearText)
	switch {
	case yearText == "":
		errs = append(errs, heed.FieldError{Field: "year", Message: "Enter the financial year, such as 2014 for April 2014 to March 2015"})
	case err != nil || len(yearText) != 4:
		errs = append(errs, heed.FieldError{Field: "year", Message: "The financial year must be a year of 4 digits, such as 2014"})
	case year < firstReportYear || year > lastYear:
		errs = append(errs, heed.FieldError{Field: "year", Message: fmt.Sprintf("The financial year must be between %d and %d", firstReportYear, lastYear)})
	}
	quarter := 0
	switch p := q.Get("period"); p {
	case "", "year":
	case "1", "2", "3", "4":
		quarter, _ = strconv.Atoi(p)
	default:
		errs = append(errs, heed.FieldError{Field: "period", Message: "Choose the whole year or one of its quarters"})
	}
	published := !canReadFull
	switch q.Get("version") {
	case "", "full":
	case "published":
		published = true
	default:
		if canReadFull {
			errs = append(errs, heed.FieldError{Field: "version", Message: "Choose the full report or the published version"})
		}
	}
	if len(errs) > 0 {
		return reportRef{}, errs
	}
	if quarter == 0 {
		return annualRef(year, published), nil
	}
	ref, err := quarterRef(year, quarter, published)
	if err != nil {
		return reportRef{}, heed.FieldErrors{{Field: "period", Message: "Choose the whole year or one of its quarters"}}
	}
	if ref.Period.From.After(today) {
		return reportRef{}, heed.FieldErrors{{Field: "period", Message: fmt.Sprintf("%s has not started yet: choose an earlier quarter", ref.Period.Label)}}
	}
	return ref, nil
}

// reportViewData is a report shown inside the application.
type reportViewData struct {
	Ref       reportRef
	Report    *report.Report
	AsOf      calendar.Date
	Measures  []measureView
	Tables    []tableView
	Downloads []download
	CanFull   bool // the user may read the full version
	CanWrite  bool // the user may write the report's text
	Limited   bool // lessons of cases the user cannot see were left out
	CanAssess bool // the user may write a Code report's self-assessment
}

// measureView is a headline measure with its cells formatted.
type measureView struct {
	report.Measure
	Cells []render.Cell
}

// tableView is a table of the report with its row heading and chart.
type tableView struct {
	*report.Table
	Heading string
	Chart   *render.Chart
}

func newReportView(ref reportRef, rep *report.Report) reportViewData {
	v := reportViewData{Ref: ref, Report: rep, Downloads: downloads}
	v.AsOf, _ = calendar.ParseDate(rep.AsOf)
	for _, m := range rep.Measures {
		v.Measures = append(v.Measures, measureView{m, render.MeasureCells(m)})
	}
	for _, t := range rep.Tables {
		v.Tables = append(v.Tables, tableView{t, render.RowHeading(t), render.TableChart(t)})
	}
	return v
}

// reportPage shows a report, or sends it as a download. A viewer reads the
// published version only.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	ref, format, ok := parseReportPath(r.PathValue("period"), r.PathValue("version"))
	if !ok || ref.Period.From.Year() < firstReportYear || ref.Period.From.After(s.today()) {
		s.errorPage(w, r, http.StatusNotFound, "There is no report at this address. Choose one from the reports page.")
		return
	}
	if !ref.Published && !u.CanReadReports() {
		s.render(w, r, http.StatusForbidden, "report_forbidden", page{Title: "You cannot see this page", Nav: "reports", Data: ref.Other()})
		return
	}
	opts := report.Options{Council: s.CouncilName, Publish: ref.Published, SuppressBelow: s.SuppressBelow, AsOf: s.today(), Rules: s.rules()}
	if !s.reportScope(w, r, &ref, &opts) {
		return
	}
	if ref.Directorate == "" {
		// The text officers write is the whole council's report's.
		var err error
		if opts.Narrative, err = s.Store.Narrative(r.Context(), ref.Slug); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	rep, err := report.Generate(r.Context(), s.Store, ref.Period, opts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limited := limitLessons(u, rep)
	s.showReport(w, r, ref, format, rep, reportViewData{CanFull: u.CanReadReports(), Limited: limited})
}

// showReport shows a report's page, or sends it as a download (format).
// view holds what the page says besides the report.
func (s *Server) showReport(w http.ResponseWriter, r *http.Request, ref reportRef, format string, rep *report.Report, view reportViewData) {
	if format == "" {
		title := rep.Heading()
		if ref.Published {
			title += " (published version)"
		}
		data := newReportView(ref, rep)
		data.CanFull, data.Limited, data.CanAssess = view.CanFull, view.Limited, view.CanAssess
		data.CanWrite = ref.Code == "" && ref.Directorate == "" && mayAssess(currentUser(r))
		s.render(w, r, http.StatusOK, "report_view", page{Title: title, Nav: "reports", Data: data})
		return
	}
	var buf bytes.Buffer
	if err := render.Write(&buf, format, rep); err != nil {
		s.fail(w, r, fmt.Errorf("render the %s report: %w", format, err))
		return
	}
	i := slices.IndexFunc(downloads, func(d download) bool { return d.Format == format })
	w.Header().Set("Content-Type", downloads[i].ContentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", ref.Filename(format)))
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	buf.WriteTo(w)
}

// limitLessons leaves out of a full report the lessons of cases the user
// may not see (their references and texts are case data), and reports
// whether the user's copy is limited. Everyone on the complaints team sees
// every lesson; a manager those of their service areas; an investigator
// none, as the report does not say who investigated.
func limitLessons(u *heed.User, rep *report.Report) bool {
	if u.SeesAllCases() || rep.Published {
		return false
	}
	rep.Lessons = slices.DeleteFunc(rep.Lessons, func(l report.LessonLine) bool {
		return u.Role != heed.RoleManager || !u.ManagesArea(l.ServiceArea)
	})
	rep.Notes = append(rep.Notes, "This copy lists only the lessons of cases you can see: the figures count every case.")
	return true
}
