package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// The report's text: the introduction, conclusions, recommendations and
// any other sections officers write for a report period, printed around
// the figures in the report's HTML, PDF and DOCX. One form edits every
// section; sections are added, removed and reordered with it, without
// JavaScript.

// narrativeStore is what the report text pages need of the store.
type narrativeStore interface {
	heed.NarrativeService
}

func (s *Server) narrativeRoutes(mux *http.ServeMux) {
	mux.Handle("GET /reports/{period}/text", s.user(s.narrativePage))
	mux.Handle("POST /reports/{period}/text", s.user(s.saveNarrative))
}

// narrativeSectionForm is one section on the form, as stored or as typed.
type narrativeSectionForm struct {
	N                       int // 1, 2, …: its place on the form
	Heading, Text, Position string
	Place                   string // before or after
	Remove                  bool
}

// ID is the form's id of one of the section's fields: "section-2-heading".
func (f narrativeSectionForm) ID(field string) string {
	return fmt.Sprintf("section-%d-%s", f.N, field)
}

// narrativeData is the report text form.
type narrativeData struct {
	Ref       reportRef
	Version   int
	Narrative *heed.Narrative
	Sections  []narrativeSectionForm
	New       narrativeSectionForm
	CanAdd    bool
	Places    []option
}

var narrativePlaces = []option{{"before", "Before the tables, after the title"}, {"after", "After the tables"}}

// narrativeRef reads the report period of the address; ok is false (and a
// 404 page shown) when it names none.
func (s *Server) narrativeRef(w http.ResponseWriter, r *http.Request) (reportRef, bool) {
	ref, format, ok := parseReportPath(r.PathValue("period"), "")
	if !ok || format != "" || ref.Period.From.Year() < firstReportYear || ref.Period.From.After(s.today()) {
		s.errorPage(w, r, http.StatusNotFound, "There is no report at this address. Choose one from the reports page.")
		return reportRef{}, false
	}
	if !mayAssess(currentUser(r)) {
		s.errorPage(w, r, http.StatusForbidden, "Only administrators and complaints officers can write the report's text.")
		return reportRef{}, false
	}
	return ref, true
}

// formSections are the narrative's sections as the form shows them.
func formSections(n *heed.Narrative) []narrativeSectionForm {
	var out []narrativeSectionForm
	for i, sec := range n.Sections {
		place := "after"
		if sec.BeforeFigures {
			place = "before"
		}
		out = append(out, narrativeSectionForm{N: i + 1, Heading: sec.Heading, Text: sec.Text, Position: strconv.Itoa(i + 1), Place: place})
	}
	return out
}

func (s *Server) renderNarrative(w http.ResponseWriter, r *http.Request, code int, ref reportRef, n *heed.Narrative,
	sections []narrativeSectionForm, added narrativeSectionForm, errs heed.FieldErrors) {
	if sections == nil {
		sections = formSections(n)
	}
	added.N = 0
	if added.Place == "" {
		added.Place = "after"
	}
	d := narrativeData{Ref: ref, Version: n.Version, Narrative: n, Sections: sections, New: added,
		CanAdd: len(sections) < heed.MaxNarrativeSections, Places: narrativePlaces}
	s.render(w, r, code, "report_text", page{Title: "Report text " + ref.Period.Label, Nav: "reports", Errors: errs,
		Success: doneMessage(r), Data: d})
}

func (s *Server) narrativePage(w http.ResponseWriter, r *http.Request) {
	ref, ok := s.narrativeRef(w, r)
	if !ok {
		return
	}
	n, err := s.Store.Narrative(r.Context(), ref.Slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderNarrative(w, r, http.StatusOK, ref, n, nil, narrativeSectionForm{}, nil)
}

// readNarrativeForm reads the form: the sections as typed, and the
// section to add. The form numbers its sections from 1 to count.
func readNarrativeForm(r *http.Request) (count int, sections []narrativeSectionForm, added narrativeSectionForm, ok bool) {
	count, err := strconv.Atoi(r.PostFormValue("sections"))
	if err != nil || count < 0 || count > heed.MaxNarrativeSections {
		return 0, nil, added, false
	}
	for i := 1; i <= count; i++ {
		f := narrativeSectionForm{N: i}
		f.Heading = strings.TrimSpace(r.PostFormValue(f.ID("heading")))
		f.Text = strings.TrimSpace(r.PostFormValue(f.ID("text")))
		f.Position = strings.TrimSpace(r.PostFormValue(f.ID("position")))
		f.Place = r.PostFormValue(f.ID("place"))
		f.Remove = r.PostFormValue(f.ID("remove")) == "yes"
		sections = append(sections, f)
	}
	added = narrativeSectionForm{Heading: strings.TrimSpace(r.PostFormValue("new-heading")),
		Text: strings.TrimSpace(r.PostFormValue("new-text")), Place: r.PostFormValue("new-place")}
	return count, sections, added, true
}

func (s *Server) saveNarrative(w http.ResponseWriter, r *http.Request) {
	ref, ok := s.narrativeRef(w, r)
	if !ok {
		return
	}
	version, err := strconv.Atoi(r.PostFormValue("version"))
	_, sections, added, read := readNarrativeForm(r)
	if err != nil || version < 0 || !read {
		s.errorPage(w, r, http.StatusBadRequest, "Heed cannot read this form: open the report's text again.")
		return
	}
	n := &heed.Narrative{Period: ref.Slug, Version: version}
	var errs heed.FieldErrors
	// ids maps the sections of n, in the order checked, to their fields on
	// the form, so that each problem is shown beside what was typed.
	var ids []func(string) string
	type placed struct {
		pos int
		sec heed.NarrativeSection
	}
	var kept []placed
	for _, f := range sections {
		if f.Remove {
			continue
		}
		if f.Place != "before" && f.Place != "after" {
			errs = append(errs, heed.FieldError{Field: f.ID("place"), Message: fmt.Sprintf("Choose where section %d goes: before or after the tables", f.N)})
		}
		pos, err := strconv.Atoi(f.Position)
		if err != nil || pos < 1 || pos > len(sections)+1 {
			errs = append(errs, heed.FieldError{Field: f.ID("position"), Message: fmt.Sprintf("Enter the position of section %d as a number from 1 to %d", f.N, len(sections))})
		}
		sec := heed.NarrativeSection{Heading: f.Heading, Text: f.Text, BeforeFigures: f.Place == "before"}
		n.Sections = append(n.Sections, sec)
		ids = append(ids, f.ID)
		kept = append(kept, placed{pos, sec})
	}
	if added.Heading != "" || added.Text != "" {
		if added.Place != "before" && added.Place != "after" {
			errs = append(errs, heed.FieldError{Field: "new-place", Message: "Choose where the new section goes: before or after the tables"})
		}
		sec := heed.NarrativeSection{Heading: added.Heading, Text: added.Text, BeforeFigures: added.Place == "before"}
		n.Sections = append(n.Sections, sec)
		ids = append(ids, func(field string) string { return "new-" + field })
		kept = append(kept, placed{len(sections) + 1, sec})
	}
	for _, fe := range n.Validate() {
		errs = append(errs, narrativeFieldError(fe, ids))
	}
	if len(errs) > 0 {
		s.renderNarrative(w, r, http.StatusBadRequest, ref, n, sections, added, errs)
		return
	}
	// Sections go where their positions say; those given the same
	// position keep their order on the form.
	slices.SortStableFunc(kept, func(a, b placed) int { return a.pos - b.pos })
	n.Sections = n.Sections[:0]
	for _, k := range kept {
		n.Sections = append(n.Sections, k.sec)
	}
	err = s.Store.SaveNarrative(r.Context(), actor(r), n)
	switch heed.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/reports/"+ref.Slug+"/text?done=narrative-saved", http.StatusSeeOther)
	case heed.ECONFLICT:
		// Shown as it is now, so that nobody's work is overwritten unseen.
		now, err2 := s.Store.Narrative(r.Context(), ref.Slug)
		if err2 != nil {
			s.fail(w, r, err2)
			return
		}
		first := "section-1-heading"
		if len(now.Sections) == 0 {
			first = "new-heading"
		}
		s.renderNarrative(w, r, http.StatusConflict, ref, now, nil, narrativeSectionForm{}, heed.FieldErrors{{Field: first,
			Message: strings.Replace(heed.ErrorMessage(err), "Open it again to see their changes, then make yours.",
				"It is shown below as it is now: make your changes again.", 1)}})
	default:
		s.fail(w, r, err)
	}
}

// narrativeFieldError places a problem the domain found ("section2_text")
// beside the form's field for it, its message naming the sections as the
// form numbers them (sections removed on the form shift the others).
func narrativeFieldError(fe heed.FieldError, ids []func(string) string) heed.FieldError {
	msg := sectionNumber.ReplaceAllStringFunc(fe.Message, func(m string) string {
		k, _ := strconv.Atoi(m[len("section "):])
		if k < 1 || k > len(ids) {
			return m
		}
		name := ids[k-1]("")
		if name == "new-" && m[0] == 'S' {
			return "The new section"
		}
		if name == "new-" {
			return "the new section"
		}
		n := strings.TrimSuffix(strings.TrimPrefix(name, "section-"), "-")
		return m[:len("section ")] + n
	})
	var i int
	var field string
	if _, err := fmt.Sscanf(strings.Replace(fe.Field, "_", " ", 1), "section%d %s", &i, &field); err == nil && i >= 1 && i <= len(ids) {
		return heed.FieldError{Field: ids[i-1](field), Message: msg}
	}
	return heed.FieldError{Field: "new-heading", Message: msg}
}

var sectionNumber = regexp.MustCompile(`[Ss]ection \d+`)
