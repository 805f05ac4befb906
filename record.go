package heed

import (
	"slices"
	"time"

	"github.com/heedhq/heed/calendar"
)

// RecordType is what kind of contact a record is.
type RecordType string

// The record types.
const (
	TypeComplaint         RecordType = "complaint"
	TypeCompliment        RecordType = "compliment"
	TypeComment           RecordType = "comment"
	TypeMPEnquiry         RecordType = "mp_enquiry"
	TypeCouncillorEnquiry RecordType = "councillor_enquiry"
	TypeOmbudsmanEnquiry  RecordType = "ombudsman_enquiry"
	TypeSAR               RecordType = "sar"
	TypeServiceRequest    RecordType = "service_request"
	// TypeRedirected is a contact that left the complaints procedure (a school
	// complaint, a safeguarding concern); RedirectedTo says where it went.
	TypeRedirected RecordType = "redirected"
)

// RecordTypes lists every record type, in the order reports show them.
var RecordTypes = []RecordType{
	TypeComplaint, TypeCompliment, TypeComment, TypeMPEnquiry, TypeCouncillorEnquiry,
	TypeOmbudsmanEnquiry, TypeSAR, TypeServiceRequest, TypeRedirected,
}

// Label is the record type in plain English.
func (t RecordType) Label() string {
	switch t {
	case TypeComplaint:
		return "Complaint"
	case TypeCompliment:
		return "Compliment"
	case TypeComment:
		return "Comment"
	case TypeMPEnquiry:
		return "MP enquiry"
	case TypeCouncillorEnquiry:
		return "Councillor enquiry"
	case TypeOmbudsmanEnquiry:
		return "Ombudsman enquiry"
	case TypeSAR:
		return "Subject access request"
	case TypeServiceRequest:
		return "Service request"
	case TypeRedirected:
		return "Redirected contact"
	}
	return string(t)
}

// ComplainantType is who raised the matter.
type ComplainantType string

// The complainant types.
const (
	ComplainantChild           ComplainantType = "child_or_young_person"
	ComplainantParent          ComplainantType = "parent"
	ComplainantCarer           ComplainantType = "carer"
	ComplainantFosterCarer     ComplainantType = "foster_carer"
	ComplainantSpecialGuardian ComplainantType = "special_guardian"
	ComplainantCareLeaver      ComplainantType = "care_leaver"
	ComplainantAdvocate        ComplainantType = "advocate"
	ComplainantProfessional    ComplainantType = "professional"
	ComplainantOther           ComplainantType = "other"
)

// ComplainantTypes lists every complainant type.
var ComplainantTypes = []ComplainantType{
	ComplainantChild, ComplainantParent, ComplainantCarer, ComplainantFosterCarer,
	ComplainantSpecialGuardian, ComplainantCareLeaver, ComplainantAdvocate,
	ComplainantProfessional, ComplainantOther,
}

// Advocacy records whether a young complainant was offered or given an advocate.
type Advocacy string

// The advocacy values; "" is not recorded.
const (
	AdvocacyNone     Advocacy = "none"
	AdvocacyOffered  Advocacy = "offered"
	AdvocacyProvided Advocacy = "provided"
)

// Advocacies lists the advocacy values.
var Advocacies = []Advocacy{AdvocacyNone, AdvocacyOffered, AdvocacyProvided}

// Channel is how the contact reached the council.
type Channel string

// The channels.
const (
	ChannelPhone       Channel = "phone"
	ChannelEmail       Channel = "email"
	ChannelLetter      Channel = "letter"
	ChannelWeb         Channel = "web"
	ChannelInPerson    Channel = "in_person"
	ChannelSocialMedia Channel = "social_media"
	ChannelViaMember   Channel = "via_member"
	ChannelOther       Channel = "other"
)

// Channels lists the channels.
var Channels = []Channel{
	ChannelPhone, ChannelEmail, ChannelLetter, ChannelWeb, ChannelInPerson,
	ChannelSocialMedia, ChannelViaMember, ChannelOther,
}

// Redirection is where a redirected contact went.
type Redirection string

// The places a contact is redirected to.
const (
	RedirectedSchool       Redirection = "school"
	RedirectedSafeguarding Redirection = "safeguarding"
	RedirectedOther        Redirection = "other"
)

// Redirections lists the redirection values.
var Redirections = []Redirection{RedirectedSchool, RedirectedSafeguarding, RedirectedOther}

// Void says who voided a record, when and why.
type Void struct {
	At     time.Time
	By     string // the user name
	Reason string
}

// Record is one contact: a complaint, a compliment, an enquiry and so on.
// For a complaint the stages carry its clocks and outcomes; for an enquiry,
// comment or SAR, Stage 1 carries the reply clock.
type Record struct {
	ID        int64
	Reference string
	Type      RecordType
	Received  calendar.Date

	ServiceArea string // name; required except for a SAR
	// Directorate is the directorate ServiceArea belongs to, as read; it is
	// the area's, not the record's: only an import that names it for an
	// area with none sets it (see SettingsService.SetDirectorate).
	Directorate string
	Team        string // name, within ServiceArea
	Procedure   ProcedureID
	Theme       string

	ComplainantName string // personal data: never logged
	ComplainantType ComplainantType
	// YoungPerson counts the record in the report's table of complaints
	// from children and young people: those made by one, or on behalf of
	// one (by a parent, carer or advocate, say). Normalize ticks it when
	// the complainant type is ComplainantChild; ticked with another type,
	// it stays ticked, as a complaint made on a child's behalf.
	YoungPerson bool
	// UASC tells that the complainant is an unaccompanied asylum-seeking
	// child.
	UASC     bool
	Advocacy Advocacy
	Channel  Channel
	Summary  string // free text: never logged

	Stages []Stage

	Ombudsman        *OmbudsmanCase // for an Ombudsman enquiry
	RelatedReference string         // the complaint an Ombudsman enquiry (or a repeat complaint) concerns
	RedirectedTo     Redirection    // for a redirected contact

	Lessons []Lesson
	Closed  calendar.Date
	// Voided is set on a record entered in error: it is left out of every
	// list and report, and only administrators open it, to restore it.
	Voided *Void

	// Version counts saves; an update must name the version it read, so two
	// people editing the same record never silently overwrite each other.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Stage returns the stage with number n, or nil.
func (r *Record) Stage(n int) *Stage {
	for i := range r.Stages {
		if r.Stages[i].Number == n {
			return &r.Stages[i]
		}
	}
	return nil
}

// Clone returns a copy of r that shares nothing with it: changing one
// leaves the other as it was.
func (r *Record) Clone() *Record {
	c := *r
	c.Stages = slices.Clone(r.Stages)
	for i := range c.Stages {
		c.Stages[i].Pauses = slices.Clone(c.Stages[i].Pauses)
		c.Stages[i].Elements = slices.Clone(c.Stages[i].Elements)
	}
	if r.Ombudsman != nil {
		o := *r.Ombudsman
		o.Remedies = slices.Clone(o.Remedies)
		o.Recommendations = slices.Clone(o.Recommendations)
		c.Ombudsman = &o
	}
	c.Lessons = slices.Clone(r.Lessons)
	for i := range c.Lessons {
		c.Lessons[i].Actions = slices.Clone(c.Lessons[i].Actions)
	}
	return &c
}

// HasClock reports whether records of this type get a response deadline.
func (t RecordType) HasClock() bool {
	switch t {
	case TypeCompliment, TypeServiceRequest, TypeRedirected:
		return false
	}
	return true
}

// OmbudsmanDecision is the Ombudsman's decision on a case.
type OmbudsmanDecision string

// The Ombudsman decisions.
const (
	DecisionPremature               OmbudsmanDecision = "premature"
	DecisionAdviceGiven             OmbudsmanDecision = "advice_given"
	DecisionIncompleteInvalid       OmbudsmanDecision = "incomplete_invalid"
	DecisionClosedAfterInitial      OmbudsmanDecision = "closed_after_initial_enquiries"
	DecisionNotUpheld               OmbudsmanDecision = "not_upheld"
	DecisionUpheld                  OmbudsmanDecision = "upheld"
	DecisionUpheldRemediedByCouncil OmbudsmanDecision = "upheld_remedied"
)

// OmbudsmanDecisions lists the decisions in the order reports show them.
var OmbudsmanDecisions = []OmbudsmanDecision{
	DecisionPremature, DecisionAdviceGiven, DecisionIncompleteInvalid, DecisionClosedAfterInitial,
	DecisionNotUpheld, DecisionUpheld, DecisionUpheldRemediedByCouncil,
}

// Label is the decision in plain English.
func (d OmbudsmanDecision) Label() string {
	switch d {
	case DecisionPremature:
		return "Referred back for local resolution (premature)"
	case DecisionAdviceGiven:
		return "Advice given"
	case DecisionIncompleteInvalid:
		return "Incomplete or invalid"
	case DecisionClosedAfterInitial:
		return "Closed after initial enquiries"
	case DecisionNotUpheld:
		return "Not upheld"
	case DecisionUpheld:
		return "Upheld"
	case DecisionUpheldRemediedByCouncil:
		return "Upheld: satisfactory remedy already provided by the council"
	}
	return string(d)
}

// RemedyType is a kind of remedy the Ombudsman recommends or the council gives.
type RemedyType string

// The remedy types.
const (
	RemedyApology         RemedyType = "apology"
	RemedyExplanation     RemedyType = "explanation"
	RemedyAction          RemedyType = "action"
	RemedyReconsidered    RemedyType = "reconsidered_decision"
	RemedyRecordCorrected RemedyType = "record_corrected"
	RemedyFinancial       RemedyType = "financial_payment"
	RemedyPolicyChange    RemedyType = "policy_change"
	RemedyTraining        RemedyType = "staff_training"
)

// RemedyTypes lists the remedy types.
var RemedyTypes = []RemedyType{
	RemedyApology, RemedyExplanation, RemedyAction, RemedyReconsidered,
	RemedyRecordCorrected, RemedyFinancial, RemedyPolicyChange, RemedyTraining,
}

// OmbudsmanCase is what the Ombudsman did about a complaint: the decision,
// whether it found fault, and the remedies and recommendations the council
// is to carry out (see ombudsman.go).
type OmbudsmanCase struct {
	Reference       string // the Ombudsman's own reference
	Decision        OmbudsmanDecision
	Decided         calendar.Date
	Fault           Fault
	Remedies        []Remedy
	Recommendations []Recommendation
}

// IsZero reports whether nothing is recorded.
func (o *OmbudsmanCase) IsZero() bool {
	return o == nil || (o.Reference == "" && o.Decision == "" && o.Decided.IsZero() && o.Fault == "" &&
		len(o.Remedies) == 0 && len(o.Recommendations) == 0)
}

// Lesson is something learnt from a record, with the actions that follow.
// NoLearning records explicitly that no learning was identified.
type Lesson struct {
	ID         int64
	Text       string
	NoLearning bool
	Actions    []Action
}

// Action is a change the council commits to, with an owner and a date.
type Action struct {
	ID          int64
	Description string
	Owner       string
	Due         calendar.Date
	Completed   calendar.Date
	Evidence    string
}

// Overdue reports whether the action is incomplete after its due date.
func (a Action) Overdue(today calendar.Date) bool {
	return a.Completed.IsZero() && !a.Due.IsZero() && a.Due.Before(today)
}

// Label is the complainant type in plain English.
func (c ComplainantType) Label() string {
	switch c {
	case ComplainantChild:
		return "Child or young person"
	case ComplainantParent:
		return "Parent"
	case ComplainantCarer:
		return "Carer"
	case ComplainantFosterCarer:
		return "Foster carer"
	case ComplainantSpecialGuardian:
		return "Special guardian"
	case ComplainantCareLeaver:
		return "Care leaver"
	case ComplainantAdvocate:
		return "Advocate"
	case ComplainantProfessional:
		return "Professional"
	case ComplainantOther:
		return "Someone else"
	}
	return string(c)
}

// Label is the advocacy value in plain English.
func (a Advocacy) Label() string {
	switch a {
	case AdvocacyNone:
		return "Not offered"
	case AdvocacyOffered:
		return "Offered"
	case AdvocacyProvided:
		return "Provided"
	}
	return string(a)
}

// Label is the channel in plain English.
func (c Channel) Label() string {
	switch c {
	case ChannelPhone:
		return "Phone"
	case ChannelEmail:
		return "Email"
	case ChannelLetter:
		return "Letter"
	case ChannelWeb:
		return "Online form"
	case ChannelInPerson:
		return "In person"
	case ChannelSocialMedia:
		return "Social media"
	case ChannelViaMember:
		return "Through an MP or councillor"
	case ChannelOther:
		return "Other"
	}
	return string(c)
}

// Label is where a contact was redirected, in plain English.
func (r Redirection) Label() string {
	switch r {
	case RedirectedSchool:
		return "The school (a school complaint)"
	case RedirectedSafeguarding:
		return "Safeguarding (a safeguarding concern)"
	case RedirectedOther:
		return "Another procedure or organisation"
	}
	return string(r)
}

// Label is the remedy type in plain English.
func (r RemedyType) Label() string {
	switch r {
	case RemedyApology:
		return "Apology"
	case RemedyExplanation:
		return "Explanation"
	case RemedyAction:
		return "Action to put things right"
	case RemedyReconsidered:
		return "Decision reconsidered"
	case RemedyRecordCorrected:
		return "Record corrected"
	case RemedyFinancial:
		return "Financial payment"
	case RemedyPolicyChange:
		return "Change to policy or procedure"
	case RemedyTraining:
		return "Staff training"
	}
	return string(r)
}
