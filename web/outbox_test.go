package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/queue"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestNewContactAcknowledged: an email address typed on the new-contact
// form queues the acknowledgement with the record; a bad one is refused
// with a message and saves nothing.
func TestNewContactAcknowledged(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			app := newTestApp(t, dialect, func(s *Server) { s.SendsEmail = true })
			q, err := queue.New(string(app.Store.Dialect()), app.Store.SQL(), nil, queue.Options{})
			if err != nil {
				t.Fatal(err)
			}
			app.Store.SetNotices(sqlstore.Notices{Council: "Example Council", PublicURL: app.URL, Queue: q})
			c := app.client(t)
			c.signIn("officer")
			form := func(email, ref string) url.Values {
				return url.Values{"type": {"complaint"}, "service_area": {"Highways"}, "received-day": {"16"}, "procedure": {"corporate"},
					"received-month": {"3"}, "received-year": {"2015"}, "ack_email": {email}, "reference": {ref}}
			}
			_, before, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{})
			res := c.post("/cases/new", form("resident at example.org", ""))
			if res.Code != http.StatusBadRequest || !strings.Contains(errorSummary(res.Body), "Enter an email address in the correct format") {
				t.Errorf("a bad address: %d %q", res.Code, errorSummary(res.Body))
			}
			if _, n, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); n != before {
				t.Errorf("a refused form saved a record: %d, want %d", n, before)
			}
			for _, ref := range []string{"", "TYPED-1"} {
				if res := c.post("/cases/new", form("resident@example.org", ref)); res.Code != http.StatusSeeOther {
					t.Fatalf("reference %q: %d %q", ref, res.Code, errorSummary(res.Body))
				}
			}
			if res := c.post("/cases/new", form("", "TYPED-2")); res.Code != http.StatusSeeOther {
				t.Fatalf("no address: %d %q", res.Code, errorSummary(res.Body))
			}
			if res := c.post("/cases/new", form("resident@example.org", "TYPED-1")); res.Code != http.StatusBadRequest ||
				!strings.Contains(errorSummary(res.Body), "already the reference") {
				t.Errorf("a reference taken: %d %q", res.Code, errorSummary(res.Body))
			}
			ns, total, err := app.Store.Notices(t.Context(), heed.NoticeFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if total != 2 {
				t.Fatalf("%d messages queued, want 2", total)
			}
			for _, n := range ns {
				if n.Kind != heed.NoticeAcknowledgement || n.To != "resident@example.org" || n.Status != heed.NoticeQueued ||
					!strings.Contains(n.Body, n.Reference) || !strings.Contains(n.Body, "We will reply to you by") {
					t.Errorf("queued: %+v", n)
				}
			}
			if res := c.get("/outbox?kind=acknowledgement&status=queued"); res.Code != http.StatusOK || !strings.Contains(res.Body, "/cases/TYPED-1") {
				t.Errorf("outbox: %d %q", res.Code, pageText(res.Body))
			}
			// The dates are the GOV.UK date input's, read as the cases list reads them.
			if res := c.get("/outbox?from-day=1&from-month=1&from-year=2000&to-day=31&to-month=dec&to-year=2099"); res.Code != http.StatusOK ||
				!strings.Contains(res.Body, "/cases/TYPED-1") {
				t.Errorf("outbox between two dates: %d %q", res.Code, pageText(res.Body))
			}
			if res := c.get("/outbox?from-day=2&from-month=1&from-year=2099&to-day=1&to-month=1&to-year=2099"); res.Code != http.StatusBadRequest ||
				!strings.Contains(errorSummary(res.Body), "Queued to must be the same as or after queued from") {
				t.Errorf("outbox dates the wrong way round: %d %q", res.Code, errorSummary(res.Body))
			}
			// Only a failed message is sent again; the form needs its token.
			id := ns[0].ID
			if res := c.post("/outbox/"+itoa(id)+"/resend", url.Values{}); res.Code != http.StatusConflict {
				t.Errorf("sending a waiting message again: %d", res.Code)
			}
			c.csrf = "wrong"
			if res := c.post("/outbox/"+itoa(id)+"/resend", url.Values{}); res.Code != http.StatusForbidden {
				t.Errorf("a post without the token: %d", res.Code)
			}
		})
	}
}

// TestTemplateSaveConflicts: a save over a version someone else replaced is
// refused, saying so, and changes nothing.
func TestTemplateSaveConflicts(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("admin")
	save := func(text, version string) response {
		return c.post("/admin/emails/allocation", url.Values{"template": {text}, "version": {version}, "action": {"save"}})
	}
	if res := save("First {{.Reference}}\n\nBody", "0"); res.Code != http.StatusSeeOther {
		t.Fatalf("first save: %d %q", res.Code, errorSummary(res.Body))
	}
	res := save("Second {{.Reference}}\n\nBody", "0")
	if res.Code != http.StatusConflict || !strings.Contains(errorSummary(res.Body), "Someone else changed this template") {
		t.Errorf("a stale save: %d %q", res.Code, errorSummary(res.Body))
	}
	text, version, err := app.Store.NoticeTemplate(t.Context(), heed.NoticeAllocation)
	if err != nil || version != 1 || !strings.HasPrefix(text, "First") {
		t.Errorf("after a stale save: %d %q %v", version, text, err)
	}
	log, _, err := app.Store.AuditLog(t.Context(), heed.AuditFilter{Action: heed.AuditNoticeTemplateChanged})
	if err != nil || len(log) != 1 || log[0].Actor != "admin" {
		t.Errorf("audit: %+v %v", log, err)
	}
}

// TestTriageAcknowledged: a submission the public sent with an email
// address, accepted in triage, queues its acknowledgement with the case; a
// refused one queues none (the sender reads the refusal on their page).
func TestTriageAcknowledged(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			app := newTestApp(t, dialect, func(s *Server) { s.SendsEmail = true })
			q, err := queue.New(string(app.Store.Dialect()), app.Store.SQL(), nil, queue.Options{})
			if err != nil {
				t.Fatal(err)
			}
			app.Store.SetNotices(sqlstore.Notices{Council: "Example Council", PublicURL: app.URL, Queue: q})
			c := app.client(t)
			c.signIn("officer")
			for _, tt := range []struct {
				name string
				form url.Values
			}{
				{"accepted", url.Values{"action": {"complaint"}, "service_area": {"Highways"}, "procedure": {"corporate"}}},
				{"refused", url.Values{"action": {"refuse"}, "service_area": {"Highways"}, "refusal_reason": {"out_of_time"}}},
			} {
				sub := sendSubmission(t, app.Store, tt.name, heed.KindComplaint, heed.FormAdult, "2015-03-10")
				tt.form.Set("version", itoa(int64(sub.Version)))
				if res := c.post("/triage/"+itoa(sub.ID), tt.form); res.Code != http.StatusSeeOther {
					t.Fatalf("%s: %d %q", tt.name, res.Code, errorSummary(res.Body))
				}
			}
			ns, total, err := app.Store.Notices(t.Context(), heed.NoticeFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if total != 1 || ns[0].Kind != heed.NoticeAcknowledgement || ns[0].To != "dee@example.com" {
				t.Fatalf("queued %d: %+v", total, ns)
			}
		})
	}
}
