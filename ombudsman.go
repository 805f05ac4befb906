package heed

import (
	"fmt"
	"strconv"

	"github.com/heedhq/heed/calendar"
)

// Fault is whether the Ombudsman found fault; "" is not recorded.
type Fault string

// The answers on fault.
const (
	FaultFound    Fault = "yes"
	FaultNotFound Fault = "no"
)

// Faults lists the answers recorded.
var Faults = []Fault{FaultFound, FaultNotFound}

// Label is the answer in plain English.
func (f Fault) Label() string {
	switch f {
	case FaultFound:
		return "Fault found"
	case FaultNotFound:
		return "No fault found"
	}
	return "Not recorded"
}

// Investigated reports whether the decision followed an investigation:
// upheld (with or without a remedy already provided) or not upheld. The
// other decisions close a case without one.
func (d OmbudsmanDecision) Investigated() bool {
	switch d {
	case DecisionUpheld, DecisionUpheldRemediedByCouncil, DecisionNotUpheld:
		return true
	}
	return false
}

// FoundFault reports whether the Ombudsman found fault: as recorded, or,
// when not recorded, as an upheld decision says (the Ombudsman upholds a
// complaint only when it finds fault).
func (o *OmbudsmanCase) FoundFault() bool {
	if o == nil {
		return false
	}
	if o.Fault != "" {
		return o.Fault == FaultFound
	}
	return o.Decision == DecisionUpheld || o.Decision == DecisionUpheldRemediedByCouncil
}

// Remedy is one remedy the Ombudsman asked of the council (or found it had
// already given): its type, a financial amount in pence, the date it is due
// and the date the council complied.
type Remedy struct {
	Type     RemedyType
	Pence    int64
	Due      calendar.Date
	Complied calendar.Date
}

// IsZero reports whether nothing of the remedy is recorded.
func (r Remedy) IsZero() bool {
	return r.Type == "" && r.Pence == 0 && r.Due.IsZero() && r.Complied.IsZero()
}

// Recommendation is one of the Ombudsman's recommendations, in its words,
// with the date it is due and the date the council complied.
type Recommendation struct {
	Text     string // free text: never logged
	Due      calendar.Date
	Complied calendar.Date
}

// IsZero reports whether nothing of the recommendation is recorded.
func (r Recommendation) IsZero() bool {
	return r.Text == "" && r.Due.IsZero() && r.Complied.IsZero()
}

// CompliedOnTime reports whether the council complied by the due date (or,
// with no due date, at all).
func CompliedOnTime(due, complied calendar.Date) bool {
	return !complied.IsZero() && (due.IsZero() || !complied.After(due))
}

// checkOmbudsman holds the Ombudsman part's rules: each remedy has its
// type, each recommendation its words, and the finding of fault agrees
// with the decision.
func (r *Record) checkOmbudsman() FieldErrors {
	o := r.Ombudsman
	if o == nil {
		return nil
	}
	var errs FieldErrors
	for i, m := range o.Remedies {
		if m.Type == "" {
			errs = append(errs, FieldError{fmt.Sprintf("ombudsman_remedy%d_type", i+1), "is required: choose the type of remedy " + strconv.Itoa(i+1)})
		}
	}
	for i, m := range o.Recommendations {
		if m.Text == "" {
			errs = append(errs, FieldError{fmt.Sprintf("ombudsman_recommendation%d", i+1), "is required: the words of recommendation " + strconv.Itoa(i+1)})
		}
	}
	switch {
	case o.Fault == FaultNotFound && (o.Decision == DecisionUpheld || o.Decision == DecisionUpheldRemediedByCouncil):
		errs = append(errs, FieldError{"ombudsman_fault", "The finding of fault cannot be no for an upheld decision: the Ombudsman upholds a complaint only when it finds fault"})
	case o.Fault != "" && o.Decision != "" && !o.Decision.Investigated():
		errs = append(errs, FieldError{"ombudsman_fault", fmt.Sprintf("applies only to a decision after investigation (upheld or not upheld), not to %q", o.Decision.Label())})
	}
	return errs
}
