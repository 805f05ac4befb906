// Package report computes the annual and quarterly complaints report from
// the case records, once, into one model; html, xlsx, csv, pdf, docx and json are
// renderings of that model.
//
// The store supplies Facts: counts of records grouped by what the report
// splits them by, for each period bucket. Everything else is computed here,
// so that both databases give the same report.
package report

import (
	"context"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Bucket is a range of days facts are counted in: one column of the report
// (a quarter) in the period or in one of the two years before it.
type Bucket struct {
	From, To calendar.Date
}

// Query says which facts a report needs.
type Query struct {
	Buckets []Bucket      // the columns of the three years, in date order
	Years   []Bucket      // the three years: the two before, then the period
	Current Bucket        // the period itself, for learning
	AsOf    calendar.Date // unanswered stages due before it are late
	// ServiceAreas limits the facts to the records of these service areas
	// (compared as every name is, heed.NameKey); nil means the whole
	// council, and an empty, non-nil list means none.
	ServiceAreas []string
	// Procedures limits the facts to the records of these procedures (a
	// Complaint Handling Code's); nil means every record.
	Procedures []heed.ProcedureID
}

// Timing is how a stage's response stood against its deadline.
type Timing string

// The timings. A holding letter never counts: only the response date does.
const (
	TimingNone        Timing = ""             // no clock
	TimingInTime      Timing = "in_time"      // on or before the target deadline
	TimingInExtension Timing = "in_extension" // after the target, within an agreed extension
	TimingLate        Timing = "late"         // after both, or unanswered past the deadline
	TimingPending     Timing = "pending"      // unanswered and not yet due
	TimingClosed      Timing = "closed"       // ended (withdrawn, say) with no response date
	TimingPaused      Timing = "paused"       // unanswered, its clock paused with no end yet: not late
)

// RecordFact counts the records received in one bucket that share every
// other field. Outcome, Timing and the response figures are Stage 1's.
// Themes are counted apart (ThemeFact): only one table splits by them.
type RecordFact struct {
	Bucket       int
	Type         heed.RecordType
	ServiceArea  string
	Procedure    heed.ProcedureID
	Outcome      heed.Outcome
	Timing       Timing
	YoungPerson  bool
	Advocacy     heed.Advocacy
	Decision     heed.OmbudsmanDecision
	Count        int
	Responded    int // how many have a response date
	ResponseDays int // their working days to respond, summed
	Direct       int // how many were made by a child or young person (complainant type)
	UASC         int // how many were made by an unaccompanied asylum-seeking child
}

// ThemeFact counts the complaints received in one bucket with one theme
// ("" for none) and one Stage 1 outcome.
type ThemeFact struct {
	Bucket  int
	Theme   string
	Outcome heed.Outcome
	Count   int
}

// StageFact counts Stage 2 and 3 stages (and requests not progressed)
// whose request was received in one bucket.
type StageFact struct {
	Bucket       int
	Procedure    heed.ProcedureID
	ServiceArea  string
	Number       int
	Outcome      heed.Outcome
	Timing       Timing
	Count        int
	Responded    int
	ResponseDays int
}

// ResponseFact counts complaints' stage responses made in one year of the
// report (0: the period; 1 and 2: the years before), whatever year the
// complaint was received: Stage 1's are the denominator of the escalation
// rate, and every stage's are counted for corrective action and lateness.
type ResponseFact struct {
	YearsBefore int
	Procedure   heed.ProcedureID
	ServiceArea string
	Number      int // the stage; 0 is read as 1
	Outcome     heed.Outcome
	Count       int
	// CorrectiveYes and CorrectiveNo count the responses that recorded
	// corrective action, and that recorded explicitly none.
	CorrectiveYes, CorrectiveNo int
	Late                        Lateness
}

// Lateness counts late responses: after the deadline and after any agreed
// extension. Days are working days from the last day allowed (the
// extension's end when one was agreed, else the deadline) to the response.
type Lateness struct {
	N    int
	Days int    // summed
	By   [4]int // 1–5, 6–10, 11–20 and over 20 working days late
}

// LateBand is the band of Lateness.By that days late fall in.
func LateBand(days int) int {
	switch {
	case days <= 5:
		return 0
	case days <= 10:
		return 1
	case days <= 20:
		return 2
	}
	return 3
}

// Add adds n responses each days late.
func (l *Lateness) Add(days, n int) {
	l.N += n
	l.Days += days * n
	l.By[LateBand(days)] += n
}

// Plus adds o to l.
func (l *Lateness) Plus(o Lateness) {
	l.N += o.N
	l.Days += o.Days
	for i := range l.By {
		l.By[i] += o.By[i]
	}
}

// Learning is the state of the lessons and actions of the records received
// in the period.
type Learning struct {
	Lessons         int // lessons recorded
	NoLearning      int // records where no learning was identified
	Actions         int
	Completed       int
	Overdue         int // not completed, due before the report date
	Examples        []LessonExample
	ReceivedRecords int // records with any lesson or "no learning"
}

// LessonExample is one lesson and the state of its actions.
type LessonExample struct {
	Reference   string
	ServiceArea string
	Text        string
	Actions     int
	Completed   int
}

// Facts are what the store supplies for one report.
type Facts struct {
	Records   []RecordFact
	ByTheme   []ThemeFact
	Stages    []StageFact
	Responses []ResponseFact
	Learning  Learning
	Themes    []string // every theme known, so that a year's table lists them all
	// Directorates gives the directorate of each service area that has one.
	Directorates map[string]string
	// Refused complaints and the Ombudsman's decisions (refused.go,
	// ombudsman.go).
	Refused         []RefusedFact
	Ombudsman       []OmbudsmanFact
	Remedies        []RemedyFact
	Recommendations []RecommendationFact
}

// Source supplies facts; sqlstore.DB is one.
type Source interface {
	ReportFacts(ctx context.Context, q Query) (*Facts, error)
}
