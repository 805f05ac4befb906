package web

import (
	"net/http"
	"strconv"

	"github.com/heedhq/heed"
)

// The email templates administrators edit, each with a preview filled in
// with made-up data; a save names the version it read, so that two
// administrators never overwrite each other, and is in the audit log.

type noticeTemplatesData struct {
	Kinds []heed.NoticeKind
	Saved string // the kind just saved
}

func (s *Server) noticeTemplates(w http.ResponseWriter, r *http.Request) {
	d := noticeTemplatesData{Kinds: heed.NoticeKinds, Saved: r.URL.Query().Get("saved")}
	s.render(w, r, http.StatusOK, "admin_emails", page{Title: "Email templates", Nav: "admin", Data: d})
}

type noticeTemplateData struct {
	Kind             heed.NoticeKind
	Text             string
	Version          int
	Default          string
	Subject, Body    string // the preview
	Previewed, Fails bool
}

func (s *Server) noticeTemplate(w http.ResponseWriter, r *http.Request) {
	kind := heed.NoticeKind(r.PathValue("kind"))
	if heed.DefaultNoticeTemplate(kind) == "" {
		s.errorPage(w, r, http.StatusNotFound, "There is no such email.")
		return
	}
	text, version, err := s.Store.NoticeTemplate(r.Context(), kind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := &noticeTemplateData{Kind: kind, Text: text, Version: version, Default: heed.DefaultNoticeTemplate(kind)}
	title := kind.Label() + " email"
	if r.Method == http.MethodPost {
		d.Text = r.PostFormValue("template")
		d.Version, _ = strconv.Atoi(r.PostFormValue("version"))
		if r.PostFormValue("action") == "default" {
			d.Text = d.Default
		}
		if msg := heed.CheckNoticeTemplate(d.Text); msg != "" {
			s.render(w, r, http.StatusBadRequest, "admin_email", page{Title: title, Nav: "admin",
				Errors: heed.FieldErrors{{Field: "template", Message: msg}}, Data: d})
			return
		}
		if r.PostFormValue("action") == "save" {
			err := s.Store.SaveNoticeTemplate(r.Context(), actor(r), kind, d.Text, d.Version)
			if err == nil {
				http.Redirect(w, r, "/admin/emails?saved="+string(kind), http.StatusSeeOther)
				return
			}
			if code := heed.ErrorCode(err); code != heed.EINVALID && code != heed.ECONFLICT {
				s.fail(w, r, err)
				return
			}
			s.render(w, r, http.StatusConflict, "admin_email", page{Title: title, Nav: "admin",
				Errors: heed.FieldErrors{{Field: "template", Message: heed.ErrorMessage(err)}}, Data: d})
			return
		}
	}
	d.Subject, d.Body, _ = heed.RenderNotice(d.Text, heed.SampleNoticeData())
	d.Previewed = r.Method == http.MethodPost
	s.render(w, r, http.StatusOK, "admin_email", page{Title: title, Nav: "admin", Data: d})
}
