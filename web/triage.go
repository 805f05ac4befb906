package web

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/heedhq/heed"
)

// The triage queue: what the public sent through the public forms (see
// package public), waiting for an officer to decide what each is. A
// decision makes the case through the same store call as the new-contact
// form (CreateRecord), received on the day the public sent it: its clock
// starts then, not on the day of triage. The case keeps the submission's
// reference, which the sender was given, and its files become the case's
// documents.

// triageStore is what triage needs of the store (see sqlstore's
// submissions.go).
type triageStore interface {
	Submissions(ctx context.Context, status heed.SubmissionStatus, limit int) ([]*heed.Submission, error)
	Submission(ctx context.Context, id int64) (*heed.Submission, error)
	AttachmentContent(ctx context.Context, submissionID, attachmentID int64) ([]byte, error)
	MarkTriaged(ctx context.Context, by heed.Actor, id int64, t heed.Triage, recordRef string) error
}

func (s *Server) triageRoutes(mux *http.ServeMux) {
	mux.Handle("GET /triage", s.user(s.triageQueue))
	mux.Handle("GET /triage/{id}", s.user(s.triageItem))
	mux.Handle("POST /triage/{id}", s.user(s.triageItem))
	mux.Handle("GET /triage/{id}/files/{file}", s.user(s.triageFile))
}

type triageQueueData struct {
	Items []*heed.Submission
}

func (s *Server) triageQueue(w http.ResponseWriter, r *http.Request) {
	if !currentUser(r).CanRecord() {
		s.errorPage(w, r, http.StatusForbidden, "Only the complaints team triages what the public sends.")
		return
	}
	items, err := s.Store.Submissions(r.Context(), heed.SubmissionReceived, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "triage", page{Title: "Triage", Nav: "triage", Data: triageQueueData{Items: items}})
}

type triageItemData struct {
	Sub     *heed.Submission
	Values  url.Values
	Options map[string][]option
	Areas   []option
}

// triageSubmission reads the submission of the address, or shows why not.
func (s *Server) triageSubmission(w http.ResponseWriter, r *http.Request) *heed.Submission {
	if !currentUser(r).CanRecord() {
		s.errorPage(w, r, http.StatusForbidden, "Only the complaints team triages what the public sends.")
		return nil
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "There is no such page.")
		return nil
	}
	sub, err := s.Store.Submission(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return nil
	}
	return sub
}

func (s *Server) triageItem(w http.ResponseWriter, r *http.Request) {
	sub := s.triageSubmission(w, r)
	if sub == nil {
		return
	}
	names, err := s.nameLists(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	opts := staticOptions()
	actions := make([]option, len(heed.TriageActions))
	for i, a := range heed.TriageActions {
		actions[i] = option{string(a), a.Label()}
	}
	opts["actions"] = actions
	opts["procedures"] = opts["procedures"][1:] // a complaint from the public is put under one
	data := &triageItemData{Sub: sub, Values: url.Values{"version": {strconv.Itoa(sub.Version)}}, Options: opts, Areas: names.Areas}
	title := "Triage " + sub.Reference
	if sub.Status != heed.SubmissionReceived {
		s.render(w, r, http.StatusOK, "triage_item", page{Title: title, Nav: "triage", Data: data})
		return
	}
	if r.Method == http.MethodGet {
		s.render(w, r, http.StatusOK, "triage_item", page{Title: title, Nav: "triage", Data: data})
		return
	}
	v := r.PostForm
	data.Values = v
	version, _ := strconv.Atoi(v.Get("version"))
	t := heed.Triage{Action: heed.TriageAction(v.Get("action")), ServiceArea: v.Get("service_area"),
		Procedure: heed.ProcedureID(v.Get("procedure")), RedirectedTo: heed.Redirection(v.Get("redirected_to")),
		RefusalReason: heed.RefusalReason(v.Get("refusal_reason")), Version: version}
	errs := t.Check(heed.ProcedureIDs)
	if t.ServiceArea != "" && !hasOption(names.Areas, t.ServiceArea) {
		errs = append(errs, heed.FieldError{Field: "service_area", Message: "Select a service area from the list"})
	}
	if version != sub.Version {
		errs = append(errs, heed.FieldError{Field: "main-content", Message: "This submission changed while you were reading it. Check it again before you decide."})
		data.Values.Set("version", strconv.Itoa(sub.Version))
	}
	if len(errs) == 0 {
		ref, err := s.triage(r, sub, t)
		if err == nil {
			http.Redirect(w, r, "/cases/"+url.PathEscape(ref)+"?done=recorded", http.StatusSeeOther)
			return
		}
		if code := heed.ErrorCode(err); code != heed.EINVALID && code != heed.ECONFLICT {
			s.fail(w, r, err)
			return
		}
		errs = storeErrors(err, map[string]string{"service_area": "service_area", "procedure": "procedure",
			"redirected_to": "redirected_to", "stage1_refusal_reason": "refusal_reason"})
	}
	s.render(w, r, http.StatusBadRequest, "triage_item", page{Title: title, Nav: "triage", Errors: errs, Data: data})
}

// triage makes the case of the decision, with the submission's files as
// its documents, then marks the submission triaged. Each step can be run
// again: a triage that stopped half way (the server stopped) is finished
// by the next, which finds the case by its reference and adds only the
// files it lacks. Two officers deciding at once make one case: the
// reference is unique, and the second is told.
func (s *Server) triage(r *http.Request, sub *heed.Submission, t heed.Triage) (string, error) {
	ctx, by := r.Context(), actor(r)
	rec, err := s.Store.FindRecordByReference(ctx, sub.Reference)
	switch heed.ErrorCode(err) {
	case heed.ENOTFOUND:
		rec = sub.Record(t, s.today())
		email := ""
		if t.Acknowledges() {
			email = sub.Email
		}
		// As the staff's new-contact form does: the acknowledgement is
		// queued in the same transaction as the case.
		if err := s.Store.CreateAcknowledged(ctx, by, rec, "", email); err != nil {
			if heed.ErrorCode(err) == heed.ECONFLICT {
				return "", heed.Errorf(heed.ECONFLICT, "Someone else triaged this submission while you were reading it: see case %s.", sub.Reference)
			}
			return "", err
		}
	case "":
	default:
		return "", err
	}
	file, err := s.Store.CaseFile(ctx, rec.ID)
	if err != nil {
		return "", err
	}
	for _, a := range sub.Attachments {
		if hasDocument(file.Documents, a) {
			continue
		}
		data, err := s.Store.AttachmentContent(ctx, sub.ID, a.ID)
		if err != nil {
			return "", err
		}
		doc := &heed.Document{RecordID: rec.ID, Name: a.Name, Type: a.Type}
		if err := s.Store.AddDocument(ctx, by, doc, bytes.NewReader(data)); err != nil {
			return "", err
		}
	}
	if err := s.Store.MarkTriaged(ctx, by, sub.ID, t, rec.Reference); err != nil {
		return "", err
	}
	return rec.Reference, nil
}

func hasDocument(docs []heed.Document, a heed.Attachment) bool {
	for _, d := range docs {
		if d.SHA256 == a.SHA256 && d.Name == a.Name {
			return true
		}
	}
	return false
}

// triageFile sends a submission's file, always as a download of the type
// its content showed, in a sandbox.
func (s *Server) triageFile(w http.ResponseWriter, r *http.Request) {
	sub := s.triageSubmission(w, r)
	if sub == nil {
		return
	}
	id, _ := strconv.ParseInt(r.PathValue("file"), 10, 64)
	for _, a := range sub.Attachments {
		if a.ID != id {
			continue
		}
		data, err := s.Store.AttachmentContent(r.Context(), sub.ID, a.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.Type)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": a.Name}))
		h.Set("Content-Length", strconv.Itoa(len(data)))
		h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
		w.Write(data)
		return
	}
	s.errorPage(w, r, http.StatusNotFound, "This submission has no such file.")
}
