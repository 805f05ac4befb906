package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/govuk"
)

// pageTemplate is one page: the layout with that page's content.
type pageTemplate struct{ *template.Template }

// london is the time zone every page shows times in.
var london = mustLoadLocation("Europe/London")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

var funcs = template.FuncMap{
	"changeWords":     heed.ChangeWords,
	"statutoryStage":  statutoryStage,
	"fullName":        fullName,
	"articled":        articled,
	"documentOptions": documentOptions,
	"byteSize":        byteSize,
	// date shows a date as "5 January 2015", or "" when not recorded.
	"date": func(d calendar.Date) string { return d.Long() },
	// longdate shows an ISO 8601 date ("2015-01-05") as "5 January 2015".
	"longdate": func(iso string) string {
		d, err := calendar.ParseDate(iso)
		if err != nil {
			return iso
		}
		return d.Long()
	},
	"datetime": datetime,
	"number":   func(n int) string { return thousands(n) },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"overdueBy": overdueBy,
	"ifThen": func(c bool, a, b string) string {
		if c {
			return a
		}
		return b
	},
	"pounds": pounds,
	"count":  plural,
	// elementRows numbers the rows of the elements form from 0.
	"elementRows": func(st *heed.Stage) []int {
		rows := make([]int, elementRows(st))
		for i := range rows {
			rows[i] = i
		}
		return rows
	},
	// prepend puts a first choice before a list of options.
	"prepend": func(opts []option, value, text string) []option {
		return append([]option{{value, text}}, opts...)
	},
	// choices builds options from value, text pairs.
	"choices": func(kv ...string) []option {
		var out []option
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, option{kv[i], kv[i+1]})
		}
		return out
	},
	// dueOf is the day a stage's response is due: the extension, or the deadline.
	"dueOf": func(st *heed.Stage) calendar.Date {
		if !st.ExtendedTo.IsZero() {
			return st.ExtendedTo
		}
		return st.Deadline
	},
	"list":         func(s ...string) []string { return s },
	"dateParts":    dateParts,
	"dateError":    dateError,
	"markSelected": markSelected,
}

// datePart is one box of a date input: the day, the month or the year.
type datePart struct {
	ID, Label, Value string
	Width            int // in characters
}

// dateParts are the boxes of the date input called name, holding what was
// typed in them.
func dateParts(name string, values url.Values) []datePart {
	return []datePart{
		{name + "-day", "Day", values.Get(name + "-day"), 2},
		{name + "-month", "Month", values.Get(name + "-month"), 2},
		{name + "-year", "Year", values.Get(name + "-year"), 4},
	}
}

// dateError is the problem with the date input called name: with its
// day, or else its month, or else its year.
func dateError(errs heed.FieldErrors, name string) string {
	for _, part := range []string{"-day", "-month", "-year"} {
		if msg := govuk.Message(errs, name+part); msg != "" {
			return msg
		}
	}
	return ""
}

// choice is an option of a select, marked when it is the one chosen.
type choice struct {
	Value, Text string
	Selected    bool
}

// markSelected marks the option whose value is the one chosen.
func markSelected(opts []option, value string) []choice {
	out := make([]choice, len(opts))
	for i, o := range opts {
		out[i] = choice{o.Value, o.Text, o.Value == value}
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// datetime shows a moment as "5 January 2015 at 2:04pm", London time.
func datetime(t time.Time) string {
	t = t.In(london)
	return fmt.Sprintf("%d %s %d at %s", t.Day(), t.Month(), t.Year(), strings.ToLower(t.Format("3:04PM")))
}

// pounds shows an amount in pence as "£1250.50".
func pounds(p int64) string { return fmt.Sprintf("£%d.%02d", p/100, p%100) }

// thousands writes n with commas: 1,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func parsePages() (map[string]pageTemplate, error) {
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]pageTemplate{}
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" {
			continue
		}
		t, err := govuk.Parse(template.New(base).Funcs(funcs))
		if err == nil {
			t, err = t.ParseFS(files, "templates/layout.html", name)
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", base, err)
		}
		pages[strings.TrimSuffix(base, ".html")] = pageTemplate{t}
	}
	return pages, nil
}

// page is what every page's template gets.
type page struct {
	Title   string
	Council string
	User    *heed.User
	CSRF    string
	// FormToken is a form's one-time token, new on each page (see
	// once.go); "" when no one is signed in.
	FormToken string
	Nav       string // the current section of the navigation
	// Errors are the form's problems; each Field is the id of the input
	// it is about, which the error summary links to.
	Errors  heed.FieldErrors
	Success string // a notification banner after a change
	Data    any
}

// navItem is a link of the service navigation.
type navItem struct {
	Href, Text string
	Current    bool // the section the page is in
}

// NavItems are the sections of Heed the signed-in user may go to.
func (p page) NavItems() []navItem {
	if p.User == nil {
		return nil
	}
	items := make([]navItem, 0, 7)
	add := func(href, text, key string) { items = append(items, navItem{href, text, key == p.Nav}) }
	add("/", "Your work", "home")
	if p.User.SeesCases() {
		add("/cases", "Cases", "cases")
		add("/learning", "Learning", "learning")
	}
	if p.User.CanRecord() {
		add("/triage", "Triage", "triage")
	}
	add("/dashboard", "Dashboard", "dashboard")
	add("/reports", "Reports", "reports")
	if p.User.Role == heed.RoleAdmin {
		add("/admin", "Administration", "admin")
	}
	return items
}

// summaryRow is a row of a GOV.UK summary list; with Href its value is a
// link.
type summaryRow struct{ Key, Value, Href string }

// render writes a page with the status code. The page is built in memory
// first, so that a template error shows an error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	p.Council = s.CouncilName
	if sess := sessionFrom(r); sess != nil {
		p.User, p.CSRF = sess.user, sess.session.CSRFToken
		p.FormToken = newFormToken()
	}
	t, ok := s.pages[name]
	if !ok {
		s.Logger.Error("no such page template", "name", name)
		http.Error(w, "Something went wrong inside Heed.", http.StatusInternalServerError)
		return
	}
	buf, _ := s.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		buf.Reset()
		s.buffers.Put(buf)
	}()
	if len(p.Errors) > 1 {
		// The error summary lists the problems in the order of the fields
		// on the page, which only the rendered page knows.
		if err := t.ExecuteTemplate(buf, "layout", p); err == nil {
			html := buf.String()
			pos := func(e heed.FieldError) int {
				if i := strings.Index(html, ` id="`+e.Field+`"`); i >= 0 {
					return i
				}
				return len(html)
			}
			slices.SortStableFunc(p.Errors, func(a, b heed.FieldError) int { return pos(a) - pos(b) })
		}
		buf.Reset()
	}
	if err := t.ExecuteTemplate(buf, "layout", p); err != nil {
		s.Logger.Error("render page", "page", name, "err", err)
		http.Error(w, "Something went wrong inside Heed. The error has been logged.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	buf.WriteTo(w)
}

// errorPage shows a message on a page of its own.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, code int, message string) {
	title := http.StatusText(code)
	switch code {
	case http.StatusNotFound:
		title = "Page not found"
	case http.StatusForbidden:
		title = "You cannot see this page"
	case http.StatusConflict:
		title = "This case was changed by someone else"
	case http.StatusInternalServerError:
		title = "Sorry, there is a problem with Heed"
	}
	s.render(w, r, code, "error", page{Title: title, Data: message})
}
