package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

const auditPerPage = 50

// auditActions are the actions the audit log can be filtered by.
var auditActions = []heed.AuditAction{heed.AuditCreated, heed.AuditUpdated, heed.AuditDeadlineMoved,
	heed.AuditViewed, heed.AuditUserChanged, heed.AuditSettingsChanged}

// auditData is the audit log page.
type auditData struct {
	Actor, Action    string
	ActionOptions    []option
	Entries          []heed.AuditEntry
	Total            int
	From, To         int
	PrevURL, NextURL string
}

// adminAudit is the whole audit log, newest first, filtered by user name
// and action, 50 a page.
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := auditData{Actor: strings.TrimSpace(q.Get("actor")), Action: q.Get("action")}
	d.ActionOptions = []option{{"", "Any action"}}
	valid := d.Action == ""
	for _, a := range auditActions {
		d.ActionOptions = append(d.ActionOptions, option{string(a), auditLabel(a)})
		valid = valid || d.Action == string(a)
	}
	if !valid {
		s.render(w, r, http.StatusBadRequest, "admin_audit", page{Title: "Audit log", Nav: "admin",
			Errors: []fieldError{{"action", "Choose an action from the list"}}, Data: d})
		return
	}
	pageNo, err := strconv.Atoi(q.Get("page"))
	if err != nil || pageNo < 1 {
		pageNo = 1
	}
	f := heed.AuditFilter{Actor: d.Actor, Action: heed.AuditAction(d.Action), Offset: (pageNo - 1) * auditPerPage, Limit: auditPerPage}
	d.Entries, d.Total, err = s.Store.AuditLog(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(d.Entries) > 0 {
		d.From, d.To = f.Offset+1, f.Offset+len(d.Entries)
	}
	link := func(p int) string {
		v := url.Values{}
		if d.Actor != "" {
			v.Set("actor", d.Actor)
		}
		if d.Action != "" {
			v.Set("action", d.Action)
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return "/admin/audit"
		}
		return "/admin/audit?" + v.Encode()
	}
	if pageNo > 1 {
		d.PrevURL = link(pageNo - 1)
	}
	if f.Offset+len(d.Entries) < d.Total {
		d.NextURL = link(pageNo + 1)
	}
	s.render(w, r, http.StatusOK, "admin_audit", page{Title: "Audit log", Nav: "admin", Data: d})
}
