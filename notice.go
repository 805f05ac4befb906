package heed

import (
	"bytes"
	"embed"
	"fmt"
	"net/mail"
	"strings"
	"text/template"
	"time"

	"github.com/heedhq/heed/calendar"
)

// NoticeKind is what an email Heed sends is for.
type NoticeKind string

// The notices.
const (
	// NoticeAcknowledgement goes to a complainant who gave an email
	// address when their contact was recorded on the web form.
	NoticeAcknowledgement NoticeKind = "acknowledgement"
	// NoticeAllocation goes to an investigator given a stage.
	NoticeAllocation NoticeKind = "allocation"
	// NoticeReminder goes to an investigator some working days before a
	// stage's deadline.
	NoticeReminder NoticeKind = "reminder"
	// NoticeOverdue goes to the investigator and their manager the day
	// after a deadline passes without a response.
	NoticeOverdue NoticeKind = "overdue"
	// NoticeDigest gathers a day's notices for a user who chose one.
	NoticeDigest NoticeKind = "digest"
	// NoticeLearning is the weekly list of overdue learning actions.
	NoticeLearning NoticeKind = "learning"
)

// NoticeKinds lists the notices in the order pages show them.
var NoticeKinds = []NoticeKind{NoticeAcknowledgement, NoticeAllocation, NoticeReminder, NoticeOverdue, NoticeDigest, NoticeLearning}

// Label is the notice's name in plain English.
func (k NoticeKind) Label() string {
	switch k {
	case NoticeAcknowledgement:
		return "Acknowledgement"
	case NoticeAllocation:
		return "Stage allocated"
	case NoticeReminder:
		return "Deadline reminder"
	case NoticeOverdue:
		return "Overdue notice"
	case NoticeDigest:
		return "Daily digest"
	case NoticeLearning:
		return "Overdue learning actions"
	}
	return string(k)
}

// ToPublic reports whether the notice goes to a member of the public
// rather than to staff.
func (k NoticeKind) ToPublic() bool { return k == NoticeAcknowledgement }

// NoticeStatus is where a message is in its sending.
type NoticeStatus string

// The statuses.
const (
	NoticeQueued NoticeStatus = "queued" // waiting, or being tried again
	NoticeSent   NoticeStatus = "sent"
	NoticeFailed NoticeStatus = "failed" // given up after every attempt
	// NoticeHeld waits for the daily digest of a user who chose one;
	// NoticeDigested went in it.
	NoticeHeld     NoticeStatus = "held"
	NoticeDigested NoticeStatus = "digested"
)

// NoticeStatuses lists the statuses.
var NoticeStatuses = []NoticeStatus{NoticeQueued, NoticeSent, NoticeFailed, NoticeHeld, NoticeDigested}

// Label is the status in plain English.
func (s NoticeStatus) Label() string {
	switch s {
	case NoticeQueued:
		return "Waiting to send"
	case NoticeSent:
		return "Sent"
	case NoticeFailed:
		return "Failed"
	case NoticeHeld:
		return "Held for the daily digest"
	case NoticeDigested:
		return "Sent in a daily digest"
	}
	return string(s)
}

// Notice is one email in the outbox: what, to whom, about which case, and
// how its sending went.
type Notice struct {
	ID        int64
	Kind      NoticeKind
	To        string // the email address; personal data: never logged
	ToUser    string // the user it is for, when staff
	RecordID  int64  // 0 for a digest
	Reference string
	Stage     int
	Subject   string
	Body      string
	Status    NoticeStatus
	Attempts  int
	LastError string
	Round     int // how many times an officer sent it again
	Created   time.Time
	Sent      time.Time
}

// NoticeData is what a notice's template may use. It holds no name of a
// complainant or a child, so that no template, however edited, can put one
// in an email.
type NoticeData struct {
	Council      string
	Reference    string
	TypeLabel    string // "complaint"
	Procedure    string
	Received     string // "5 January 2015"
	ReplyBy      string // the date the complainant will hear by
	Stage        int
	Deadline     string
	DaysLeft     int
	Investigator string // the user's full name
	Ombudsman    string // the Ombudsman the complainant may go to, when any
	OmbudsmanWeb string
	Today        string
	Items        []string // a digest's lines
	Link         string   // the case (or Heed) in the staff application
}

//go:embed notices/*.txt
var noticeFiles embed.FS

// DefaultNoticeTemplate is the template Heed ships for kind: its first
// line is the subject, then a blank line, then the body, in Go's
// text/template language with the fields of NoticeData.
func DefaultNoticeTemplate(kind NoticeKind) string {
	b, err := noticeFiles.ReadFile("notices/" + string(kind) + ".txt")
	if err != nil {
		return ""
	}
	return string(b)
}

// RenderNotice fills a template with data and returns the subject and the
// body. Bad input gives an error an administrator understands.
func RenderNotice(text string, data NoticeData) (subject, body string, err error) {
	t, err := template.New("notice").Option("missingkey=error").Parse(text)
	if err != nil {
		return "", "", fmt.Errorf("The template cannot be read: %s", strings.TrimPrefix(err.Error(), "template: notice:"))
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", "", fmt.Errorf("The template cannot be filled in: %s", strings.TrimPrefix(err.Error(), "template: notice:"))
	}
	subject, body, _ = strings.Cut(strings.TrimLeft(b.String(), "\n"), "\n")
	subject = strings.TrimSpace(subject)
	if subject == "" {
		return "", "", fmt.Errorf("The template's first line, the subject, is empty")
	}
	if len(subject) > 200 {
		return "", "", fmt.Errorf("The subject is %d characters long: keep it under 200", len(subject))
	}
	return subject, strings.TrimSpace(body) + "\n", nil
}

// SampleNoticeData is made-up data to preview and check templates with.
func SampleNoticeData() NoticeData {
	return NoticeData{Council: "Example Council", Reference: "CMP-2026-00042", TypeLabel: "complaint", Procedure: "Corporate",
		Received: "5 January 2026", ReplyBy: "19 January 2026", Stage: 1, Deadline: "19 January 2026", DaysLeft: 3,
		Investigator: "Alex Example", Ombudsman: "Local Government and Social Care Ombudsman", OmbudsmanWeb: "https://www.lgo.org.uk",
		Today: "15 January 2026", Items: []string{"CMP-2026-00042 stage 1 is due by 19 January 2026"}, Link: "https://heed.example.gov.uk/cases/CMP-2026-00042"}
}

// CheckNoticeTemplate returns what is wrong with an administrator's
// template, or "".
func CheckNoticeTemplate(text string) string {
	if strings.TrimSpace(text) == "" {
		return "Enter the template: its first line is the subject"
	}
	if len(text) > 20000 {
		return "The template is too long: keep it under 20,000 characters"
	}
	if _, _, err := RenderNotice(text, SampleNoticeData()); err != nil {
		return err.Error()
	}
	return ""
}

// AcknowledgementData is the acknowledgement's data for a record just
// saved (its clocks applied): its reference, when it was received, the
// first stage's deadline as the date the complainant will hear by, and,
// for a complaint, the Ombudsman.
func AcknowledgementData(rec *Record) NoticeData {
	d := NoticeData{Reference: rec.Reference, TypeLabel: strings.ToLower(rec.Type.Label()), Procedure: rec.Procedure.Label(),
		Received: rec.Received.Long()}
	if s := rec.Stage(1); s != nil && !s.Deadline.IsZero() {
		d.ReplyBy = s.Deadline.Long()
	}
	if rec.Type == TypeComplaint {
		o := OmbudsmanFor(rec.Procedure)
		d.Ombudsman, d.OmbudsmanWeb = o.Name, "https://"+o.Website
	}
	return d
}

// StageData is a staff notice's data about stage n of rec.
func StageData(rec *Record, s *Stage) NoticeData {
	d := NoticeData{Reference: rec.Reference, TypeLabel: strings.ToLower(rec.Type.Label()), Procedure: rec.Procedure.Label(),
		Received: rec.Received.Long(), Stage: s.Number}
	if !s.Deadline.IsZero() {
		d.Deadline = s.Deadline.Long()
	}
	return d
}

// NewlyAllocated returns the stages of rec whose investigator was, or
// was changed, to someone other than in was (nil for a new record).
func NewlyAllocated(was, rec *Record) []*Stage {
	var out []*Stage
	for i := range rec.Stages {
		s := &rec.Stages[i]
		if s.Investigator == "" || !s.Responded.IsZero() {
			continue
		}
		if was != nil {
			if w := was.Stage(s.Number); w != nil && w.Investigator == s.Investigator {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// The audit actions of notices.
const (
	AuditNoticeResent          AuditAction = "notice_resent"
	AuditNoticeTemplateChanged AuditAction = "notice_template_changed"
)

// NoticeFilter selects messages of the outbox, newest first.
type NoticeFilter struct {
	Status   NoticeStatus
	Kind     NoticeKind
	From, To calendar.Date // the day it was queued, Europe/London
	RecordID int64
	Offset   int
	Limit    int
}

// CheckEmail returns what is wrong with an email address typed in, or "".
func CheckEmail(s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return "Enter an email address in the correct format, like name@example.com"
	}
	if len(s) > 254 {
		return "The email address is too long"
	}
	return ""
}
