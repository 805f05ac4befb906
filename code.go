package heed

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Since April 2026 a council following an Ombudsman's Complaint Handling
// Code publishes, each year, a complaints performance and service
// improvement report: a self-assessment against the Code, the year's
// figures, the complaints it refused, any findings that it did not comply,
// the service improvements made, the Ombudsman's annual letter and the
// response of its governing body. What officers write of it is kept here,
// a year at a time; the figures come from the report model.

// CodeID names a Complaint Handling Code.
type CodeID string

// The Codes a council may report against.
const (
	// CodeLGSCO is the Local Government and Social Care Ombudsman's
	// Complaint Handling Code, which councils apply from 1 April 2026.
	CodeLGSCO CodeID = "lgsco"
	// CodeHousing is the Housing Ombudsman's Complaint Handling Code, which
	// councils that are landlords apply to their housing complaints.
	CodeHousing CodeID = "housing"
)

// CodeIDs lists the Codes.
var CodeIDs = []CodeID{CodeLGSCO, CodeHousing}

// Label is the Code's name.
func (c CodeID) Label() string {
	switch c {
	case CodeLGSCO:
		return "Local Government and Social Care Ombudsman's Complaint Handling Code"
	case CodeHousing:
		return "Housing Ombudsman's Complaint Handling Code"
	}
	return string(c)
}

// Procedures are the procedures whose complaints the Code covers.
func (c CodeID) Procedures() []ProcedureID {
	if c == CodeHousing {
		return []ProcedureID{Housing}
	}
	return []ProcedureID{Corporate}
}

// CodeRequirement is one thing the Code asks of a council, as the
// self-assessment lists it. Measure names the figure Heed computes for it
// (see report.CodeMeasures), if any.
type CodeRequirement struct {
	ID      string // stable: "1.1", "5.2"
	Section string
	Text    string
	Measure string
}

// codeSections are the self-assessment's requirements, in Heed's own words,
// grouped by the sections both Codes share.
var codeSections = []CodeRequirement{
	{"1.1", "Definition of a complaint", "We use the Code's definition of a complaint, and tell a complaint apart from a request for a service.", ""},
	{"1.2", "Definition of a complaint", "Anyone may complain for themselves or on another person's behalf, in any way they choose.", ""},
	{"2.1", "Exclusions", "We refuse a complaint only for a reason our policy sets out, tell the person why, and tell them they may go to the Ombudsman.", "refused_with_reason"},
	{"3.1", "Accessibility and awareness", "There are several easy ways to complain, our policy is published, and we make reasonable adjustments.", ""},
	{"4.1", "Complaint handling staff", "A named person or team leads on complaints, with the authority to resolve them, and staff are trained.", ""},
	{"5.1", "The complaint handling process", "We acknowledge a complaint within 5 working days and set out our understanding of it.", "acknowledged_in_time"},
	{"5.2", "The complaint handling process", "We keep a full record of each complaint and its outcome.", ""},
	{"6.1", "Stage 1", "We answer within 10 working days of the acknowledgement.", "stage1_in_time"},
	{"6.2", "Stage 1", "We extend only when it is justified, by no more than 10 further working days, and tell the person.", "stage1_extended"},
	{"6.3", "Stage 2", "A different person from the one at Stage 1 handles Stage 2.", "stage2_different_handler"},
	{"6.4", "Stage 2", "We answer Stage 2 within 20 working days of the acknowledgement.", "stage2_in_time"},
	{"7.1", "Putting things right", "Where something went wrong we put it right, and follow the remedies through.", ""},
	{"8.1", "Self-assessment, reporting and compliance", "We assess ourselves against the Code each year and publish this report with the Ombudsman's annual letter.", ""},
	{"9.1", "Scrutiny, oversight and learning", "A member of the governing body leads on complaints, scrutinises this report, and the lessons learnt change our services.", ""},
}

// CodeRequirements lists the self-assessment's requirements for a Code.
func (c CodeID) CodeRequirements() []CodeRequirement {
	out := make([]CodeRequirement, len(codeSections))
	copy(out, codeSections)
	return out
}

// Compliance is a self-assessment's answer for one requirement.
type Compliance string

// The answers.
const (
	Compliant          Compliance = "yes"
	PartiallyCompliant Compliance = "partly"
	NotCompliant       Compliance = "no"
)

// Compliances lists the answers.
var Compliances = []Compliance{Compliant, PartiallyCompliant, NotCompliant}

// Label is the answer in words.
func (c Compliance) Label() string {
	switch c {
	case Compliant:
		return "Yes"
	case PartiallyCompliant:
		return "Partly"
	case NotCompliant:
		return "No"
	}
	return "Not assessed"
}

// AssessmentEntry is the self-assessment of one requirement.
type AssessmentEntry struct {
	Requirement string // CodeRequirement.ID
	Compliant   Compliance
	Evidence    string
	Commentary  string
}

// OmbudsmanLetter holds the headline figures of the Ombudsman's annual
// letter for the year, as an officer enters them: percentages, each with
// the average for similar authorities beside it. A figure not entered is
// nil.
type OmbudsmanLetter struct {
	UpheldRate, UpheldAverage                 *float64
	ComplianceRate, ComplianceAverage         *float64
	SatisfactoryRemedy, SatisfactoryRemedyAvg *float64
}

// CodeAssessment is what officers write of one year's Code report.
type CodeAssessment struct {
	Code    CodeID
	Year    int // the financial year, by its first year: 2026 is 2026/27
	Entries []AssessmentEntry
	Letter  OmbudsmanLetter
	// NonCompliance describes any finding that the council did not comply
	// with the Code (by the Ombudsman, or its own).
	NonCompliance string
	// GoverningResponse is the response of the governing body or committee
	// that scrutinised the report.
	GoverningResponse string

	Version   int // 0 before it is first saved
	UpdatedBy string
	UpdatedAt time.Time
}

// MaxAssessmentText is the most characters of any one text of an assessment.
const MaxAssessmentText = 10000

// Entry returns the assessment of the requirement, or an empty one.
func (a *CodeAssessment) Entry(requirement string) AssessmentEntry {
	for _, e := range a.Entries {
		if e.Requirement == requirement {
			return e
		}
	}
	return AssessmentEntry{Requirement: requirement}
}

// Fields flattens the assessment for its history, as Record.Fields does a
// record: "5.1_compliant", "letter_upheld_rate", "governing_response".
func (a *CodeAssessment) Fields() map[string]string {
	f := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			f[k] = v
		}
	}
	for _, e := range a.Entries {
		set(e.Requirement+"_compliant", string(e.Compliant))
		set(e.Requirement+"_evidence", e.Evidence)
		set(e.Requirement+"_commentary", e.Commentary)
	}
	for _, p := range a.Letter.figures() {
		if *p.value != nil {
			set("letter_"+p.key, strconv.FormatFloat(**p.value, 'f', -1, 64))
		}
	}
	set("non_compliance", a.NonCompliance)
	set("governing_response", a.GoverningResponse)
	return f
}

// LetterFigure is one figure of the Ombudsman's letter, for forms.
type LetterFigure struct {
	Key   string // letter_upheld_rate
	Label string
	value **float64
}

// Value is the figure as a form shows it.
func (f LetterFigure) Value() string {
	if *f.value == nil {
		return ""
	}
	return strconv.FormatFloat(**f.value, 'f', -1, 64)
}

type letterFigure struct {
	key, label string
	value      **float64
}

func (l *OmbudsmanLetter) figures() []letterFigure {
	return []letterFigure{
		{"upheld_rate", "Complaints upheld (%)", &l.UpheldRate},
		{"upheld_average", "Upheld: average of similar authorities (%)", &l.UpheldAverage},
		{"compliance_rate", "Recommendations complied with (%)", &l.ComplianceRate},
		{"compliance_average", "Compliance: average of similar authorities (%)", &l.ComplianceAverage},
		{"satisfactory_remedy", "Satisfactory remedy provided by the council (%)", &l.SatisfactoryRemedy},
		{"satisfactory_remedy_average", "Satisfactory remedy: average of similar authorities (%)", &l.SatisfactoryRemedyAvg},
	}
}

// Figures lists the letter's figures, in the order forms and reports show
// them.
func (l *OmbudsmanLetter) Figures() []LetterFigure {
	var out []LetterFigure
	for _, f := range l.figures() {
		out = append(out, LetterFigure{Key: "letter_" + f.key, Label: f.label, value: f.value})
	}
	return out
}

// SetFigure reads one figure of the letter from a form: empty for none, or
// a percentage from 0 to 100.
func (l *OmbudsmanLetter) SetFigure(key, value string) *FieldError {
	for _, f := range l.figures() {
		if "letter_"+f.key != key {
			continue
		}
		value = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "%"))
		if value == "" {
			*f.value = nil
			return nil
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil || v < 0 || v > 100 {
			return &FieldError{Field: key, Message: fmt.Sprintf("%s must be a percentage from 0 to 100, such as 62.5", f.label)}
		}
		*f.value = &v
		return nil
	}
	return &FieldError{Field: key, Message: "is not a figure of the Ombudsman's letter"}
}

// Validate checks the assessment: a known Code and year, known
// requirements, known answers, and texts of readable length.
func (a *CodeAssessment) Validate() FieldErrors {
	var errs FieldErrors
	if !knownCode(a.Code) {
		errs = append(errs, FieldError{Field: "code", Message: fmt.Sprintf("%q is not a Code Heed knows: expected lgsco or housing", a.Code)})
	}
	if a.Year < 2026 || a.Year > 2100 {
		errs = append(errs, FieldError{Field: "year", Message: "The Code's annual report starts with 2026/27: enter a year from 2026"})
	}
	known := map[string]bool{}
	for _, r := range a.Code.CodeRequirements() {
		known[r.ID] = true
	}
	text := func(field, label, v string) {
		if utf8.RuneCountInString(v) > MaxAssessmentText {
			errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf("%s must be %d characters or fewer", label, MaxAssessmentText)})
		}
	}
	for _, e := range a.Entries {
		if !known[e.Requirement] {
			errs = append(errs, FieldError{Field: e.Requirement, Message: "is not a requirement of the Code"})
			continue
		}
		if e.Compliant != "" && !slices.Contains(Compliances, e.Compliant) {
			errs = append(errs, FieldError{Field: e.Requirement + "_compliant", Message: "Choose yes, partly or no"})
		}
		text(e.Requirement+"_evidence", "The evidence for "+e.Requirement, e.Evidence)
		text(e.Requirement+"_commentary", "The commentary on "+e.Requirement, e.Commentary)
	}
	text("non_compliance", "Findings of non-compliance", a.NonCompliance)
	text("governing_response", "The governing body's response", a.GoverningResponse)
	return errs
}

func knownCode(c CodeID) bool { return slices.Contains(CodeIDs, c) }

// CodeAssessmentService keeps the Code reports' assessments.
type CodeAssessmentService interface {
	// CodeAssessment returns the assessment of the Code for the year: an
	// empty one (Version 0) when none was saved.
	CodeAssessment(ctx context.Context, code CodeID, year int) (*CodeAssessment, error)
	// SaveCodeAssessment validates and saves the assessment, whose Version
	// must be the one read (ECONFLICT otherwise), and records the changes.
	SaveCodeAssessment(ctx context.Context, by Actor, a *CodeAssessment) error
}
