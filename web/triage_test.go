package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// sendSubmission stores a submission as the public forms do, received on
// the day given, with a file, and returns it as the queue reads it.
func sendSubmission(t *testing.T, db *sqlstore.DB, token string, kind heed.SubmissionKind, form heed.SubmissionForm, received string) *heed.Submission {
	t.Helper()
	ctx := context.Background()
	s := &heed.Submission{Token: token, Kind: kind, Form: form, Name: "Dee Testperson", Summary: "Synthetic " + token,
		Email: "dee@example.com", Attachments: []heed.Attachment{{Name: "letter.txt", Type: "text/plain"}}}
	if form == heed.FormOnBehalf {
		s.OnBehalfName, s.OnBehalfRelation, s.OnBehalfWhy = "Eli Testperson", "my son", "I am his parent"
	}
	if form.Young() {
		s.Advocate = heed.AdvocateYes
	}
	if err := db.SaveDraft(ctx, s, []io.Reader{strings.NewReader("a letter " + token)}); err != nil {
		t.Fatal(err)
	}
	sent, err := db.SendSubmission(ctx, token, d(received))
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Submission(ctx, sent.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestTriage(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) { testTriage(t, newTestApp(t, dialect)) })
	}
}

func testTriage(t *testing.T, app *testApp) {
	{
		ctx := context.Background()
		officer := app.client(t)
		officer.signIn("officer")
		tests := []struct {
			form  url.Values
			kind  heed.SubmissionKind
			from  heed.SubmissionForm
			check func(*heed.Record) bool
		}{
			{url.Values{"action": {"complaint"}, "service_area": {"Highways"}, "procedure": {"corporate"}}, heed.KindComplaint, heed.FormAdult,
				func(r *heed.Record) bool {
					return r.Type == heed.TypeComplaint && r.Procedure == heed.Corporate && len(r.Stages) == 1
				}},
			{url.Values{"action": {"service_request"}, "service_area": {"Highways"}}, heed.KindComplaint, heed.FormOnBehalf,
				func(r *heed.Record) bool { return r.Type == heed.TypeServiceRequest }},
			{url.Values{"action": {"compliment"}, "service_area": {"Highways"}}, heed.KindCompliment, heed.FormOver12,
				func(r *heed.Record) bool {
					return r.Type == heed.TypeCompliment && r.YoungPerson && r.Advocacy == heed.AdvocacyOffered
				}},
			{url.Values{"action": {"comment"}, "service_area": {"Highways"}}, heed.KindComment, heed.FormAdult,
				func(r *heed.Record) bool { return r.Type == heed.TypeComment }},
			{url.Values{"action": {"redirect"}, "service_area": {"Children's Social Care"}, "redirected_to": {"safeguarding"}}, heed.KindComplaint, heed.FormUnder12,
				func(r *heed.Record) bool {
					return r.Type == heed.TypeRedirected && r.RedirectedTo == heed.RedirectedSafeguarding
				}},
			{url.Values{"action": {"refuse"}, "service_area": {"Highways"}, "refusal_reason": {"out_of_time"}}, heed.KindComplaint, heed.FormAdult,
				func(r *heed.Record) bool { return r.Refused() && r.Closed == d("2015-03-20") }},
		}
		for i, tt := range tests {
			name := fmt.Sprintf("%d-%s", i, tt.form.Get("action"))
			sub := sendSubmission(t, app.Store, name, tt.kind, tt.from, "2015-03-10")
			page := officer.get(fmt.Sprintf("/triage/%d", sub.ID))
			if page.Code != http.StatusOK || !strings.Contains(page.Body, sub.Reference) {
				t.Fatalf("%s: triage page %d", name, page.Code)
			}
			tt.form.Set("version", fmt.Sprint(sub.Version))
			res := officer.post(fmt.Sprintf("/triage/%d", sub.ID), tt.form)
			if res.Code != http.StatusSeeOther || res.Location != "/cases/"+sub.Reference+"?done=recorded" {
				t.Fatalf("%s: %d %s\n%s", name, res.Code, res.Location, res.Body)
			}
			rec, err := app.Store.FindRecordByReference(ctx, sub.Reference)
			if err != nil {
				t.Fatal(err)
			}
			// The clock starts on the day received, not the day triaged.
			if rec.Received != d("2015-03-10") || rec.Channel != heed.ChannelWeb || !tt.check(rec) {
				t.Fatalf("%s: record %+v", name, rec)
			}
			if s1 := rec.Stage(1); tt.form.Get("action") == "complaint" && (s1 == nil || s1.Started != d("2015-03-10")) {
				t.Fatalf("%s: Stage 1 %+v", name, s1)
			}
			file, _ := app.Store.CaseFile(ctx, rec.ID)
			if len(file.Documents) != 1 || file.Documents[0].Name != "letter.txt" || file.Documents[0].By != "officer" {
				t.Fatalf("%s: documents %+v", name, file.Documents)
			}
			hist, _ := app.Store.RecordHistory(ctx, rec.ID)
			if len(hist) == 0 || hist[0].Action != heed.AuditCreated || hist[0].Actor != "officer" {
				t.Fatalf("%s: history %+v", name, hist)
			}
			// The same form sent again (a second officer, or the back
			// button) makes nothing more.
			again := officer.post(fmt.Sprintf("/triage/%d", sub.ID), tt.form)
			if again.Code != http.StatusOK || !strings.Contains(again.Body, "Triaged by officer") {
				t.Fatalf("%s: again %d", name, again.Code)
			}
			if file, _ := app.Store.CaseFile(ctx, rec.ID); len(file.Documents) != 1 {
				t.Fatalf("%s: documents doubled", name)
			}
		}
		if q, _ := app.Store.Submissions(ctx, heed.SubmissionReceived, 0); len(q) != 0 {
			t.Fatalf("left in the queue: %d", len(q))
		}

		// Errors: nothing chosen, an area not on the list, a stale version.
		sub := sendSubmission(t, app.Store, "errors", heed.KindComplaint, heed.FormAdult, "2015-03-12")
		res := officer.post(fmt.Sprintf("/triage/%d", sub.ID), url.Values{"version": {fmt.Sprint(sub.Version)}})
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "Select what to do with it") || !strings.Contains(res.Body, "Select the service area") {
			t.Fatalf("nothing chosen: %d", res.Code)
		}
		res = officer.post(fmt.Sprintf("/triage/%d", sub.ID), url.Values{"version": {fmt.Sprint(sub.Version)}, "action": {"complaint"},
			"service_area": {"Nowhere"}, "procedure": {"corporate"}})
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "Select a service area from the list") {
			t.Fatalf("unknown area: %d", res.Code)
		}
		res = officer.post(fmt.Sprintf("/triage/%d", sub.ID), url.Values{"version": {fmt.Sprint(sub.Version - 1)}, "action": {"comment"},
			"service_area": {"Highways"}})
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, "changed while you were reading it") {
			t.Fatalf("stale: %d", res.Code)
		}
		if _, err := app.Store.FindRecordByReference(ctx, sub.Reference); heed.ErrorCode(err) != heed.ENOTFOUND {
			t.Fatalf("a case was made from a refused triage: %v", err)
		}
		// A triage stopped after making the case (the server stopped) is
		// finished by the next try: the case is found, not made twice, and
		// takes its file once.
		half := sendSubmission(t, app.Store, "half", heed.KindComment, heed.FormAdult, "2015-03-13")
		made := half.Record(heed.Triage{Action: heed.TriageComment, ServiceArea: "Highways"}, d("2015-03-20"))
		if err := app.Store.CreateRecord(ctx, heed.Actor{Name: "officer"}, made); err != nil {
			t.Fatal(err)
		}
		res = officer.post(fmt.Sprintf("/triage/%d", half.ID), url.Values{"version": {fmt.Sprint(half.Version)}, "action": {"comment"},
			"service_area": {"Highways"}})
		if res.Code != http.StatusSeeOther {
			t.Fatalf("finishing a triage: %d %s", res.Code, res.Body)
		}
		if file, _ := app.Store.CaseFile(ctx, made.ID); len(file.Documents) != 1 {
			t.Fatalf("finishing a triage: %d documents", len(file.Documents))
		}
		if got, _ := app.Store.Submission(ctx, half.ID); got.Status != heed.SubmissionTriaged || got.RecordReference != made.Reference {
			t.Fatalf("finishing a triage: %+v", got)
		}

		// The queue lists it; a viewer may not see it.
		if q := officer.get("/triage"); !strings.Contains(q.Body, sub.Reference) {
			t.Fatal("the queue does not list it")
		}
		viewer := app.client(t)
		viewer.signIn("viewer")
		if res := viewer.get("/triage"); res.Code != http.StatusForbidden {
			t.Fatalf("viewer: %d", res.Code)
		}
		if res := viewer.get(fmt.Sprintf("/triage/%d/files/%d", sub.ID, sub.Attachments[0].ID)); res.Code != http.StatusForbidden {
			t.Fatalf("viewer file: %d", res.Code)
		}
		if res := officer.get(fmt.Sprintf("/triage/%d/files/%d", sub.ID, sub.Attachments[0].ID)); res.Code != http.StatusOK || res.Body != "a letter errors" {
			t.Fatalf("officer file: %d", res.Code)
		}
	}
}
