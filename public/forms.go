package public

import (
	"bytes"
	"crypto/rand"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// page is what every page's template gets.
type page struct {
	Title   string
	Council string
	CSRF    string
	Errors  heed.FieldErrors
	Back    string // the back link's address, or ""
	Data    any
}

type option struct{ Value, Text string }

// funcs are the public pages' own template funcs, besides the components'
// (see govuk.Funcs).
var funcs = template.FuncMap{
	"date":     func(d calendar.Date) string { return d.Long() },
	"byteSize": byteSize,
	// choices builds options from value, text pairs.
	"choices": func(kv ...string) []option {
		var out []option
		for i := 0; i+1 < len(kv); i += 2 {
			out = append(out, option{kv[i], kv[i+1]})
		}
		return out
	},
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, p page) {
	p.Council = s.CouncilName
	p.CSRF = s.csrf(w, r)
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.Logger.Error("render public page", "page", name, "err", err)
		http.Error(w, "Something went wrong. Try again later, or phone or write to the council.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	buf.WriteTo(w)
}

// problem shows why something was refused, on a page of its own.
func (s *Server) problem(w http.ResponseWriter, r *http.Request, code int, title, message string) {
	s.render(w, r, code, "problem", page{Title: title, Back: Prefix, Data: message})
}

func kindOf(r *http.Request) (heed.SubmissionKind, bool) {
	k := heed.SubmissionKind(r.PathValue("kind"))
	return k, slices.Contains(heed.SubmissionKinds, k)
}

// The start page asks what the visitor wants to do.
func (s *Server) startPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "start", page{Title: "Complaints, compliments and comments", Data: ""})
}

func (s *Server) start(w http.ResponseWriter, r *http.Request) {
	k := heed.SubmissionKind(r.PostFormValue("kind"))
	if !slices.Contains(heed.SubmissionKinds, k) {
		s.render(w, r, http.StatusBadRequest, "start", page{Title: "Complaints, compliments and comments",
			Errors: heed.FieldErrors{{Field: "kind", Message: "Select what you would like to do"}}})
		return
	}
	http.Redirect(w, r, Prefix+string(k), http.StatusSeeOther)
}

type whoData struct {
	Kind    heed.SubmissionKind
	Value   string
	Options []option
}

func whoOptions() []option {
	return []option{
		{string(heed.FormAdult), "I am an adult, and it is about me"},
		{string(heed.FormOnBehalf), "I am doing this for someone else"},
		{string(heed.FormOver12), "I am 12 to 17 years old"},
		{string(heed.FormUnder12), "I am under 12 years old"},
	}
}

// The who page asks who is filling in the form, which picks its version.
func (s *Server) whoPage(w http.ResponseWriter, r *http.Request) {
	k, ok := kindOf(r)
	if !ok {
		s.problem(w, r, http.StatusNotFound, "Page not found", "There is no such page. Start again from the beginning.")
		return
	}
	s.render(w, r, http.StatusOK, "who", page{Title: "Who is filling in this form?", Back: Prefix,
		Data: whoData{Kind: k, Options: whoOptions()}})
}

func (s *Server) who(w http.ResponseWriter, r *http.Request) {
	k, ok := kindOf(r)
	if !ok {
		s.problem(w, r, http.StatusNotFound, "Page not found", "There is no such page. Start again from the beginning.")
		return
	}
	f := heed.SubmissionForm(r.PostFormValue("form"))
	if !slices.Contains(heed.SubmissionForms, f) {
		s.render(w, r, http.StatusBadRequest, "who", page{Title: "Who is filling in this form?", Back: Prefix,
			Errors: heed.FieldErrors{{Field: "form", Message: "Select who is filling in this form"}},
			Data:   whoData{Kind: k, Options: whoOptions()}})
		return
	}
	http.Redirect(w, r, Prefix+string(k)+"/"+string(f), http.StatusSeeOther)
}

type detailsData struct {
	Kind     heed.SubmissionKind
	Form     heed.SubmissionForm
	Words    words
	Values   url.Values
	Token    string            // a draft's, when changing one
	Files    []heed.Attachment // a draft's files, kept
	Advocate []option
}

func (s *Server) detailsWords(k heed.SubmissionKind, f heed.SubmissionForm) words {
	return wordsFor(k, f, "You can add up to "+itoa(heed.MaxAttachments)+" files. Each must be "+accepted(s.attachmentKinds())+
		", smaller than "+byteSize(s.attachmentLimit())+".")
}

func (s *Server) detailsView(k heed.SubmissionKind, f heed.SubmissionForm, v url.Values, draft *heed.Submission) detailsData {
	wd := s.detailsWords(k, f)
	d := detailsData{Kind: k, Form: f, Words: wd, Values: v,
		Advocate: []option{{heed.AdvocateYes, wd.AdvocateYes}, {heed.AdvocateNo, wd.AdvocateNo}, {heed.AdvocateUnsure, wd.Unsure}}}
	if draft != nil {
		d.Token, d.Files = draft.Token, draft.Attachments
	}
	return d
}

// formOf reads the kind and version from the address.
func formOf(r *http.Request) (heed.SubmissionKind, heed.SubmissionForm, bool) {
	k, ok := kindOf(r)
	f := heed.SubmissionForm(r.PathValue("form"))
	return k, f, ok && slices.Contains(heed.SubmissionForms, f)
}

// draftOf returns the draft named by the form's or address's token t, if
// any; a form already sent cannot be changed.
func (s *Server) draftOf(r *http.Request, t string) (*heed.Submission, error) {
	if t == "" {
		return nil, nil
	}
	d, err := s.Store.SubmissionByToken(r.Context(), t)
	if err != nil {
		return nil, err
	}
	if d.Status != heed.SubmissionDraft {
		return nil, heed.Errorf(heed.ECONFLICT, "This form has been sent already, so it cannot be changed. Its reference is %s.", d.Reference)
	}
	return d, nil
}

// The details page asks the form's questions; with ?t= it fills them from
// a draft, to change an answer from the check page.
func (s *Server) detailsPage(w http.ResponseWriter, r *http.Request) {
	k, f, ok := formOf(r)
	if !ok {
		s.problem(w, r, http.StatusNotFound, "Page not found", "There is no such page. Start again from the beginning.")
		return
	}
	draft, err := s.draftOf(r, r.URL.Query().Get("t"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := url.Values{}
	if draft != nil {
		v = values(draft)
	}
	s.render(w, r, http.StatusOK, "details", page{Title: kindTitle(k, f.Young()), Back: Prefix + string(k),
		Data: s.detailsView(k, f, v, draft)})
}

func (s *Server) details(w http.ResponseWriter, r *http.Request) {
	k, f, ok := formOf(r)
	if !ok {
		s.problem(w, r, http.StatusNotFound, "Page not found", "There is no such page. Start again from the beginning.")
		return
	}
	draft, err := s.draftOf(r, r.PostFormValue("t"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	view := s.detailsView(k, f, r.PostForm, draft)
	if r.PostFormValue("website") != "" {
		// The honeypot: a field hidden from people, which only a robot fills.
		s.problem(w, r, http.StatusBadRequest, "Your form could not be accepted",
			"Your form could not be accepted because it was filled in in a way people do not. If you filled it in yourself, phone or write to the council instead.")
		return
	}
	sub := readAnswers(r.PostForm, k, f)
	errs := sub.Check()
	have := 0
	if draft != nil {
		have = len(draft.Attachments)
	}
	var atts []heed.Attachment
	var contents []io.Reader
	if r.MultipartForm != nil {
		var msg string
		atts, contents, msg = readFiles(r.MultipartForm.File["attachment"], s.attachmentLimit(), s.attachmentKinds(), have)
		if msg != "" {
			errs = append(errs, heed.FieldError{Field: "attachment", Message: msg + ". Choose the file again, or leave it out"})
		}
	}
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "details", page{Title: kindTitle(k, f.Young()), Back: Prefix + string(k),
			Errors: errs, Data: view})
		return
	}
	if draft != nil {
		sub.Token = draft.Token
	} else {
		sub.Token = rand.Text()
	}
	sub.Attachments = atts
	if err := s.Store.SaveDraft(r.Context(), sub, contents); err != nil {
		if fe := heed.ErrorFields(err); fe != nil {
			s.render(w, r, http.StatusBadRequest, "details", page{Title: kindTitle(k, f.Young()), Back: Prefix + string(k),
				Errors: fe, Data: view})
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, Prefix+"check/"+sub.Token, http.StatusSeeOther)
}

type checkData struct {
	Sub    *heed.Submission
	Words  words
	Change string
	Rows   []option // question, answer
}

func (s *Server) checkView(sub *heed.Submission) checkData {
	wd := s.detailsWords(sub.Kind, sub.Form)
	d := checkData{Sub: sub, Words: wd, Change: Prefix + string(sub.Kind) + "/" + string(sub.Form) + "?t=" + sub.Token}
	add := func(q, a string) {
		if q != "" {
			d.Rows = append(d.Rows, option{q, a})
		}
	}
	add("Who is filling in the form", sub.Form.Label())
	add(wd.Name, sub.Name)
	if sub.Form == heed.FormOnBehalf {
		add(wd.BehalfName, sub.OnBehalfName)
		add(wd.BehalfRelation, sub.OnBehalfRelation)
		add(wd.BehalfWhy, sub.OnBehalfWhy)
	}
	add(wd.Email, sub.Email)
	add(wd.Phone, sub.Phone)
	add(wd.Service, sub.Service)
	add(wd.Summary, sub.Summary)
	if sub.Kind == heed.KindComplaint {
		add(wd.Outcome, sub.Outcome)
	}
	if sub.Form.Young() {
		add(wd.Advocate, map[string]string{heed.AdvocateYes: wd.AdvocateYes, heed.AdvocateNo: wd.AdvocateNo, heed.AdvocateUnsure: wd.Unsure}[sub.Advocate])
	}
	return d
}

// The check page shows the answers, each with a link to change them, and
// sends the form.
func (s *Server) checkPage(w http.ResponseWriter, r *http.Request) {
	sub, err := s.Store.SubmissionByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sub.Status != heed.SubmissionDraft {
		http.Redirect(w, r, Prefix+"sent/"+sub.Token, http.StatusSeeOther)
		return
	}
	d := s.checkView(sub)
	s.render(w, r, http.StatusOK, "check", page{Title: "Check your answers before sending", Back: d.Change, Data: d})
}

// send makes the draft received: it is stored, with its reference, before
// the confirmation (and so the reference) is shown.
func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	sub, err := s.Store.SendSubmission(r.Context(), r.PathValue("token"), s.today())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, Prefix+"sent/"+sub.Token, http.StatusSeeOther)
}

type sentData struct {
	Sub      *heed.Submission
	HearBy   calendar.Date
	HasClock bool
	Young    bool
}

// The confirmation page gives the reference and the date by which the
// sender will hear: the reply deadline counted from the day received.
func (s *Server) sentPage(w http.ResponseWriter, r *http.Request) {
	sub, err := s.Store.SubmissionByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if sub.Status == heed.SubmissionDraft {
		http.Redirect(w, r, Prefix+"check/"+sub.Token, http.StatusSeeOther)
		return
	}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	by, ok := s.Store.Rules().HearBy(cal, sub)
	s.render(w, r, http.StatusOK, "sent", page{Title: "Form sent", Data: sentData{Sub: sub, HearBy: by, HasClock: ok, Young: sub.Form.Young()}})
}
