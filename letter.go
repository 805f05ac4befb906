package heed

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed/calendar"
)

// Response letters: from a case an officer makes the acknowledgement and
// the Stage 1, 2 and 3 response letters, from templates administrators
// edit (see lettertemplate.go). A template is Go text/template text over
// LetterFields, a fixed, documented set of the case's facts. Package
// letters lays the text out as a PDF and a Word document.

// LetterKind is which letter: the acknowledgement or a stage's response.
type LetterKind string

// The letter kinds.
const (
	LetterAcknowledgement LetterKind = "acknowledgement"
	LetterStage1          LetterKind = "stage1"
	LetterStage2          LetterKind = "stage2"
	LetterStage3          LetterKind = "stage3"
)

// LetterKinds lists the kinds in the order pages show them.
var LetterKinds = []LetterKind{LetterAcknowledgement, LetterStage1, LetterStage2, LetterStage3}

// Label is the kind in plain English.
func (k LetterKind) Label() string {
	switch k {
	case LetterAcknowledgement:
		return "Acknowledgement"
	case LetterStage1:
		return "Stage 1 response"
	case LetterStage2:
		return "Stage 2 response"
	case LetterStage3:
		return "Stage 3 response"
	}
	return string(k)
}

// Stage is the stage a response letter answers; 0 for the acknowledgement,
// which acknowledges the case's latest stage.
func (k LetterKind) Stage() int {
	n, _ := strconv.Atoi(strings.TrimPrefix(string(k), "stage"))
	return n
}

// LetterAudience is who the letter's words are written for.
type LetterAudience string

// The audiences: the standard letter, and a young person's version in
// plain language.
const (
	AudienceStandard    LetterAudience = "standard"
	AudienceYoungPerson LetterAudience = "young_person"
)

// LetterAudiences lists the audiences.
var LetterAudiences = []LetterAudience{AudienceStandard, AudienceYoungPerson}

// Label is the audience in plain English.
func (a LetterAudience) Label() string {
	switch a {
	case AudienceStandard:
		return "Standard"
	case AudienceYoungPerson:
		return "Young person's version"
	}
	return string(a)
}

// AudienceFor is the version a case's letters take unless the officer
// chooses otherwise: the young person's when the complainant is a child or
// young person (or a care leaver), the standard one otherwise. A complaint
// made on a child's behalf by an adult gets the standard letter, as the
// adult reads it.
func AudienceFor(rec *Record) LetterAudience {
	if rec.ComplainantType == ComplainantChild || rec.ComplainantType == ComplainantCareLeaver {
		return AudienceYoungPerson
	}
	return AudienceStandard
}

// EscalationWorkingDays is how long a complainant has, from a stage's
// response, to ask for the next stage: 20 working days, the period the
// children's regulations set for Stage 2 and Stage 3, applied to every
// procedure.
const EscalationWorkingDays = 20

// Ombudsman is an ombudsman's public contact facts, as letters print them.
type Ombudsman struct {
	Name    string
	Address string // lines separated by newlines
	Phone   string
	Website string
}

// OmbudsmanFor is the ombudsman a complainant goes to after the council's
// procedure: the Housing Ombudsman for housing complaints, the Local
// Government and Social Care Ombudsman for everything else.
func OmbudsmanFor(p ProcedureID) Ombudsman {
	if p == Housing {
		return Ombudsman{Name: "Housing Ombudsman Service", Address: "PO Box 1484\nUnit D\nPreston\nPR2 0ET",
			Phone: "0300 111 3000", Website: "www.housing-ombudsman.org.uk"}
	}
	return Ombudsman{Name: "Local Government and Social Care Ombudsman", Address: "PO Box 4771\nCoventry\nCV4 0EH",
		Phone: "0300 061 0614", Website: "www.lgo.org.uk"}
}

// LetterElement is one element of the complaint as a letter gives it.
type LetterElement struct {
	Number  int
	Summary string
	Finding string // "Upheld", "Not upheld", "Not decided yet"
}

// LetterFields are the facts a letter's template may use, each written as
// a letter prints it: dates as "5 January 2026", "" when not known. The
// editor's page lists them; LetterFieldDocs documents each.
type LetterFields struct {
	Council     string
	Date        string // the letter's date
	Reference   string
	Complainant string // the complainant's name as they gave it
	Address     string // the address typed for this letter, lines separated by newlines
	ServiceArea string
	Team        string
	Procedure   string
	Received    string
	Summary     string // the case's summary

	Stage        int    // the stage the letter is about
	Acknowledged string // the day the stage was acknowledged
	ResponseDue  string // the day the response is due, an agreed extension included
	Responded    string
	Outcome      string
	Elements     []LetterElement
	Explanation  string // what the officer wrote for this letter
	Remedy       string // what the council will do to put things right, for this letter

	NextStage  int    // the stage the complainant may ask for next; 0 when the next step is the Ombudsman
	EscalateBy string // the last day to ask for NextStage
	Ombudsman  Ombudsman

	Officer     string // who made the letter, by full name
	YoungPerson bool   // the young person's version
}

// LetterFieldDoc documents one field of LetterFields for the editor.
type LetterFieldDoc struct {
	Name, Meaning string
}

// LetterFieldDocs documents every field a template may use.
var LetterFieldDocs = []LetterFieldDoc{
	{".Council", "The council's name"},
	{".Date", "The letter's date, such as 5 January 2026"},
	{".Reference", "The case's reference"},
	{".Complainant", "The complainant's name as they gave it"},
	{".Address", "The address typed when the letter is made (may be empty)"},
	{".ServiceArea", "The service area"},
	{".Team", "The team (may be empty)"},
	{".Procedure", "The complaints procedure, such as Corporate"},
	{".Received", "The date the complaint was received"},
	{".Summary", "The case's summary"},
	{".Stage", "The stage the letter is about: 1, 2 or 3"},
	{".Acknowledged", "The date the stage was acknowledged (may be empty)"},
	{".ResponseDue", "The date the response is due, an agreed extension included"},
	{".Responded", "The date of the response (may be empty)"},
	{".Outcome", "The stage's outcome, such as Partially upheld (may be empty)"},
	{".Elements", "The elements of the complaint: use {{range .Elements}} … {{end}} with .Number, .Summary and .Finding inside"},
	{".Explanation", "What the officer writes when making the letter (may be empty)"},
	{".Remedy", "What the council will do to put things right, written when making the letter (may be empty)"},
	{".NextStage", "The stage the complainant may ask for next; 0 when the next step is the Ombudsman"},
	{".EscalateBy", "The last day to ask for the next stage (empty when there is none)"},
	{".Ombudsman", "The Ombudsman: .Ombudsman.Name, .Ombudsman.Address, .Ombudsman.Phone, .Ombudsman.Website"},
	{".Officer", "The full name of the officer making the letter"},
	{".YoungPerson", "Whether this is the young person's version: {{if .YoungPerson}} … {{end}}"},
}

// LetterCase says what an officer asked for in making a letter.
type LetterCase struct {
	Kind        LetterKind
	Audience    LetterAudience
	Date        calendar.Date // the letter's date
	Address     string
	Explanation string
	Remedy      string
	Council     string
	Officer     string // full name
}

// The limits of what an officer types for a letter.
const (
	MaxLetterAddress = 500
	MaxLetterText    = 10000
)

// Check returns what is wrong with the request, by field.
func (c *LetterCase) Check() FieldErrors {
	var errs FieldErrors
	if !validKind(c.Kind) {
		errs = append(errs, FieldError{Field: "kind", Message: "Select which letter to make"})
	}
	if c.Audience != AudienceStandard && c.Audience != AudienceYoungPerson {
		errs = append(errs, FieldError{Field: "audience", Message: "Select which version of the letter to make"})
	}
	for _, f := range []struct {
		field, label, text string
		max                int
	}{{"address", "The address", c.Address, MaxLetterAddress}, {"explanation", "What the letter explains", c.Explanation, MaxLetterText},
		{"remedy", "The remedy", c.Remedy, MaxLetterText}} {
		if msg := textProblem(kindLong, f.text); msg != "" {
			errs = append(errs, FieldError{Field: f.field, Message: f.label + " " + msg})
		} else if len([]rune(f.text)) > f.max {
			errs = append(errs, FieldError{Field: f.field, Message: fmt.Sprintf("%s must be %d characters or fewer", f.label, f.max)})
		}
	}
	return errs
}

func validKind(k LetterKind) bool {
	for _, v := range LetterKinds {
		if v == k {
			return true
		}
	}
	return false
}

// LetterStage is the stage a letter of kind k is about on rec: the latest
// for the acknowledgement, stage N for a Stage N response; nil, with the
// reason in words, when the case has none that fits.
func LetterStage(rec *Record, k LetterKind) (*Stage, string) {
	if rec.Type != TypeComplaint {
		return nil, "Letters are made for complaints only."
	}
	if k == LetterAcknowledgement {
		if len(rec.Stages) == 0 {
			return nil, "This complaint has no stage to acknowledge."
		}
		return &rec.Stages[len(rec.Stages)-1], ""
	}
	s := rec.Stage(k.Stage())
	if s == nil {
		return nil, fmt.Sprintf("This complaint has no Stage %d to answer.", k.Stage())
	}
	return s, ""
}

// NewLetterFields returns the facts of rec a letter of this request
// prints. stages is how many stages the case's procedure has; cal counts
// the working days to the escalation date.
func NewLetterFields(cal *calendar.Calendar, rec *Record, stages int, c *LetterCase) (*LetterFields, error) {
	s, why := LetterStage(rec, c.Kind)
	if s == nil {
		return nil, Errorf(EINVALID, "%s", why)
	}
	f := &LetterFields{Council: c.Council, Date: c.Date.Long(), Reference: rec.Reference, Complainant: rec.ComplainantName,
		Address: strings.TrimSpace(strings.ReplaceAll(c.Address, "\r\n", "\n")), ServiceArea: rec.ServiceArea, Team: rec.Team,
		Procedure: rec.Procedure.Label(), Received: rec.Received.Long(), Summary: rec.Summary, Stage: s.Number,
		Acknowledged: s.Acknowledged.Long(), Responded: s.Responded.Long(), Explanation: strings.TrimSpace(c.Explanation),
		Remedy: strings.TrimSpace(c.Remedy), Ombudsman: OmbudsmanFor(rec.Procedure), Officer: c.Officer,
		YoungPerson: c.Audience == AudienceYoungPerson}
	due := s.Deadline
	if s.ExtendedTo.After(due) {
		due = s.ExtendedTo
	}
	f.ResponseDue = due.Long()
	if s.Outcome != "" {
		f.Outcome = s.Outcome.Label()
	}
	for i, e := range s.Elements {
		f.Elements = append(f.Elements, LetterElement{Number: i + 1, Summary: e.Summary, Finding: e.Finding.Label()})
	}
	if s.Number < stages {
		f.NextStage = s.Number + 1
		// From the response, or from the letter when it is made later:
		// a letter made late never gives the complainant less time.
		from := s.Responded
		if from.IsZero() || c.Date.After(from) {
			from = c.Date
		}
		if !from.IsZero() {
			f.EscalateBy = cal.AddWorkingDays(from, EscalationWorkingDays).Long()
		}
	}
	return f, nil
}

// SampleLetterFields are a made-up case's facts, for previewing a template
// and checking that it runs: every list has entries and every text a value.
func SampleLetterFields(k LetterKind, a LetterAudience, p ProcedureID) *LetterFields {
	stage := max(k.Stage(), 1)
	f := &LetterFields{Council: "Example Council", Date: "4 December 2026", Reference: "CMP-2026-00042",
		Complainant: "Sam Example", Address: "1 Sample Street\nExampletown\nEX1 2MP", ServiceArea: "Children's Services",
		Team: "Fostering", Procedure: p.Label(), Received: "2 November 2026", Summary: "Late visits and a lost form.",
		Stage: stage, Acknowledged: "4 November 2026", ResponseDue: "18 November 2026",
		Explanation: "We spoke to the team and read the records of every visit.",
		Remedy:      "We apologise, and the team will visit every two weeks from January.",
		Ombudsman:   OmbudsmanFor(p), Officer: "Jo Officer", YoungPerson: a == AudienceYoungPerson}
	if k != LetterAcknowledgement {
		f.Responded, f.Outcome = "17 November 2026", OutcomePartiallyUpheld.Label()
		f.Elements = []LetterElement{{1, "Visits were late", FindingUpheld.Label()}, {2, "A form was lost", FindingNotUpheld.Label()}}
		if stage < 3 {
			f.NextStage, f.EscalateBy = stage+1, "15 December 2026"
		}
	}
	return f
}

// LetterTemplate is the text a kind of letter is made from, for one
// audience. Version 0 is the default text, never saved.
type LetterTemplate struct {
	Kind     LetterKind
	Audience LetterAudience
	Body     string

	Version   int
	UpdatedBy string
	UpdatedAt time.Time
}

// Letter is a letter made: its files, kept as documents of the case, and
// the correspondence that records it as sent.
type Letter struct {
	RecordID int64
	Files    []LetterFile
	// Correspondence is recorded with its DocumentID set to the first
	// file's.
	Correspondence Correspondence
}

// LetterFile is one rendering of a letter.
type LetterFile struct {
	Document Document
	Content  []byte
}

// LetterService keeps letter templates and the letters made.
type LetterService interface {
	// LetterTemplate returns the saved template of the kind and audience,
	// with Body "" and Version 0 when none was saved.
	LetterTemplate(ctx context.Context, k LetterKind, a LetterAudience) (*LetterTemplate, error)
	// LetterTemplates returns every saved template.
	LetterTemplates(ctx context.Context) ([]LetterTemplate, error)
	// SaveLetterTemplate checks and saves a template whose Version must be
	// the one read (ECONFLICT otherwise), with a line in the audit log.
	SaveLetterTemplate(ctx context.Context, by Actor, t *LetterTemplate) error
	// AddLetter stores a letter's files as documents of the case and its
	// correspondence, in one transaction, each a line of the case's
	// history.
	AddLetter(ctx context.Context, by Actor, l *Letter) error
}
