package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/heedhq/heed"
)

const auditPerPage = 50

// auditActions are the actions the audit log can be filtered by.
var auditActions = []heed.AuditAction{heed.AuditCreated, heed.AuditUpdated, heed.AuditDeadlineMoved,
	heed.AuditViewed, heed.AuditUserChanged, heed.AuditSettingsChanged, heed.AuditExported}

// auditData is the audit log page.
type auditData struct {
	Actor, Action string
	ActionOptions []option
	Entries       []heed.AuditEntry
	Pages         pager
}

// adminAudit is the whole audit log, newest first, filtered by user name
// and action, 50 a page.
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := auditData{Actor: strings.TrimSpace(q.Get("actor")), Action: q.Get("action")}
	d.ActionOptions = []option{{"", "Any action"}}
	valid := d.Action == ""
	for _, a := range auditActions {
		d.ActionOptions = append(d.ActionOptions, option{string(a), a.Label()})
		valid = valid || d.Action == string(a)
	}
	if !valid {
		s.render(w, r, http.StatusBadRequest, "admin_audit", page{Title: "Audit log", Nav: "admin",
			Errors: heed.FieldErrors{{Field: "action", Message: "Choose an action from the list"}}, Data: d})
		return
	}
	// The pages' links keep the filter as read, and nothing else.
	kept := url.Values{}
	if d.Actor != "" {
		kept.Set("actor", d.Actor)
	}
	if d.Action != "" {
		kept.Set("action", d.Action)
	}
	kept.Set("page", q.Get("page"))
	d.Pages = newPager("/admin/audit", kept, auditPerPage)
	f := heed.AuditFilter{Actor: d.Actor, Action: heed.AuditAction(d.Action), Offset: d.Pages.Offset(), Limit: d.Pages.Size}
	entries, total, err := s.Store.AuditLog(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Entries = entries
	d.Pages.count(len(entries), total, 0)
	s.render(w, r, http.StatusOK, "admin_audit", page{Title: "Audit log", Nav: "admin", Data: d})
}
