package heed_test

import (
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

func TestSubmissionCheck(t *testing.T) {
	ok := func() heed.Submission {
		return heed.Submission{Kind: heed.KindComplaint, Form: heed.FormAdult, Name: "Ada Testperson", Summary: "Late bin"}
	}
	tests := []struct {
		name   string
		change func(*heed.Submission)
		fields []string
	}{
		{"complete", func(*heed.Submission) {}, nil},
		{"nothing", func(s *heed.Submission) { *s = heed.Submission{} }, []string{"kind", "form", "name", "summary"}},
		{"bad email", func(s *heed.Submission) { s.Email = "ada at example" }, []string{"email"}},
		{"email with a name", func(s *heed.Submission) { s.Email = "Ada <ada@example.com>" }, []string{"email"}},
		{"good email", func(s *heed.Submission) { s.Email = " ada@example.com " }, nil},
		{"bad phone", func(s *heed.Submission) { s.Phone = "call me" }, []string{"phone"}},
		{"control character", func(s *heed.Submission) { s.Summary = "a\x00b" }, []string{"summary"}},
		{"on behalf, no one named", func(s *heed.Submission) { s.Form = heed.FormOnBehalf },
			[]string{"on_behalf_name", "on_behalf_relation", "on_behalf_why"}},
		{"on behalf, complete", func(s *heed.Submission) {
			s.Form, s.OnBehalfName, s.OnBehalfRelation, s.OnBehalfWhy = heed.FormOnBehalf, "Bo", "my son", "I am his parent"
		}, nil},
		{"young, no advocate answer", func(s *heed.Submission) { s.Form = heed.FormUnder12 }, []string{"advocate"}},
		{"young, advocate answered", func(s *heed.Submission) { s.Form, s.Advocate = heed.FormOver12, heed.AdvocateYes }, nil},
		{"too many files", func(s *heed.Submission) { s.Attachments = make([]heed.Attachment, heed.MaxAttachments+1) }, []string{"attachment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok()
			tt.change(&s)
			errs := s.Check()
			var got []string
			for _, e := range errs {
				got = append(got, e.Field)
			}
			if len(got) != len(tt.fields) {
				t.Fatalf("fields %v, want %v (%v)", got, tt.fields, errs)
			}
			for i := range got {
				if got[i] != tt.fields[i] {
					t.Fatalf("fields %v, want %v", got, tt.fields)
				}
			}
		})
	}
}

// TestSubmissionSummaryMessage: the message for a missing summary speaks
// of the complainant as its form's label does: "your" complaint, or
// "their" when the sender acts for someone.
func TestSubmissionSummaryMessage(t *testing.T) {
	for _, tt := range []struct {
		kind heed.SubmissionKind
		form heed.SubmissionForm
		want string
	}{
		{heed.KindComplaint, heed.FormAdult, "Enter what your complaint is about"},
		{heed.KindComplaint, heed.FormOnBehalf, "Enter what their complaint is about"},
		{heed.KindCompliment, heed.FormOnBehalf, "Enter their compliment"},
		{heed.KindComment, heed.FormAdult, "Enter your comment"},
		{heed.KindComplaint, heed.FormUnder12, "Tell us what you want to say"},
	} {
		s := heed.Submission{Kind: tt.kind, Form: tt.form, Name: "Ada Testperson"}
		var got string
		for _, e := range s.Check() {
			if e.Field == "summary" {
				got = e.Message
			}
		}
		if got != tt.want {
			t.Errorf("%s, %s: %q, want %q", tt.kind, tt.form, got, tt.want)
		}
	}
}

func TestSubmissionRecord(t *testing.T) {
	received := calendar.NewDate(2026, time.May, 1)
	today := calendar.NewDate(2026, time.May, 20)
	s := &heed.Submission{Reference: "WEB-2026-00001", Kind: heed.KindComplaint, Form: heed.FormUnder12, Name: "Cy Testperson",
		Summary: "Nobody listened", Advocate: heed.AdvocateYes, Received: received}
	tests := []struct {
		triage heed.Triage
		check  func(*heed.Record) bool
	}{
		{heed.Triage{Action: heed.TriageComplaint, ServiceArea: "Children", Procedure: heed.ChildrenStatutory},
			func(r *heed.Record) bool {
				return r.Type == heed.TypeComplaint && r.Procedure == heed.ChildrenStatutory
			}},
		{heed.Triage{Action: heed.TriageServiceRequest, ServiceArea: "Waste"},
			func(r *heed.Record) bool { return r.Type == heed.TypeServiceRequest }},
		{heed.Triage{Action: heed.TriageRedirect, ServiceArea: "Education", RedirectedTo: heed.RedirectedSchool},
			func(r *heed.Record) bool {
				return r.Type == heed.TypeRedirected && r.RedirectedTo == heed.RedirectedSchool
			}},
		{heed.Triage{Action: heed.TriageRefuse, ServiceArea: "Waste", RefusalReason: heed.RefusedOutOfTime},
			func(r *heed.Record) bool { return r.Refused() && r.Closed == today }},
	}
	for _, tt := range tests {
		t.Run(string(tt.triage.Action), func(t *testing.T) {
			if errs := tt.triage.Check([]heed.ProcedureID{heed.ChildrenStatutory}); len(errs) > 0 {
				t.Fatal(errs)
			}
			r := s.Record(tt.triage, today)
			if r.Received != received || r.Reference != s.Reference || r.Channel != heed.ChannelWeb ||
				!r.YoungPerson || r.Advocacy != heed.AdvocacyOffered || !tt.check(r) {
				t.Fatalf("record %+v", r)
			}
		})
	}
	if errs := (&heed.Triage{Action: heed.TriageRefuse}).Check(nil); len(errs) != 2 {
		t.Fatalf("a refusal with no area or reason: %v", errs)
	}
}

func TestHearBy(t *testing.T) {
	cal := calendar.EnglandAndWales()
	rules := heed.DefaultRules()
	// Received on Friday 18 December 2026: ten working days, with Christmas
	// and Boxing Day (moved to Monday 28th) and New Year's Day off.
	received := calendar.NewDate(2026, time.December, 18)
	got, ok := rules.HearBy(cal, &heed.Submission{Kind: heed.KindComplaint, Received: received})
	if want := calendar.NewDate(2027, time.January, 6); !ok || got != want {
		t.Fatalf("complaint: %v %v, want %v", got, ok, want)
	}
	if _, ok := rules.HearBy(cal, &heed.Submission{Kind: heed.KindCompliment, Received: received}); ok {
		t.Fatal("a compliment has a reply date")
	}
	if _, ok := rules.HearBy(cal, &heed.Submission{Kind: heed.KindComment, Received: received}); !ok {
		t.Fatal("a comment has no reply date")
	}
}

func TestDecisionText(t *testing.T) {
	s := &heed.Submission{Status: heed.SubmissionReceived}
	if s.DecisionText() != "" {
		t.Fatal("a decision before triage")
	}
	for _, a := range heed.TriageActions {
		s := &heed.Submission{Status: heed.SubmissionTriaged, Decision: a, RefusalReason: heed.RefusedLegalProceedings}
		if s.DecisionText() == "" {
			t.Errorf("%s: no words for the sender", a)
		}
	}
	s = &heed.Submission{Status: heed.SubmissionTriaged, Decision: heed.TriageRefuse, RefusalReason: heed.RefusedOutOfTime}
	if got := s.DecisionText(); !strings.Contains(got, "made too late") || !strings.Contains(got, "Ombudsman") {
		t.Errorf("refusal: %q", got)
	}
}
