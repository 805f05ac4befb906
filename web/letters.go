package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/letters"
)

// Response letters: an officer makes the acknowledgement or a stage's
// response letter from a case (as they add to its file), and an
// administrator edits the templates they are made from, with a preview
// against a made-up case.

// letterStore is what the letters' pages need of the store.
type letterStore interface {
	heed.LetterService
}

func (s *Server) letterRoutes(mux *http.ServeMux) {
	mux.Handle("GET /cases/{ref}/letter", s.user(s.letterPage))
	mux.Handle("POST /cases/{ref}/letter", s.user(s.letterPage))
	mux.Handle("GET /admin/letters", s.admin(s.adminLetters))
	mux.Handle("GET /admin/letters/{kind}/{audience}", s.admin(s.adminLetter))
	mux.Handle("POST /admin/letters/{kind}/{audience}", s.admin(s.adminLetter))
}

// letterKindOptions are the letters a case can have: the acknowledgement
// of its latest stage and the response of each of its stages.
func letterKindOptions(rec *heed.Record) []option {
	var out []option
	for _, k := range heed.LetterKinds {
		if st, _ := heed.LetterStage(rec, k); st != nil {
			text := k.Label() + " letter"
			if k == heed.LetterAcknowledgement {
				text += " (Stage " + strconv.Itoa(st.Number) + ")"
			}
			out = append(out, option{string(k), text})
		}
	}
	return out
}

var audienceOptions = []option{{string(heed.AudienceStandard), "Standard letter"},
	{string(heed.AudienceYoungPerson), "Young person's version, in plain language"}}

// letterPage shows the form that makes a letter and takes its posts.
func (s *Server) letterPage(w http.ResponseWriter, r *http.Request) {
	rec, p := s.caseFileForm(w, r, "Make a letter")
	if rec == nil {
		return
	}
	if rec.Type != heed.TypeComplaint || len(rec.Stages) == 0 {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "Letters are made for complaints with a stage; "+rec.Reference+" has none to write about.")
		return
	}
	p.Options = map[string][]option{"kind": letterKindOptions(rec), "audience": audienceOptions}
	title := p.Form.Title() + " – " + rec.Reference
	if r.Method == http.MethodGet {
		kind := heed.LetterAcknowledgement
		if st := latestStage(rec); !st.Responded.IsZero() {
			kind = heed.LetterKind("stage" + strconv.Itoa(st.Number))
		}
		p.Values.Set("kind", string(kind))
		p.Values.Set("audience", string(heed.AudienceFor(rec)))
		setDate(p.Values, "date", p.Today)
		s.render(w, r, http.StatusOK, "case_letter", page{Title: title, Nav: "cases", Data: p})
		return
	}
	v := p.Values
	req := &heed.LetterCase{Kind: heed.LetterKind(v.Get("kind")), Audience: heed.LetterAudience(v.Get("audience")),
		Address: v.Get("address"), Explanation: v.Get("explanation"), Remedy: v.Get("remedy"), Council: s.CouncilName,
		Officer: currentUser(r).Name()}
	var errs heed.FieldErrors
	date, derr := requiredDate(v, "date", "The letter's date")
	if derr != nil {
		errs = append(errs, *derr)
	} else if date.After(p.Today) {
		errs = append(errs, heed.FieldError{Field: "date-day", Message: "The letter's date must be today or in the past"})
	}
	req.Date = date
	errs = append(errs, req.Check()...)
	if st, why := heed.LetterStage(rec, req.Kind); st == nil && len(errs) == 0 {
		errs = append(errs, heed.FieldError{Field: "kind", Message: why})
	}
	if len(errs) == 0 {
		files, err := s.makeLetter(r, rec, req)
		switch {
		case heed.ErrorCode(err) == heed.EINVALID:
			errs = append(errs, heed.FieldError{Field: "kind", Message: heed.ErrorMessage(err)})
		case err != nil:
			s.fail(w, r, err)
			return
		default:
			what := req.Kind.Label() + " letter"
			if req.Audience == heed.AudienceYoungPerson {
				what += " (young person's version)"
			}
			l := &heed.Letter{RecordID: rec.ID, Files: files, Correspondence: heed.Correspondence{Date: req.Date,
				Direction: heed.DirectionOut, Channel: heed.ChannelLetter, Summary: what + ", made in Heed as PDF and Word documents."}}
			err := s.Store.AddLetter(r.Context(), actor(r), l)
			if heed.ErrorCode(err) == heed.EINVALID {
				errs = storeErrors(err, map[string]string{"date": "date-day"})
				break
			}
			if err != nil {
				s.fail(w, r, err)
				return
			}
			http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=letter#case-file", http.StatusSeeOther)
			return
		}
	}
	s.render(w, r, http.StatusBadRequest, "case_letter", page{Title: title, Nav: "cases", Errors: errs, Data: p})
}

// makeLetter writes the letter's text from its template and lays it out
// as its files. EINVALID says, in words, why a template cannot be used.
func (s *Server) makeLetter(r *http.Request, rec *heed.Record, req *heed.LetterCase) ([]heed.LetterFile, error) {
	ctx := r.Context()
	cal, err := s.Store.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	stages := len(s.rules().Procedures[rec.Procedure].Stages)
	f, err := heed.NewLetterFields(cal, rec, stages, req)
	if err != nil {
		return nil, err
	}
	t, err := s.Store.LetterTemplate(ctx, req.Kind, req.Audience)
	if err != nil {
		return nil, err
	}
	text, err := heed.ExecuteLetter(letters.Body(t), f)
	if err != nil {
		return nil, heed.Errorf(heed.EINVALID, "The %s template cannot be used (%s): ask an administrator to correct it.",
			strings.ToLower(req.Kind.Label()), err.Error())
	}
	return letters.Files(&letters.Letter{Kind: req.Kind, Audience: req.Audience, Council: s.CouncilName, Reference: rec.Reference,
		Text: text, Made: s.Now()})
}

// adminLettersData is the list of letter templates.
type adminLettersData struct {
	Rows []letterTemplateRow
}

type letterTemplateRow struct {
	Href, Kind, Audience, Status string
}

func (s *Server) adminLetters(w http.ResponseWriter, r *http.Request) {
	saved, err := s.Store.LetterTemplates(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var d adminLettersData
	for _, k := range heed.LetterKinds {
		for _, a := range heed.LetterAudiences {
			row := letterTemplateRow{Href: "/admin/letters/" + string(k) + "/" + string(a), Kind: k.Label() + " letter",
				Audience: a.Label(), Status: "Heed's default text"}
			for _, t := range saved {
				if t.Kind == k && t.Audience == a {
					row.Status = "Version " + strconv.Itoa(t.Version) + ", saved by " + t.UpdatedBy + " on " + datetime(t.UpdatedAt)
				}
			}
			d.Rows = append(d.Rows, row)
		}
	}
	s.render(w, r, http.StatusOK, "admin_letters", page{Title: "Letter templates", Nav: "admin", Success: doneMessage(r), Data: d})
}

// adminLetterData is the template editor.
type adminLetterData struct {
	Template *heed.LetterTemplate
	Body     string
	Default  string
	Fields   []heed.LetterFieldDoc
	Preview  []letters.Block // the text against a made-up case; nil when it cannot run
	Action   string
}

// adminLetter shows a template's editor and takes its posts: "preview"
// shows the text typed against a made-up case, "save" saves it.
func (s *Server) adminLetter(w http.ResponseWriter, r *http.Request) {
	k, a := heed.LetterKind(r.PathValue("kind")), heed.LetterAudience(r.PathValue("audience"))
	if !validLetterPath(k, a) {
		s.errorPage(w, r, http.StatusNotFound, "There is no such letter template. Choose one from the list of letter templates.")
		return
	}
	t, err := s.Store.LetterTemplate(r.Context(), k, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := adminLetterData{Template: t, Body: letters.Body(t), Default: letters.Default(k, a), Fields: heed.LetterFieldDocs}
	code := http.StatusOK
	var errs heed.FieldErrors
	if r.Method == http.MethodPost {
		version, verr := strconv.Atoi(r.PostFormValue("version"))
		if verr != nil || version < 0 {
			s.errorPage(w, r, http.StatusBadRequest, "Heed cannot read this form: open the letter template again.")
			return
		}
		d.Body = strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n")
		d.Action = r.PostFormValue("action")
		for _, fe := range heed.CheckLetterTemplate(d.Body) {
			errs = append(errs, heed.FieldError{Field: "body", Message: fe.Message})
		}
		if len(errs) == 0 && d.Action != "preview" {
			saved := &heed.LetterTemplate{Kind: k, Audience: a, Body: d.Body, Version: version}
			err := s.Store.SaveLetterTemplate(r.Context(), actor(r), saved)
			switch heed.ErrorCode(err) {
			case "":
				http.Redirect(w, r, "/admin/letters?done=letter-template-saved", http.StatusSeeOther)
				return
			case heed.ECONFLICT:
				// Shown as it is now, so that nobody's work is overwritten unseen.
				msg := heed.ErrorMessage(err)
				if d.Template, err = s.Store.LetterTemplate(r.Context(), k, a); err != nil {
					s.fail(w, r, err)
					return
				}
				d.Body = letters.Body(d.Template)
				errs = append(errs, heed.FieldError{Field: "body", Message: strings.Replace(msg,
					"Open it again to see their changes, then make yours.", "It is shown below as it is now: make your changes again.", 1)})
				code = http.StatusConflict
			default:
				s.fail(w, r, err)
				return
			}
		}
		if len(errs) > 0 && code == http.StatusOK {
			code = http.StatusBadRequest
		}
		if code == http.StatusOK {
			d.Template.Version = version // a preview keeps the version read
		}
	}
	if len(errs) == 0 || code == http.StatusConflict {
		if text, err := heed.ExecuteLetter(d.Body, heed.SampleLetterFields(k, a, heed.Corporate)); err == nil {
			d.Preview = letters.Blocks(text)
		}
	}
	s.render(w, r, code, "admin_letter", page{Title: k.Label() + " letter template (" + a.Label() + ")", Nav: "admin", Errors: errs, Data: d})
}

func validLetterPath(k heed.LetterKind, a heed.LetterAudience) bool {
	for _, kk := range heed.LetterKinds {
		if k == kk {
			return a == heed.AudienceStandard || a == heed.AudienceYoungPerson
		}
	}
	return false
}
