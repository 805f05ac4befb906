package heed

import (
	"context"

	"github.com/heedhq/heed/calendar"
)

// CaseStatus selects cases by whether they are closed.
type CaseStatus string

// The case statuses a list can select.
const (
	StatusOpen   CaseStatus = "open"
	StatusClosed CaseStatus = "closed"
)

// CaseFilter selects cases for the cases list. Zero fields select
// everything; the Only fields narrow the list to what a user may see.
type CaseFilter struct {
	Type         RecordType
	Procedure    ProcedureID
	Stage        int // the case's latest stage
	ServiceArea  string
	Team         string
	Theme        string
	Status       CaseStatus
	ReceivedFrom calendar.Date
	ReceivedTo   calendar.Date
	// Overdue selects cases with an unanswered stage whose deadline (or
	// agreed extension) is before Today.
	Overdue bool
	Today   calendar.Date
	// Search matches words (or the start of words) of the reference, the
	// complainant's name and the summary.
	Search string
	// Unallocated selects cases with an unanswered stage allocated to no
	// one.
	Unallocated bool
	// Sort orders the list by SortReceived, SortReference, SortArea or
	// SortDue (cases with nothing due last), in reverse with Descending.
	// "" is newest first, as are linked records always.
	Sort       SortKey
	Descending bool

	// LinkedTo selects the records linked to a record: the one it names as
	// related, those that name it, and the other records of the same
	// complainant (by name, ignoring case). Linked records come without
	// their Stage and Due.
	LinkedTo *Record

	OnlyServiceAreas []string // a manager's areas; nil means no limit
	OnlyInvestigator string   // an investigator's user name
	LimitedAccess    bool     // when true, the Only fields apply even if empty

	Offset, Limit int
}

// CaseSummary is one row of the cases list.
type CaseSummary struct {
	ID              int64
	Reference       string
	Type            RecordType
	Received        calendar.Date
	ServiceArea     string
	Procedure       ProcedureID
	Theme           string
	ComplainantName string
	Stage           int           // the latest stage, 0 when none
	Due             calendar.Date // the earliest deadline of an unanswered stage not paused
	Paused          bool          // an unanswered stage's clock is stopped with no end yet
	Closed          calendar.Date
	// Holder is who holds the latest unanswered stage, by their full name
	// (see OpenStage.Holder); "" when it is allocated to no one, or
	// nothing is unanswered.
	Holder string
}

// CaseView is what opening a case reads besides the record itself.
type CaseView struct {
	History []AuditEntry  // the record's, oldest first; from OpenCase, ending with that opening
	Linked  []CaseSummary // a page of the records linked to it
	// MoreLinked tells that there are linked records after this page.
	// They are not counted: a complainant with a common name, or recorded
	// as "Anonymous", can have thousands of records under that name.
	MoreLinked bool
}

// OpenStage is an unanswered stage on someone's list of work.
type OpenStage struct {
	RecordID     int64
	Reference    string
	Type         RecordType
	Procedure    ProcedureID
	ServiceArea  string
	Stage        int
	Investigator string // the user name; "" when allocated to no one
	// Holder is who holds the stage as people know them: the user's
	// display name, or the user name when they have none (or are no
	// longer a user); "" when allocated to no one.
	Holder     string
	Received   calendar.Date // the record's
	Deadline   calendar.Date
	ExtendedTo calendar.Date
	Paused     bool // its clock is stopped with no end yet: not overdue
}

// Due is the day the response is due: the agreed extension, or the
// deadline.
func (s OpenStage) Due() calendar.Date {
	if !s.ExtendedTo.IsZero() {
		return s.ExtendedTo
	}
	return s.Deadline
}

// OpenStageFilter selects unanswered stages.
type OpenStageFilter struct {
	Investigator     string   // allocated to this user name
	Unallocated      bool     // allocated to no one
	OnlyServiceAreas []string // a manager's areas
	// Sort orders the stages: SortDue (the default), SortReceived or
	// SortArea, then by due day; Descending reverses the first key.
	Sort          SortKey
	Descending    bool
	Offset, Limit int // Limit 0 is 50
}

// SortKey is what a list is sorted by.
type SortKey string

// The keys lists sort by.
const (
	SortDue       SortKey = "due"       // the earliest unanswered deadline (or extension)
	SortReceived  SortKey = "received"  // the day the record was received
	SortArea      SortKey = "area"      // the service area's name, ignoring case
	SortReference SortKey = "reference" // the reference, ignoring case
)

// CaseMaxTotal is the most a cases list counts; past it the list says
// "more than".
const CaseMaxTotal = 10000

// CaseService finds cases for the staff pages.
type CaseService interface {
	// ListCases returns one page of the cases the filter selects, newest
	// first, and how many there are (at most CaseMaxTotal+1).
	ListCases(ctx context.Context, f CaseFilter) ([]CaseSummary, int, error)
	// OpenStages returns a page of unanswered stages in the filter's
	// order, and how many the filter selects in all.
	OpenStages(ctx context.Context, f OpenStageFilter) ([]OpenStage, int, error)
}
