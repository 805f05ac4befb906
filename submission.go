package heed

import (
	"context"
	"fmt"
	"io"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/heedhq/heed/calendar"
)

// A submission is what a member of the public sends through the public
// forms: a complaint, a compliment or a comment. It is not yet a case: it
// waits in the triage queue until an officer decides what it is, and that
// decision makes the case, received on the day the submission was.

// SubmissionKind is what the sender says they are sending.
type SubmissionKind string

// The kinds of submission.
const (
	KindComplaint  SubmissionKind = "complaint"
	KindCompliment SubmissionKind = "compliment"
	KindComment    SubmissionKind = "comment"
)

// SubmissionKinds lists the kinds.
var SubmissionKinds = []SubmissionKind{KindComplaint, KindCompliment, KindComment}

// Label is the kind in plain English.
func (k SubmissionKind) Label() string {
	switch k {
	case KindComplaint:
		return "Complaint"
	case KindCompliment:
		return "Compliment"
	case KindComment:
		return "Comment"
	}
	return string(k)
}

// RecordType is the type of record the kind becomes when accepted as sent.
func (k SubmissionKind) RecordType() RecordType {
	switch k {
	case KindCompliment:
		return TypeCompliment
	case KindComment:
		return TypeComment
	}
	return TypeComplaint
}

// SubmissionForm is which version of the form was filled in.
type SubmissionForm string

// The versions of the public forms.
const (
	FormAdult    SubmissionForm = "adult"       // an adult, about themselves
	FormUnder12  SubmissionForm = "under-12"    // a child under 12, in plain language
	FormOver12   SubmissionForm = "12-and-over" // a young person of 12 to 17, in plain language
	FormOnBehalf SubmissionForm = "on-behalf"   // someone acting for another person
)

// SubmissionForms lists the versions.
var SubmissionForms = []SubmissionForm{FormAdult, FormUnder12, FormOver12, FormOnBehalf}

// Young reports whether the form is a young person's: plain language, and
// an advocate offered.
func (f SubmissionForm) Young() bool { return f == FormUnder12 || f == FormOver12 }

// Label says who filled the form in.
func (f SubmissionForm) Label() string {
	switch f {
	case FormAdult:
		return "An adult, for themselves"
	case FormUnder12:
		return "A child under 12"
	case FormOver12:
		return "A young person aged 12 or over"
	case FormOnBehalf:
		return "Someone acting for another person"
	}
	return string(f)
}

// SubmissionStatus is where a submission is in its life.
type SubmissionStatus string

// The statuses. A draft is kept while its sender checks their answers; it
// is received once they send it, and gets its reference then.
const (
	SubmissionDraft    SubmissionStatus = "draft"
	SubmissionReceived SubmissionStatus = "received"
	SubmissionTriaged  SubmissionStatus = "triaged"
)

// The answers to "would you like an advocate?".
const (
	AdvocateYes    = "yes"
	AdvocateNo     = "no"
	AdvocateUnsure = "not_sure"
)

// Attachment is a file sent with a submission; accepted, it becomes a
// document of the case.
type Attachment struct {
	ID     int64
	Name   string
	Type   string // the media type its content shows (see doctype)
	Size   int64
	SHA256 string
}

// DraftLifetime is how long a draft never sent is kept: after it, what it
// holds (personal data the sender chose not to send) is deleted.
const DraftLifetime = 7 * 24 * time.Hour

// MaxAttachments is the most files one submission may carry.
const MaxAttachments = 3

// Submission is one complaint, compliment or comment sent by the public.
type Submission struct {
	ID        int64
	Token     string // the secret that lets its sender check, send and see it; never shown to officers
	Reference string // given when it is sent, such as WEB-2026-00042
	Kind      SubmissionKind
	Form      SubmissionForm
	Status    SubmissionStatus

	Name    string // personal data: never logged
	Email   string // personal data: never logged
	Phone   string // personal data: never logged
	Service string // which service it is about, in the sender's words
	Summary string // free text: never logged
	Outcome string // what would put it right, for a complaint

	// For a form filled in for someone else.
	OnBehalfName     string
	OnBehalfRelation string // who they are to the sender
	OnBehalfWhy      string // why the sender may act for them

	// Advocate is a young person's answer to the offer of an advocate.
	Advocate string

	Attachments []Attachment

	Received    calendar.Date // the day it was sent, in Europe/London
	SubmittedAt time.Time

	// Set by triage.
	Decision        TriageAction
	RefusalReason   RefusalReason // when refused
	RecordReference string
	TriagedAt       time.Time
	TriagedBy       string

	Version   int
	CreatedAt time.Time
}

// Check returns what is wrong with the answers, by field, in the words of
// the form's version: plain language on a young person's.
func (s *Submission) Check() FieldErrors {
	var errs FieldErrors
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	young := s.Form.Young()
	if !slices.Contains(SubmissionKinds, s.Kind) {
		add("kind", "Select whether it is a complaint, a compliment or a comment")
	}
	if !slices.Contains(SubmissionForms, s.Form) {
		add("form", "Select who is filling in this form")
	}
	s.Name, s.Email, s.Phone = strings.TrimSpace(s.Name), strings.TrimSpace(s.Email), strings.TrimSpace(s.Phone)
	s.Service, s.Summary, s.Outcome = strings.TrimSpace(s.Service), strings.TrimSpace(s.Summary), strings.TrimSpace(s.Outcome)
	s.OnBehalfName, s.OnBehalfRelation = strings.TrimSpace(s.OnBehalfName), strings.TrimSpace(s.OnBehalfRelation)
	s.OnBehalfWhy = strings.TrimSpace(s.OnBehalfWhy)

	switch {
	case s.Name == "" && young:
		add("name", "Tell us your name")
	case s.Name == "":
		add("name", "Enter your full name")
	default:
		if msg := textProblem(kindPerson, s.Name); msg != "" {
			add("name", "Your name "+msg)
		}
	}
	if s.Email != "" {
		if a, err := mail.ParseAddress(s.Email); err != nil || a.Address != s.Email || !strings.Contains(s.Email, ".") || len(s.Email) > 254 {
			add("email", "Enter an email address in the correct format, like name@example.com")
		}
	}
	if s.Phone != "" && !validPhone(s.Phone) {
		add("phone", "Enter a telephone number, like 01632 960 001 or 07700 900 982")
	}
	if msg := textProblem(kindShort, s.Service); s.Service != "" && msg != "" {
		add("service", "The service "+msg)
	}
	switch {
	case s.Summary == "" && young:
		add("summary", "Tell us what you want to say")
	case s.Summary == "" && s.Form == FormOnBehalf:
		add("summary", "Enter "+map[SubmissionKind]string{KindComplaint: "what their complaint is about",
			KindCompliment: "their compliment", KindComment: "their comment"}[s.Kind])
	case s.Summary == "":
		add("summary", "Enter "+map[SubmissionKind]string{KindComplaint: "what your complaint is about",
			KindCompliment: "your compliment", KindComment: "your comment"}[s.Kind])
	default:
		if msg := textProblem(kindLong, s.Summary); msg != "" {
			add("summary", "What you wrote "+msg)
		}
	}
	if msg := textProblem(kindLong, s.Outcome); s.Outcome != "" && msg != "" {
		add("outcome", "What would put it right "+msg)
	}
	if s.Form == FormOnBehalf {
		switch {
		case s.OnBehalfName == "":
			add("on_behalf_name", "Enter the name of the person you are acting for")
		default:
			if msg := textProblem(kindPerson, s.OnBehalfName); msg != "" {
				add("on_behalf_name", "Their name "+msg)
			}
		}
		if s.OnBehalfRelation == "" {
			add("on_behalf_relation", "Enter who they are to you, like my son or my client")
		} else if msg := textProblem(kindShort, s.OnBehalfRelation); msg != "" {
			add("on_behalf_relation", "Who they are to you "+msg)
		}
		if s.OnBehalfWhy == "" {
			add("on_behalf_why", "Enter why you may act for them, like they asked me to or I have parental responsibility")
		} else if msg := textProblem(kindShort, s.OnBehalfWhy); msg != "" {
			add("on_behalf_why", "Why you may act for them "+msg)
		}
	}
	if young && !slices.Contains([]string{AdvocateYes, AdvocateNo, AdvocateUnsure}, s.Advocate) {
		add("advocate", "Tell us if you would like an advocate to help you")
	}
	if !young && s.Advocate != "" {
		s.Advocate = ""
	}
	if len(s.Attachments) > MaxAttachments {
		add("attachment", fmt.Sprintf("Send at most %d files", MaxAttachments))
	}
	return errs
}

func validPhone(p string) bool {
	digits := 0
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '+' || r == '(' || r == ')' || r == '-':
		default:
			return false
		}
	}
	return digits >= 10 && digits <= 15
}

// TriageAction is what an officer decides a submission is.
type TriageAction string

// The triage decisions. Each makes a case, received on the day the
// submission was.
const (
	TriageComplaint      TriageAction = "complaint"
	TriageServiceRequest TriageAction = "service_request"
	TriageCompliment     TriageAction = "compliment"
	TriageComment        TriageAction = "comment"
	TriageRedirect       TriageAction = "redirect"
	TriageRefuse         TriageAction = "refuse"
)

// TriageActions lists the decisions in the order the triage page offers them.
var TriageActions = []TriageAction{TriageComplaint, TriageServiceRequest, TriageCompliment, TriageComment,
	TriageRedirect, TriageRefuse}

// Label is the decision in plain English.
func (a TriageAction) Label() string {
	switch a {
	case TriageComplaint:
		return "Accept as a complaint"
	case TriageServiceRequest:
		return "Record as a service request"
	case TriageCompliment:
		return "Record as a compliment"
	case TriageComment:
		return "Record as a comment"
	case TriageRedirect:
		return "Redirect (a school, safeguarding)"
	case TriageRefuse:
		return "Refuse under the Complaint Handling Code"
	}
	return string(a)
}

// Triage is an officer's decision on a submission.
type Triage struct {
	Action        TriageAction
	ServiceArea   string
	Procedure     ProcedureID   // for a complaint
	RedirectedTo  Redirection   // for a redirection
	RefusalReason RefusalReason // for a refusal
	Version       int           // the submission's, as the officer read it
}

// Acknowledges reports whether the decision makes a case whose sender is
// sent the acknowledgement (when they gave an email address): every one
// but a redirection or a refusal, which the sender reads on their
// confirmation page.
func (t *Triage) Acknowledges() bool {
	return t.Action != TriageRedirect && t.Action != TriageRefuse
}

// Check returns what is wrong with the decision, by field.
func (t *Triage) Check(procedures []ProcedureID) FieldErrors {
	var errs FieldErrors
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }
	t.ServiceArea = strings.TrimSpace(t.ServiceArea)
	if !slices.Contains(TriageActions, t.Action) {
		add("action", "Select what to do with it")
	}
	if t.ServiceArea == "" {
		add("service_area", "Select the service area it is about")
	} else if msg := textProblem(kindName, t.ServiceArea); msg != "" {
		add("service_area", "The service area "+msg)
	}
	if t.Action == TriageComplaint && !slices.Contains(procedures, t.Procedure) {
		add("procedure", "Select the procedure it is handled under")
	}
	if t.Action == TriageRedirect && !slices.Contains([]Redirection{RedirectedSchool, RedirectedSafeguarding, RedirectedOther}, t.RedirectedTo) {
		add("redirected_to", "Select where it is redirected to")
	}
	if t.Action == TriageRefuse && !slices.Contains(RefusalReasons, t.RefusalReason) {
		add("refusal_reason", "Select the reason it is refused")
	}
	return errs
}

// Record is the case the decision makes of the submission: received on
// the day the submission was (the clock starts then, not on the day of
// triage), with the sender's answers, and, for a refusal, Stage 1 refused
// and closed today.
func (s *Submission) Record(t Triage, today calendar.Date) *Record {
	rec := &Record{
		Reference:       s.Reference,
		Received:        s.Received,
		ServiceArea:     t.ServiceArea,
		Channel:         ChannelWeb,
		ComplainantName: s.Name,
		ComplainantType: ComplainantOther,
		Summary:         s.caseSummary(),
	}
	if s.Form.Young() {
		rec.ComplainantType, rec.YoungPerson, rec.Advocacy = ComplainantChild, true, AdvocacyOffered
	}
	switch t.Action {
	case TriageComplaint:
		rec.Type, rec.Procedure = TypeComplaint, t.Procedure
	case TriageServiceRequest:
		rec.Type = TypeServiceRequest
	case TriageCompliment:
		rec.Type = TypeCompliment
	case TriageComment:
		rec.Type = TypeComment
	case TriageRedirect:
		rec.Type, rec.RedirectedTo = TypeRedirected, t.RedirectedTo
	case TriageRefuse:
		rec.Type = TypeComplaint
		rec.Stages = []Stage{{Number: 1, Started: s.Received, Outcome: OutcomeRefused, RefusalReason: t.RefusalReason}}
		rec.Closed = today
	}
	return rec
}

// caseSummary is the case's summary: what the sender wrote, with what
// would put it right, who they act for and their answer about an advocate.
func (s *Submission) caseSummary() string {
	var b strings.Builder
	b.WriteString(s.Summary)
	if s.Outcome != "" {
		b.WriteString("\n\nWhat would put it right: " + s.Outcome)
	}
	if s.Service != "" {
		b.WriteString("\n\nService named by the sender: " + s.Service)
	}
	if s.Form == FormOnBehalf {
		fmt.Fprintf(&b, "\n\nSent on behalf of %s (%s). Why they may act for them: %s", s.OnBehalfName, s.OnBehalfRelation, s.OnBehalfWhy)
	}
	if s.Form.Young() {
		b.WriteString("\n\nAdvocate offered; answer: " + map[string]string{AdvocateYes: "yes, would like one",
			AdvocateNo: "no", AdvocateUnsure: "not sure"}[s.Advocate])
	}
	return b.String()
}

// HearBy is the date by which the sender of s will hear back: the reply
// deadline the record it would make as sent gets, counted from the day it
// was received under the default procedure. ok is false for a compliment,
// which has no clock.
func (r Rules) HearBy(cal *calendar.Calendar, s *Submission) (calendar.Date, bool) {
	rec := &Record{Type: s.Kind.RecordType(), Received: s.Received, Procedure: r.DefaultProcedure}
	st := &Stage{Number: 1, Started: s.Received}
	c, ok := r.stageClock(cal, rec, st, false)
	return c.Deadline, ok
}

// SubmissionService keeps submissions from the public and their triage.
type SubmissionService interface {
	// SaveDraft stores a new draft with its attachments' contents (one
	// reader for each of s.Attachments), or replaces the answers of the
	// draft with s.Token, keeping its attachments when s has none.
	SaveDraft(ctx context.Context, s *Submission, contents []io.Reader) error
	// DraftByToken returns the submission with the token, draft or sent.
	SubmissionByToken(ctx context.Context, token string) (*Submission, error)
	// SendSubmission makes the draft with the token received today: it
	// gets its reference, and is durably stored, before this returns.
	// Sending one already sent returns it as it is.
	SendSubmission(ctx context.Context, token string, today calendar.Date) (*Submission, error)
	// Submissions lists the submissions with the status, oldest first.
	Submissions(ctx context.Context, status SubmissionStatus, limit int) ([]*Submission, error)
	// Submission returns a sent submission by id.
	Submission(ctx context.Context, id int64) (*Submission, error)
	// AttachmentContent returns an attachment's content.
	AttachmentContent(ctx context.Context, submissionID, attachmentID int64) ([]byte, error)
	// MarkTriaged records the decision on the submission, as read at
	// t.Version: ECONFLICT when it was triaged or changed since.
	MarkTriaged(ctx context.Context, by Actor, id int64, t Triage, recordRef string) error
}

// DecisionText tells the sender, in plain words, what was decided about a
// triaged submission, or "" before triage. A refusal gives its reason and
// the route to the Ombudsman.
func (s *Submission) DecisionText() string {
	if s.Status != SubmissionTriaged {
		return ""
	}
	switch s.Decision {
	case TriageComplaint:
		return "We are looking into your complaint under the council's complaints procedure."
	case TriageServiceRequest:
		return "We have passed it to the service as a request to put things right, not as a complaint. If you are still unhappy once they have dealt with it, you can make a complaint."
	case TriageCompliment:
		return "We have passed your thanks on."
	case TriageComment:
		return "We have recorded your comment and passed it to the service."
	case TriageRedirect:
		return "It is not handled under the complaints procedure: we have passed it to the people responsible for it, such as a school's governing body or the safeguarding team."
	case TriageRefuse:
		return "We cannot take your complaint into the complaints procedure. The reason: " + strings.ToLower(s.RefusalReason.Label()[:1]) +
			s.RefusalReason.Label()[1:] + ". If you think this is wrong, you can ask the Local Government and Social Care Ombudsman to look at it."
	}
	return ""
}
