package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/heedhq/heed"
)

// Voiding a record entered in error, and restoring it. A voided record
// leaves every list and report; only administrators open it, to restore
// it.

func (s *Server) voidRoutes(mux *http.ServeMux) {
	for _, path := range []string{"void", "restore"} {
		mux.Handle("GET /cases/{ref}/"+path, s.user(s.voidPage(path == "void")))
		mux.Handle("POST /cases/{ref}/"+path, s.user(s.voidPage(path == "void")))
	}
}

// canVoid reports whether the user may void records: the complaints team,
// who record them.
func canVoid(u *heed.User) bool { return u.CanRecord() }

// canRestore reports whether the user may restore a voided record.
func canRestore(u *heed.User) bool { return u.Role == heed.RoleAdmin }

// voidPage shows the void (or restore) form of a case and takes its posts.
func (s *Server) voidPage(void bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rec := s.findCase(w, r)
		if rec == nil {
			return
		}
		u := currentUser(r)
		title, template := "Void this record", "case_void"
		if !void {
			title = "Restore this record"
		}
		switch {
		case void && !canVoid(u), !void && !canRestore(u):
			s.errorPage(w, r, http.StatusForbidden, "Your role cannot "+map[bool]string{true: "void", false: "restore"}[void]+" case "+rec.Reference+".")
			return
		case void && rec.Voided != nil:
			s.errorPage(w, r, http.StatusUnprocessableEntity, "Case "+rec.Reference+" is voided already.")
			return
		case !void && rec.Voided == nil:
			s.errorPage(w, r, http.StatusUnprocessableEntity, "Case "+rec.Reference+" is not voided.")
			return
		}
		fp := &formPage{Form: &caseForm{title: title}, Record: rec, Version: rec.Version, Values: url.Values{}}
		p := page{Title: title + " – " + rec.Reference, Nav: "cases", Data: fp}
		if r.Method == http.MethodGet {
			s.render(w, r, http.StatusOK, template, p)
			return
		}
		fp.Values = r.PostForm
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		reason := r.PostFormValue("change_reason")
		var err error
		if void {
			err = s.Store.VoidRecord(r.Context(), actor(r), rec.ID, version, reason)
		} else {
			err = s.Store.RestoreRecord(r.Context(), actor(r), rec.ID, version, reason)
		}
		switch heed.ErrorCode(err) {
		case "":
			switch {
			case !void:
				http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=restored", http.StatusSeeOther)
			case canRestore(u): // an administrator still sees it
				http.Redirect(w, r, "/cases/"+url.PathEscape(rec.Reference)+"?done=voided", http.StatusSeeOther)
			default:
				http.Redirect(w, r, "/cases?done=voided", http.StatusSeeOther)
			}
		case heed.ECONFLICT:
			s.conflict(w, r, nil, version)
		case heed.EINVALID:
			p.Errors = storeErrors(err, map[string]string{"change_reason": "change_reason"})
			s.render(w, r, http.StatusBadRequest, template, p)
		default:
			s.fail(w, r, err)
		}
	}
}
