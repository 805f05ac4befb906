package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// dueSoonDays is how many working days ahead a deadline is flagged as due
// soon.
const dueSoonDays = 3

// workItem is an open stage with its flags for today.
type workItem struct {
	heed.OpenStage
	DaysLeft int // working days from today to the due day; negative when overdue
	Overdue  bool
	DueSoon  bool

	// As shown (see caseRow).
	TypeText, ProcedureText, DueText, ReceivedText, Flag string
}

func (s *Server) today() calendar.Date { return calendar.DateOf(s.Now()) }

func (s *Server) workItems(r *http.Request, stages []heed.OpenStage) ([]workItem, error) {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nil, err
	}
	today := s.today()
	out := make([]workItem, len(stages))
	for i, st := range stages {
		it := workItem{OpenStage: st, TypeText: st.Type.Label(), DueText: st.Due().Long(), ReceivedText: st.Received.Long()}
		if !st.Paused {
			it.DaysLeft, it.Overdue, it.DueSoon = dueFlags(cal, today, st.Due())
		}
		if st.Procedure != "" {
			it.ProcedureText = st.Procedure.Label()
		}
		if it.Overdue {
			it.Flag = overdueBy(it.DaysLeft)
		}
		out[i] = it
	}
	return out, nil
}

// overdueBy is the flag of a stage overdue: daysLeft is negative.
func overdueBy(daysLeft int) string { return "Overdue by " + plural(-daysLeft, "working day") }

// dueFlags counts the working days from today to an open stage's due day
// (negative once it has passed) and flags it overdue or due soon.
func dueFlags(cal *calendar.Calendar, today, due calendar.Date) (daysLeft int, overdue, soon bool) {
	if due.Before(today) {
		return -cal.WorkingDaysBetween(due, today), true, false
	}
	daysLeft = cal.WorkingDaysBetween(today, due)
	return daysLeft, false, daysLeft <= dueSoonDays
}

// casesData is the cases list page: the filter as typed, the options, and
// one page of results.
type casesData struct {
	Query url.Values
	Cases []caseRow
	Pages pager
	Sort  listSort
	// CSVURL and XLSXURL download the list as filtered and sorted.
	CSVURL, XLSXURL string
	Caption         string // the table's, saying its order

	TypeOptions, ProcedureOptions, StageOptions, AreaOptions, StatusOptions []option
}

// caseRow is a case in a table of cases, its columns written out as they
// are shown: pages are rendered by reflection, a call for each value, and
// the rows are most of a page's values.
type caseRow struct {
	Reference, ComplainantName, Received, Type, Procedure, ServiceArea string
	Stage, Closed, Due, Holder                                         string // "" when none
	Overdue, Paused                                                    bool
}

func caseRows(cases []heed.CaseSummary, today calendar.Date) []caseRow {
	rows := make([]caseRow, len(cases))
	for i, c := range cases {
		row := caseRow{Reference: c.Reference, ComplainantName: c.ComplainantName, Received: c.Received.Long(),
			Type: c.Type.Label(), ServiceArea: c.ServiceArea, Closed: c.Closed.Long(), Due: c.Due.Long(), Holder: c.Holder,
			Overdue: !c.Due.IsZero() && c.Due.Before(today), Paused: c.Paused && c.Due.IsZero()}
		if c.Procedure != "" {
			row.Procedure = c.Procedure.Label()
		}
		if c.Stage > 0 {
			row.Stage = strconv.Itoa(c.Stage)
		}
		rows[i] = row
	}
	return rows
}

// option is one choice of a select.
type option struct{ Value, Text string }

func options(any string, values []string, label func(string) string) []option {
	out := []option{{"", any}}
	for _, v := range values {
		out = append(out, option{v, label(v)})
	}
	return out
}

func same(s string) string { return s }

const casesPerPage = 25

// cases is the cases list with its filters and search.
func (s *Server) cases(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	if !u.SeesCases() {
		s.errorPage(w, r, http.StatusForbidden, "Your account can read published reports only, not cases.")
		return
	}
	q := r.URL.Query()
	f, errs := caseFilter(q)
	f.Today = s.today()
	restrict(u, &f)
	data := casesData{Query: q, Pages: newPager("/cases", q, casesPerPage), Sort: casesSort(q),
		TypeOptions:      options("Any type", stringsOf(heed.RecordTypes), func(v string) string { return heed.RecordType(v).Label() }),
		ProcedureOptions: options("Any procedure", stringsOf(heed.ProcedureIDs), func(v string) string { return heed.ProcedureID(v).Label() }),
		StageOptions:     options("Any stage", []string{"1", "2", "3"}, func(v string) string { return "Stage " + v }),
		StatusOptions:    []option{{"", "Open or closed"}, {string(heed.StatusOpen), "Open"}, {string(heed.StatusClosed), "Closed"}},
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
		data.Caption = "Cases, " + sortCaption(data.Sort)
		f.Offset, f.Limit = data.Pages.Offset(), data.Pages.Size
		cases, total, err := s.Store.ListCases(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data.Cases = caseRows(cases, f.Today)
		data.Pages.count(len(data.Cases), total, heed.CaseMaxTotal)
		dl := cloneValues(q)
		dl.Del("page")
		data.CSVURL, data.XLSXURL = "/cases.csv", "/cases.xlsx"
		if len(dl) > 0 {
			data.CSVURL, data.XLSXURL = data.CSVURL+"?"+dl.Encode(), data.XLSXURL+"?"+dl.Encode()
		}
	}
	s.render(w, r, code, "cases", page{Title: "Cases", Nav: "cases", Errors: errs, Data: data, Success: doneMessages[r.URL.Query().Get("done")]})
}

// casesSort is the cases list's order: newest first unless the query
// asks for the received date, reference, service area or due date.
func casesSort(q url.Values) listSort {
	return readSort("/cases", q, "", sortColumn{Key: heed.SortReceived, Desc: true},
		sortColumn{Key: heed.SortReference}, sortColumn{Key: heed.SortArea}, sortColumn{Key: heed.SortDue})
}

// sortCaption says in words how a list is sorted: "by date received,
// newest first".
func sortCaption(s listSort) string {
	switch s.Key {
	case heed.SortReceived, heed.SortDue:
		by := map[heed.SortKey]string{heed.SortReceived: "date received", heed.SortDue: "due date"}[s.Key]
		if s.Key == heed.SortReceived {
			return "by " + by + ", " + ifThen(s.Desc, "newest first", "oldest first")
		}
		return "by " + by + ", " + ifThen(s.Desc, "latest first", "earliest first") + " (nothing due last)"
	case heed.SortArea:
		return "by service area, " + ifThen(s.Desc, "Z to A", "A to Z")
	}
	return "by reference, " + ifThen(s.Desc, "Z to A", "A to Z")
}

func ifThen(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}

func stringsOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// areaOptions are the service areas a filter can pick from, after "Any
// service area": a manager's own, or all.
func (s *Server) areaOptions(r *http.Request) ([]option, error) {
	u := currentUser(r)
	areas := u.ServiceAreas
	if u.Role != heed.RoleManager {
		var err error
		if areas, err = s.Store.ServiceAreas(r.Context()); err != nil {
			return nil, err
		}
	}
	return options("Any service area", areas, same), nil
}

// restrict narrows a filter to the cases the user may see.
func restrict(u *heed.User, f *heed.CaseFilter) {
	switch u.Role {
	case heed.RoleAdmin, heed.RoleOfficer:
	case heed.RoleManager:
		f.LimitedAccess, f.OnlyServiceAreas = true, u.ServiceAreas
	case heed.RoleInvestigator:
		f.LimitedAccess, f.OnlyInvestigator = true, u.Username
	default:
		f.LimitedAccess = true
	}
}

// caseFilter reads the cases list's query, and says what is wrong with it
// in words a complaints officer understands.
func caseFilter(q url.Values) (heed.CaseFilter, heed.FieldErrors) {
	f := heed.CaseFilter{
		Type: heed.RecordType(q.Get("type")), Procedure: heed.ProcedureID(q.Get("procedure")),
		ServiceArea: q.Get("service_area"), Team: strings.TrimSpace(q.Get("team")), Theme: strings.TrimSpace(q.Get("theme")),
		Status: heed.CaseStatus(q.Get("status")), Overdue: q.Get("overdue") == "yes", Search: strings.TrimSpace(q.Get("q")),
		Unallocated: q.Get("unallocated") == "yes",
	}
	sort := casesSort(q)
	f.Sort, f.Descending = sort.Key, sort.Desc
	var errs heed.FieldErrors
	if v := q.Get("stage"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3 {
			errs = append(errs, heed.FieldError{Field: "stage", Message: "Stage must be 1, 2 or 3"})
		}
		f.Stage = n
	}
	var err *heed.FieldError
	if f.ReceivedFrom, err = dateInput(q, "from", "The received from date"); err != nil {
		errs = append(errs, *err)
	}
	if f.ReceivedTo, err = dateInput(q, "to", "The received to date"); err != nil {
		errs = append(errs, *err)
	}
	if !f.ReceivedFrom.IsZero() && !f.ReceivedTo.IsZero() && f.ReceivedTo.Before(f.ReceivedFrom) {
		errs = append(errs, heed.FieldError{Field: "to-day", Message: "The received to date must be the same as or after the received from date"})
	}
	return f, errs
}
