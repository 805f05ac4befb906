package web

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/doctype"
)

// caseFileStore is what the case file's pages need of the store.
type caseFileStore interface {
	heed.CaseFileService
}

// The default limits on documents, when the Server sets none.
const defaultDocumentSize = 20 << 20

// documentTimeout is how long a client has to send a document: 20 MB at
// about 1 Mbit/s, a slow upload from a council office.
const documentTimeout = 5 * time.Minute

func (s *Server) caseFileRoutes(mux *http.ServeMux) {
	mux.Handle("GET /cases/{ref}/note", s.user(s.notePage))
	mux.Handle("POST /cases/{ref}/note", s.user(s.notePage))
	mux.Handle("GET /cases/{ref}/correspondence", s.user(s.correspondencePage))
	mux.Handle("POST /cases/{ref}/correspondence", s.user(s.correspondencePage))
	mux.Handle("GET /cases/{ref}/document", s.user(s.documentPage))
	mux.Handle("POST /cases/{ref}/document", s.user(s.documentPage))
	mux.Handle("GET /cases/{ref}/documents/{id}", s.user(s.downloadDocument))
}

// caseFilePage is what the case file's forms get: a case form's page,
// and what a file may be.
type caseFilePage struct {
	formPage
	Accepted string // the kinds of file taken, in words
	MaxSize  string // the largest file taken, in words
	// Documents are the case's, for correspondence to carry one.
	Documents []heed.Document
}

// documentLimit is the largest document taken, in bytes.
func (s *Server) documentLimit() int64 {
	if s.MaxDocumentSize > 0 {
		return s.MaxDocumentSize
	}
	return defaultDocumentSize
}

// documentKinds are the kinds of document taken.
func (s *Server) documentKinds() []doctype.Kind {
	if len(s.DocumentKinds) > 0 {
		return s.DocumentKinds
	}
	return doctype.Kinds
}

// isDocumentUpload reports whether the request posts a case's document
// (alone or with correspondence), which may be larger than other forms.
func isDocumentUpload(r *http.Request) bool {
	p := r.URL.Path
	return strings.HasPrefix(p, "/cases/") && (strings.HasSuffix(p, "/document") || strings.HasSuffix(p, "/correspondence"))
}

// caseFileForm finds the case and checks that the user may add to its
// file; it answers and returns nil otherwise.
func (s *Server) caseFileForm(w http.ResponseWriter, r *http.Request, title string) (*heed.Record, *caseFilePage) {
	rec := s.findCase(w, r)
	if rec == nil {
		return nil, nil
	}
	if !canWork(currentUser(r), rec) {
		s.errorPage(w, r, http.StatusForbidden, "Your role cannot add to the file of case "+rec.Reference+".")
		return nil, nil
	}
	if rec.Voided != nil {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "Case "+rec.Reference+" was voided as entered in error: restore it before adding to its file.")
		return nil, nil
	}
	p := &caseFilePage{formPage: formPage{Form: &caseForm{title: title}, Record: rec, Stage: latestStage(rec), Values: url.Values{},
		Version: rec.Version, Today: s.today()}, Accepted: doctype.Accepted(s.documentKinds()), MaxSize: byteSize(s.documentLimit())}
	if r.Method == http.MethodPost {
		p.Values = r.PostForm
	}
	return rec, p
}

// notePage shows the note form and takes its posts.
func (s *Server) notePage(w http.ResponseWriter, r *http.Request) {
	rec, p := s.caseFileForm(w, r, "Add a note")
	if rec == nil {
		return
	}
	title := p.Form.Title() + " – " + rec.Reference
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, "case_note", page{Title: title, Nav: "cases", Data: p})
		return
	}
	n := &heed.Note{RecordID: rec.ID, Text: p.Values.Get("text")}
	err := s.Store.AddNote(r.Context(), actor(r), n)
	if heed.ErrorCode(err) == heed.EINVALID {
		s.render(w, r, http.StatusBadRequest, "case_note", page{Title: title, Nav: "cases", Errors: storeErrors(err, map[string]string{"text": "text"}), Data: p})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=note#case-file", http.StatusSeeOther)
}

// correspondencePage shows the correspondence form and takes its posts,
// with the letter or email itself when one is chosen.
func (s *Server) correspondencePage(w http.ResponseWriter, r *http.Request) {
	rec, p := s.caseFileForm(w, r, "Record correspondence")
	if rec == nil {
		return
	}
	file, err := s.Store.CaseFile(r.Context(), rec.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Documents = file.Documents
	p.Options = map[string][]option{"direction": {{Value: "in", Text: "Received from the complainant or someone else"}, {Value: "out", Text: "Sent by the council"}}}
	for _, c := range heed.Channels {
		p.Options["channel"] = append(p.Options["channel"], option{Value: string(c), Text: c.Label()})
	}
	title := p.Form.Title() + " – " + rec.Reference
	if r.Method == http.MethodGet {
		setDate(p.Values, "date", p.Today)
		s.render(w, r, http.StatusOK, "case_correspondence", page{Title: title, Nav: "cases", Data: p})
		return
	}
	v := p.Values
	c := &heed.Correspondence{RecordID: rec.ID, Direction: heed.Direction(v.Get("direction")), Channel: heed.Channel(v.Get("channel")),
		Summary: v.Get("summary"), Holding: v.Get("holding") == "yes"}
	c.DocumentID, _ = strconv.ParseInt(v.Get("document"), 10, 64)
	var errs heed.FieldErrors
	date, derr := requiredDate(v, "date", "The date it was sent or received")
	if derr != nil {
		errs = append(errs, *derr)
	}
	c.Date = date
	if derr == nil {
		for _, fe := range c.Check(p.Today) {
			errs = append(errs, heed.FieldError{Field: correspondenceInput(fe.Field), Message: fe.Message})
		}
	}
	doc, content, uerr := s.uploaded(r, "file", false)
	if uerr != nil {
		errs = append(errs, *uerr)
	}
	if doc != nil && c.DocumentID != 0 {
		errs = append(errs, heed.FieldError{Field: "file", Message: "Choose a document already on the case or a new file, not both"})
	}
	if len(errs) == 0 && doc != nil {
		doc.RecordID = rec.ID
		if err := s.Store.AddDocument(r.Context(), actor(r), doc, bytes.NewReader(content)); err != nil {
			s.fail(w, r, err)
			return
		}
		c.DocumentID = doc.ID
	}
	if len(errs) == 0 {
		err := s.Store.AddCorrespondence(r.Context(), actor(r), c)
		switch heed.ErrorCode(err) {
		case "":
			http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=correspondence#case-file", http.StatusSeeOther)
			return
		case heed.EINVALID:
			errs = storeErrors(err, map[string]string{"date": "date-day", "document": "document"})
		default:
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusBadRequest, "case_correspondence", page{Title: title, Nav: "cases", Errors: errs, Data: p})
}

// correspondenceInput is the form's input for a field of correspondence.
func correspondenceInput(field string) string {
	if field == "date" {
		return "date-day"
	}
	return field
}

// documentPage shows the upload form and takes its posts.
func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	rec, p := s.caseFileForm(w, r, "Add a document")
	if rec == nil {
		return
	}
	title := p.Form.Title() + " – " + rec.Reference
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, "case_document", page{Title: title, Nav: "cases", Data: p})
		return
	}
	doc, content, uerr := s.uploaded(r, "file", true)
	if uerr != nil {
		s.render(w, r, http.StatusBadRequest, "case_document", page{Title: title, Nav: "cases", Errors: heed.FieldErrors{*uerr}, Data: p})
		return
	}
	doc.RecordID = rec.ID
	if err := s.Store.AddDocument(r.Context(), actor(r), doc, bytes.NewReader(content)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=document#case-file", http.StatusSeeOther)
}

// uploaded returns the file posted in the field, as a document with its
// name and its type told from its content, and the content; nil and no
// error when none was chosen and none is required. The messages follow
// the GOV.UK file upload pattern.
func (s *Server) uploaded(r *http.Request, field string, required bool) (*heed.Document, []byte, *heed.FieldError) {
	var h *multipart.FileHeader
	if r.MultipartForm != nil && len(r.MultipartForm.File[field]) > 0 {
		h = r.MultipartForm.File[field][0]
	}
	if h == nil || (h.Filename == "" && h.Size == 0) { // a browser sends an empty part when no file is chosen
		if required {
			return nil, nil, &heed.FieldError{Field: field, Message: "Select a file"}
		}
		return nil, nil, nil
	}
	if h.Size == 0 {
		return nil, nil, &heed.FieldError{Field: field, Message: "The selected file is empty"}
	}
	if h.Size > s.documentLimit() {
		return nil, nil, &heed.FieldError{Field: field, Message: "The selected file must be smaller than " + byteSize(s.documentLimit())}
	}
	f, err := h.Open()
	if err != nil {
		return nil, nil, &heed.FieldError{Field: field, Message: "The selected file could not be read: choose it again"}
	}
	content, err := io.ReadAll(io.LimitReader(f, s.documentLimit()+1))
	f.Close()
	if err != nil || int64(len(content)) > s.documentLimit() {
		return nil, nil, &heed.FieldError{Field: field, Message: "The selected file could not be read: choose it again"}
	}
	t, ok := doctype.Detect(content, s.documentKinds())
	if !ok {
		return nil, nil, &heed.FieldError{Field: field, Message: "The selected file must be " + articled(doctype.Accepted(s.documentKinds()))}
	}
	return &heed.Document{Name: documentName(h.Filename, t), Type: t.Media}, content, nil
}

// articled puts "a" before a list of kinds that starts with a singular
// one: "a PDF or images".
func articled(kinds string) string {
	if strings.HasPrefix(kinds, "PDF") {
		return "a " + kinds
	}
	return kinds
}

// documentOptions are a case's documents as a select's options, after
// "None".
func documentOptions(docs []heed.Document) []option {
	opts := []option{{Value: "", Text: "None"}}
	for _, d := range docs {
		opts = append(opts, option{Value: strconv.FormatInt(d.ID, 10), Text: d.Name + " (added " + calendar.DateOf(d.At).Long() + ")"})
	}
	return opts
}

// documentName is the name a document is kept under: the uploaded file's
// name without any folders, cleaned as every name is, with the extension
// of the type its content shows when the name has none that fits.
func documentName(name string, t doctype.Type) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	clean, err := heed.CleanName(name)
	if err != nil || clean == "" || clean == "." || clean == "/" {
		clean = "document"
	}
	if r := []rune(clean); len(r) > 200 {
		clean = string(r[:200])
	}
	ext := strings.ToLower(path.Ext(clean))
	if ext != t.Ext && !(t.Ext == ".jpg" && ext == ".jpeg") && !(t.Ext == ".tif" && ext == ".tiff") {
		clean += t.Ext
	}
	return clean
}

// downloadDocument sends a case's document, always as an attachment of the
// type its content showed when it was added, to someone who may see the
// case; each download is a line of the case's history.
func (s *Server) downloadDocument(w http.ResponseWriter, r *http.Request) {
	rec := s.findCase(w, r)
	if rec == nil {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "Case "+rec.Reference+" has no such document.")
		return
	}
	doc, content, err := s.Store.OpenDocument(r.Context(), actor(r), rec.ID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer content.Close()
	h := w.Header()
	h.Set("Content-Type", doc.Type)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.Name}))
	h.Set("Content-Length", strconv.FormatInt(doc.Size, 10))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	if _, err := io.Copy(w, content); err != nil {
		s.Logger.Warn("document download broke off", "document", doc.ID, "error", err)
	}
}

// caseFileView is the case file as the case page shows it.
type caseFileView struct {
	Timeline []timelineRow
	CanAdd   bool // the user may add notes, correspondence and documents
}

// timelineRow is an entry of the timeline as the case page shows it.
type timelineRow struct {
	heed.TimelineEntry
	When         string // "5 January 2015", with the time when known
	DocumentHref string
	DocumentName string
}

// caseFileView reads the case file and merges it with the record's stages
// and history into the timeline.
func (s *Server) caseFileView(r *http.Request, rec *heed.Record, history []heed.AuditEntry, names map[string]string) (*caseFileView, error) {
	file, err := s.Store.CaseFile(r.Context(), rec.ID)
	if err != nil {
		return nil, err
	}
	v := &caseFileView{CanAdd: canWork(currentUser(r), rec) && rec.Voided == nil}
	for _, e := range heed.Timeline(rec, history, file) {
		row := timelineRow{TimelineEntry: e, When: e.Date.Long()}
		if e.By != "" {
			row.By = fullName(names, e.By)
		}
		if !e.At.IsZero() {
			row.When = datetime(e.At)
		}
		if doc := file.Document(e.DocumentID); doc != nil {
			row.DocumentHref = "/cases/" + url.PathEscape(rec.Reference) + "/documents/" + strconv.FormatInt(doc.ID, 10)
			row.DocumentName = doc.Name
		}
		v.Timeline = append(v.Timeline, row)
	}
	return v, nil
}
