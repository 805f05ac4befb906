package heed

import (
	"github.com/heedhq/heed/calendar"
)

// Outcome is how a stage ended.
type Outcome string

// The stage outcomes; "" means the stage has no outcome yet.
const (
	OutcomeUpheld          Outcome = "upheld"
	OutcomePartiallyUpheld Outcome = "partially_upheld"
	OutcomeNotUpheld       Outcome = "not_upheld"
	OutcomeWithdrawn       Outcome = "withdrawn"
	OutcomeResolvedEarly   Outcome = "resolved_early"
	// OutcomeNotProgressed records an escalation request that did not go to
	// the next stage: it counts as a request, not as a stage.
	OutcomeNotProgressed Outcome = "not_progressed"
	// OutcomeRefused records a complaint the council did not accept into
	// its procedure (Stage 1 only), for Stage 1's RefusalReason.
	OutcomeRefused Outcome = "refused"
)

// Outcomes lists the outcomes in the order reports show them.
var Outcomes = []Outcome{
	OutcomeUpheld, OutcomePartiallyUpheld, OutcomeNotUpheld, OutcomeWithdrawn,
	OutcomeResolvedEarly, OutcomeNotProgressed, OutcomeRefused,
}

// Label is the outcome in plain English.
func (o Outcome) Label() string {
	switch o {
	case OutcomeUpheld:
		return "Upheld"
	case OutcomePartiallyUpheld:
		return "Partially upheld"
	case OutcomeNotUpheld:
		return "Not upheld"
	case OutcomeWithdrawn:
		return "Withdrawn"
	case OutcomeResolvedEarly:
		return "Resolved early"
	case OutcomeNotProgressed:
		return "Not progressed"
	case OutcomeRefused:
		return "Refused"
	}
	return string(o)
}

// Finding is the finding on one element of a complaint.
type Finding string

// The findings; "" is not yet decided.
const (
	FindingUpheld          Finding = "upheld"
	FindingPartiallyUpheld Finding = "partially_upheld"
	FindingNotUpheld       Finding = "not_upheld"
	FindingNone            Finding = "no_finding"
)

// CorrectiveAction is whether a stage's response identified corrective
// action; "" is not recorded.
type CorrectiveAction string

// The corrective action answers.
const (
	CorrectiveActionYes CorrectiveAction = "yes"
	CorrectiveActionNo  CorrectiveAction = "no"
)

// CorrectiveActions lists the answers recorded.
var CorrectiveActions = []CorrectiveAction{CorrectiveActionYes, CorrectiveActionNo}

// Label is the answer in plain English.
func (c CorrectiveAction) Label() string {
	switch c {
	case CorrectiveActionYes:
		return "Corrective action identified"
	case CorrectiveActionNo:
		return "No corrective action"
	}
	return "Not recorded"
}

// Findings lists the findings.
var Findings = []Finding{FindingUpheld, FindingPartiallyUpheld, FindingNotUpheld, FindingNone}

// Label is the finding in plain English.
func (f Finding) Label() string {
	switch f {
	case FindingUpheld:
		return "Upheld"
	case FindingPartiallyUpheld:
		return "Partially upheld"
	case FindingNotUpheld:
		return "Not upheld"
	case FindingNone:
		return "No finding"
	}
	return "Not decided yet"
}

// Element is one point of a complaint, with its own finding.
type Element struct {
	Summary string
	Finding Finding
}

// Pause stops a stage's clock, for example while waiting for an advocate.
// An open pause has no To date.
type Pause struct {
	From   calendar.Date
	To     calendar.Date
	Reason string
}

// Stage is one stage of a complaint (or the single reply clock of an
// enquiry, comment or SAR).
type Stage struct {
	Number int // 1, 2 or 3

	// Started is the day the clock starts: receipt for Stage 1, the
	// escalation request for Stage 2 and 3.
	Started      calendar.Date
	Acknowledged calendar.Date

	// TargetDays is the target in working days that applied when the
	// deadline was computed, and Deadline the day it gives. Both are
	// computed (see Rules.Deadline), never typed in.
	TargetDays int
	Deadline   calendar.Date
	// ResponseDays is the working days from day 0 to the response (0 while
	// unanswered), computed with the deadline.
	ResponseDays int
	// DaysLate is the working days from the last day allowed (the deadline,
	// or an agreed extension's end when later) to a late response; 0 when
	// the response was not late or there is none. Computed with the
	// deadline, and kept with it.
	DaysLate int

	ExtendedTo      calendar.Date
	ExtensionReason string
	Pauses          []Pause

	Investigator string
	Responded    calendar.Date
	Outcome      Outcome
	Elements     []Element
	// CorrectiveAction says whether the response identified corrective
	// action: "yes", "no" (explicitly none) or "" (not recorded).
	CorrectiveAction CorrectiveAction
	// RefusalReason is why the council refused the complaint: set when,
	// and only when, Stage 1's outcome is OutcomeRefused.
	RefusalReason RefusalReason

	// The children's statutory procedure's Stage 2 and 3 (domain.md).
	// StatementAgreed is the day the written statement of complaint was
	// agreed: Stage 2's clock runs from it once it is recorded. The
	// Investigator is the Investigating Officer; IndependentPerson oversees
	// the investigation and Adjudicator, a senior manager, sends the
	// adjudication response (Responded).
	StatementAgreed   calendar.Date
	IndependentPerson string
	Adjudicator       string
	// PanelMet and PanelReported are Stage 3's review panel's meeting and
	// its report; Responded is then the council's response to the report.
	PanelMet      calendar.Date
	PanelReported calendar.Date
}

// Open reports whether the stage is still waiting for its response.
func (s *Stage) Open() bool { return s.Responded.IsZero() && s.Outcome == "" }

// Paused reports whether s's clock is stopped with no end recorded yet:
// an unanswered stage paused so is not overdue, whatever its deadline (its
// deadline moves on when the pause ends).
func (s *Stage) Paused() bool {
	for _, p := range s.Pauses {
		if !p.From.IsZero() && p.To.IsZero() {
			return true
		}
	}
	return false
}

// DerivedOutcome applies the rule of domain.md to the elements: all upheld
// gives upheld; some upheld or partially upheld gives partially upheld; none
// gives not upheld. Elements with no finding yet, or "no finding", are left
// out; when no element has a finding the result is "" (nothing to derive).
func DerivedOutcome(elements []Element) Outcome {
	var decided, upheld, partly int
	for _, e := range elements {
		switch e.Finding {
		case FindingUpheld:
			decided++
			upheld++
		case FindingPartiallyUpheld:
			decided++
			partly++
		case FindingNotUpheld:
			decided++
		}
	}
	switch {
	case decided == 0:
		return ""
	case upheld == decided:
		return OutcomeUpheld
	case upheld+partly > 0:
		return OutcomePartiallyUpheld
	default:
		return OutcomeNotUpheld
	}
}

// InTime reports whether the stage was answered on or before its deadline
// (the target deadline, not an extension). ok is false while the stage is
// unanswered.
func (s *Stage) InTime() (inTime, ok bool) {
	if s.Responded.IsZero() || s.Deadline.IsZero() {
		return false, false
	}
	return !s.Responded.After(s.Deadline), true
}
