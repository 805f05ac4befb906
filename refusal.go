package heed

import (
	"fmt"
	"strings"
)

// RefusalReason is why the council did not accept a complaint into its
// procedure (Stage 1's outcome refused). The Complaint Handling Code asks
// the annual report for a summary of the complaints refused, by reason.
type RefusalReason string

// The refusal reasons.
const (
	RefusedOutOfTime            RefusalReason = "out_of_time"
	RefusedLegalProceedings     RefusalReason = "legal_proceedings"
	RefusedPreviouslyConsidered RefusalReason = "previously_considered"
	RefusedNotAComplaint        RefusalReason = "not_a_complaint"
	RefusedOther                RefusalReason = "other"
)

// RefusalReasons lists the reasons in the order reports show them.
var RefusalReasons = []RefusalReason{
	RefusedOutOfTime, RefusedLegalProceedings, RefusedPreviouslyConsidered, RefusedNotAComplaint, RefusedOther,
}

// Label is the reason in plain English.
func (r RefusalReason) Label() string {
	switch r {
	case RefusedOutOfTime:
		return "Made too late (out of time)"
	case RefusedLegalProceedings:
		return "Subject of legal proceedings"
	case RefusedPreviouslyConsidered:
		return "Already considered"
	case RefusedNotAComplaint:
		return "Not a complaint (a service request, say)"
	case RefusedOther:
		return "Another reason the policy sets out"
	}
	return string(r)
}

// Refused reports whether the record is a complaint the council refused
// (Stage 1's outcome refused).
func (r *Record) Refused() bool {
	s := r.Stage(1)
	return r.Type == TypeComplaint && s != nil && s.Outcome == OutcomeRefused
}

// checkRefusal holds the refusal's rules: only a complaint's Stage 1 is
// refused, always with a reason, with no response (a refused complaint is
// not answered under the procedure; the date closed says when it was
// refused) and no later stage.
func (r *Record) checkRefusal() FieldErrors {
	var errs FieldErrors
	for i := range r.Stages {
		s := &r.Stages[i]
		p := fmt.Sprintf("stage%d_", s.Number)
		switch {
		case s.Outcome == OutcomeRefused && s.Number != 1:
			errs = append(errs, FieldError{p + "outcome", "refused is for Stage 1 only: the council refuses a complaint before it enters its procedure"})
		case s.Outcome == OutcomeRefused && r.Type != TypeComplaint:
			errs = append(errs, FieldError{p + "outcome", fmt.Sprintf("refused applies to complaints only, not to a %s", strings.ToLower(r.Type.Label()))})
		case s.Outcome == OutcomeRefused && s.RefusalReason == "":
			errs = append(errs, FieldError{p + "refusal_reason", "is required when a complaint is refused: expected " + joinReasons()})
		case s.Outcome != OutcomeRefused && s.RefusalReason != "":
			errs = append(errs, FieldError{p + "refusal_reason", "applies only to a complaint refused at Stage 1 (outcome refused): leave it empty or record the outcome refused"})
		}
		if s.Outcome == OutcomeRefused && s.Number == 1 && !s.Responded.IsZero() {
			errs = append(errs, FieldError{p + "responded", "must be empty for a refused complaint: it was not answered under the procedure (the date closed says when it was refused)"})
		}
	}
	if r.Refused() {
		for _, s := range r.Stages {
			if s.Number > 1 {
				errs = append(errs, FieldError{fmt.Sprintf("stage%d_requested", s.Number), fmt.Sprintf("Stage 1 was refused, so there can be no Stage %d", s.Number)})
				break
			}
		}
	}
	return errs
}

func joinReasons() string {
	s := make([]string, len(RefusalReasons))
	for i, r := range RefusalReasons {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}
