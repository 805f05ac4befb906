package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// The outbox: every email Heed sent or is sending, filtered by status,
// kind and the day it was queued; a message that finally failed shows its
// error and can be sent again. Templates: see notice_templates.go.

type notifyStore interface {
	// CreateAcknowledged stores a new record (numbered with prefix, or
	// with its own reference when prefix is ""), queueing the
	// acknowledgement to email when not "" and any allocation's notice.
	CreateAcknowledged(ctx context.Context, by heed.Actor, rec *heed.Record, prefix, email string) error
	Notices(ctx context.Context, f heed.NoticeFilter) ([]heed.Notice, int, error)
	ResendNotice(ctx context.Context, by heed.Actor, id int64) error
	NoticeTemplate(ctx context.Context, kind heed.NoticeKind) (string, int, error)
	SaveNoticeTemplate(ctx context.Context, by heed.Actor, kind heed.NoticeKind, text string, version int) error
	SetNoticeDigest(ctx context.Context, by heed.Actor, userID int64, digest bool) error
	NoticeDigest(ctx context.Context, userID int64) (bool, error)
}

func (s *Server) notifyRoutes(mux *http.ServeMux) {
	mux.Handle("GET /outbox", s.user(s.outbox))
	mux.Handle("POST /outbox/{id}/resend", s.user(s.resendNotice))
	mux.Handle("GET /account/messages", s.user(s.accountMessages))
	mux.Handle("POST /account/messages", s.user(s.accountMessages))
	mux.Handle("GET /admin/emails", s.admin(s.noticeTemplates))
	mux.Handle("GET /admin/emails/{kind}", s.admin(s.noticeTemplate))
	mux.Handle("POST /admin/emails/{kind}", s.admin(s.noticeTemplate))
}

const outboxPerPage = 25

type outboxData struct {
	Values                     url.Values
	StatusOptions, KindOptions []option
	Notices                    []heed.Notice
	Pages                      pager
	Resent                     bool
}

// canSeeOutbox reports whether the user may read the outbox: the
// complaints team, who see every case.
func canSeeOutbox(u *heed.User) bool { return u.CanRecord() }

func (s *Server) outbox(w http.ResponseWriter, r *http.Request) {
	if !canSeeOutbox(currentUser(r)) {
		s.errorPage(w, r, http.StatusForbidden, "Only the complaints team reads the outbox.")
		return
	}
	q := r.URL.Query()
	d := outboxData{Values: url.Values{}, Resent: q.Get("done") == "resent"}
	d.StatusOptions = []option{{"", "Any status"}}
	for _, st := range heed.NoticeStatuses {
		d.StatusOptions = append(d.StatusOptions, option{string(st), st.Label()})
	}
	d.KindOptions = []option{{"", "Any kind"}}
	for _, k := range heed.NoticeKinds {
		d.KindOptions = append(d.KindOptions, option{string(k), k.Label()})
	}
	var f heed.NoticeFilter
	var errs heed.FieldErrors
	for _, k := range []string{"status", "kind", "from-day", "from-month", "from-year", "to-day", "to-month", "to-year"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			d.Values.Set(k, v)
		}
	}
	if v := d.Values.Get("status"); v != "" {
		if !hasOption(d.StatusOptions, v) {
			errs = append(errs, heed.FieldError{Field: "status", Message: "Choose a status from the list"})
		}
		f.Status = heed.NoticeStatus(v)
	}
	if v := d.Values.Get("kind"); v != "" {
		if !hasOption(d.KindOptions, v) {
			errs = append(errs, heed.FieldError{Field: "kind", Message: "Choose a kind of email from the list"})
		}
		f.Kind = heed.NoticeKind(v)
	}
	var bad *heed.FieldError
	if f.From, bad = dateInput(q, "from", "Queued from"); bad != nil {
		errs = append(errs, *bad)
	}
	if f.To, bad = dateInput(q, "to", "Queued to"); bad != nil {
		errs = append(errs, *bad)
	}
	if len(errs) == 0 && !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		errs = append(errs, heed.FieldError{Field: "to-day", Message: "Queued to must be the same as or after queued from"})
	}
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "outbox", page{Title: "Outbox", Nav: "cases", Errors: errs, Data: d})
		return
	}
	kept := url.Values{}
	for k, v := range d.Values {
		kept[k] = v
	}
	kept.Set("page", q.Get("page"))
	d.Pages = newPager("/outbox", kept, outboxPerPage)
	f.Offset, f.Limit = d.Pages.Offset(), d.Pages.Size
	ns, total, err := s.Store.Notices(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Notices = ns
	d.Pages.count(len(ns), total, 0)
	s.render(w, r, http.StatusOK, "outbox", page{Title: "Outbox", Nav: "cases", Data: d})
}

// resendNotice sends a failed message again.
func (s *Server) resendNotice(w http.ResponseWriter, r *http.Request) {
	if !canSeeOutbox(currentUser(r)) {
		s.errorPage(w, r, http.StatusForbidden, "Only the complaints team sends messages again.")
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.errorPage(w, r, http.StatusNotFound, "There is no such message.")
		return
	}
	if err := s.Store.ResendNotice(r.Context(), actor(r), id); err != nil {
		switch heed.ErrorCode(err) {
		case heed.ECONFLICT, heed.EINVALID:
			s.errorPage(w, r, http.StatusConflict, heed.ErrorMessage(err))
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/outbox?status=queued&done=resent", http.StatusSeeOther)
}

type messagesData struct {
	Value   string // "immediate" or "digest"
	Options []option
	Saved   bool
}

var messageOptions = []option{{"immediate", "Each as it comes"}, {"digest", "All of a day's in one email, in the morning"}}

// accountMessages is where a user chooses their messages as they come or
// in one daily digest.
func (s *Server) accountMessages(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	const title = "Your email from Heed"
	if r.Method == http.MethodPost {
		v := r.PostFormValue("messages")
		if v != "immediate" && v != "digest" {
			s.render(w, r, http.StatusBadRequest, "account_messages", page{Title: title, Nav: "home",
				Errors: heed.FieldErrors{{Field: "messages", Message: "Choose how you want Heed's emails"}}, Data: messagesData{Options: messageOptions}})
			return
		}
		if err := s.Store.SetNoticeDigest(r.Context(), actor(r), u.ID, v == "digest"); err != nil {
			s.fail(w, r, err)
			return
		}
		http.Redirect(w, r, "/account/messages?done=saved", http.StatusSeeOther)
		return
	}
	digest, err := s.Store.NoticeDigest(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := messagesData{Value: map[bool]string{false: "immediate", true: "digest"}[digest], Options: messageOptions,
		Saved: r.URL.Query().Get("done") == "saved"}
	s.render(w, r, http.StatusOK, "account_messages", page{Title: title, Nav: "home", Data: d})
}
