package heed

import (
	"fmt"
	"slices"
	"strings"

	"github.com/heedhq/heed/calendar"
)

// FieldError is one problem with one field of a record. Field is the field
// key, which is also the spreadsheet column.
type FieldError struct {
	Field   string
	Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// FieldErrors is every problem found in a record.
type FieldErrors []FieldError

func (e FieldErrors) Error() string {
	s := make([]string, len(e))
	for i, f := range e {
		s[i] = f.Error()
	}
	return strings.Join(s, "; ")
}

// Normalize completes a record read from a form or a spreadsheet: it writes
// every name and reference in its one form (see CleanName), applies
// the default procedure to a complaint, makes sure a record with a clock has
// its Stage 1 starting on the day received, drops empty repeated parts, and
// derives an answered stage's outcome from its elements when none was given.
// A record whose complainant is a child or young person is always counted
// as one (see Record.YoungPerson).
func (r Rules) Normalize(rec *Record) {
	rec.cleanNames()
	if rec.ComplainantType == ComplainantChild {
		rec.YoungPerson = true
	}
	if rec.Type == TypeComplaint && rec.Procedure == "" {
		rec.Procedure = r.DefaultProcedure
	}
	if rec.Type.HasClock() && rec.Stage(1) == nil {
		rec.stageFor(1)
	}
	if s := rec.Stage(1); s != nil {
		s.Started = rec.Received
	}
	for i := range rec.Stages {
		s := &rec.Stages[i]
		s.Elements = slices.DeleteFunc(s.Elements, func(e Element) bool { return e == Element{} })
		s.Pauses = slices.DeleteFunc(s.Pauses, func(p Pause) bool { return p == Pause{} })
		if s.Outcome == "" && !s.Responded.IsZero() {
			// Findings decide the outcome once the response is sent; until
			// then the stage stays open, whatever is found on the way.
			s.Outcome = DerivedOutcome(s.Elements)
		}
	}
	// A lesson with actions says the response found corrective action:
	// the latest answered stage's, when not recorded otherwise.
	if slices.ContainsFunc(rec.Lessons, func(l Lesson) bool { return len(l.Actions) > 0 }) {
		for i := len(rec.Stages) - 1; i >= 0; i-- {
			if s := &rec.Stages[i]; !s.Responded.IsZero() {
				if s.CorrectiveAction == "" {
					s.CorrectiveAction = CorrectiveActionYes
				}
				break
			}
		}
	}
	for i := range rec.Lessons {
		l := &rec.Lessons[i]
		l.Actions = slices.DeleteFunc(l.Actions, func(a Action) bool {
			return a.Description == "" && a.Owner == "" && a.Due.IsZero() && a.Completed.IsZero() && a.Evidence == ""
		})
	}
	rec.Lessons = slices.DeleteFunc(rec.Lessons, func(l Lesson) bool {
		return l.Text == "" && !l.NoLearning && len(l.Actions) == 0
	})
	if o := rec.Ombudsman; o != nil {
		o.Remedies = slices.DeleteFunc(o.Remedies, Remedy.IsZero)
		o.Recommendations = slices.DeleteFunc(o.Recommendations, Recommendation.IsZero)
	}
	if rec.Ombudsman.IsZero() {
		rec.Ombudsman = nil
	}
}

// Check returns every rule the record breaks, or nil. It expects a
// normalized record, checks extensions against the calendar, and refuses
// events dated after today, the current day in Europe/London, which the
// caller gives from its own clock (see calendar.DateOf); a zero today leaves
// that one rule out. The date rules are in dates.go.
func (r Rules) Check(cal *calendar.Calendar, rec *Record, today calendar.Date) FieldErrors {
	var errs FieldErrors
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
	}
	if rec.Reference == "" {
		add("reference", "is required: every record needs its own reference")
	}
	errs = append(errs, rec.checkTexts()...)
	errs = append(errs, rec.checkDates()...)
	errs = append(errs, rec.checkAmounts()...)
	if rec.Type == "" {
		add("type", "is required: expected one of %s", joinTypes())
	}
	if rec.Received.IsZero() {
		add("received", "is required: the date the council received it, such as 2015-03-31 or 31/03/2015")
	}
	if rec.ServiceArea == "" && rec.Type != TypeSAR && rec.Type != "" {
		add("service_area", "is required for a %s", strings.ToLower(rec.Type.Label()))
	}
	if rec.Team != "" && rec.ServiceArea == "" {
		add("team", "needs a service area: a team belongs to one")
	}
	if rec.Procedure != "" && rec.Type != TypeComplaint {
		add("procedure", "applies to complaints only, not to a %s", strings.ToLower(rec.Type.Label()))
	}
	if rec.Type == TypeRedirected && rec.RedirectedTo == "" {
		add("redirected_to", "is required for a redirected contact: expected school, safeguarding or other")
	}
	if rec.RedirectedTo != "" && rec.Type != TypeRedirected {
		add("redirected_to", "applies only to a record of type redirected")
	}
	if !rec.Ombudsman.IsZero() && rec.Type != TypeOmbudsmanEnquiry {
		add("ombudsman_decision", "applies only to an ombudsman_enquiry")
	}
	errs = append(errs, rec.checkOmbudsman()...)
	errs = append(errs, r.checkStages(rec)...)
	errs = append(errs, rec.checkRefusal()...)
	errs = append(errs, r.checkDateRules(cal, rec, today)...)
	return errs
}

func (r Rules) checkStages(rec *Record) FieldErrors {
	var errs FieldErrors
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{field, fmt.Sprintf(format, args...)})
	}
	stages := r.stageCount(rec)
	var prev *Stage
	for i := range rec.Stages {
		s := &rec.Stages[i]
		p := fmt.Sprintf("stage%d_", s.Number)
		if s.Number > stages {
			if stages == 0 {
				add(p+"responded", "a %s has no stages", strings.ToLower(rec.Type.Label()))
			} else {
				add(p+"requested", "%s has %d stage(s): there is no Stage %d", rec.describeProcedure(), stages, s.Number)
			}
			continue
		}
		if s.Number > 1 && s.Started.IsZero() {
			add(p+"requested", "is required when anything of Stage %d is recorded: the date the complainant asked for it", s.Number)
		}
		if prev != nil && !s.Started.IsZero() {
			switch {
			case prev.Number != s.Number-1:
				add(p+"requested", "Stage %d needs a Stage %d first", s.Number, s.Number-1)
			case prev.Outcome == OutcomeNotProgressed:
				add(p+"requested", "Stage %d was not progressed, so there can be no Stage %d", prev.Number, s.Number)
			}
		}
		if s.Number == 2 && prev != nil && prev.Number == 1 && (rec.Procedure == Corporate || rec.Procedure == Housing) &&
			s.Investigator != "" && NameKey(s.Investigator) == NameKey(prev.Investigator) {
			add(p+"investigator", "must be someone other than who handled Stage 1 (%s): under the Complaint Handling Code a different person reviews the complaint at Stage 2", prev.Investigator)
		}
		rule, _ := r.stageRule(rec, s)
		if !rule.FromStatement && (!s.StatementAgreed.IsZero() || s.IndependentPerson != "" || s.Adjudicator != "") {
			add(p+"statement_agreed", "applies only to Stage 2 of the children's statutory procedure: the agreed statement of complaint, the Independent Person and the adjudicating officer")
		}
		if rule.Panel.Meet == 0 && (!s.PanelMet.IsZero() || !s.PanelReported.IsZero()) {
			add(p+"panel_met", "applies only to Stage 3 of the children's statutory procedure, the review panel")
		}
		if s.Outcome == OutcomeNotProgressed && s.Number == 1 {
			add(p+"outcome", "not_progressed is for an escalation request (Stage 2 or 3), not for Stage 1")
		}
		if derived := DerivedOutcome(s.Elements); derived != "" && s.Outcome != "" && s.Outcome != derived &&
			s.Outcome != OutcomeWithdrawn && s.Outcome != OutcomeResolvedEarly && s.Outcome != OutcomeRefused {
			add(p+"outcome", "%s does not follow from the findings on its elements, which give %s",
				s.Outcome.Label(), strings.ToLower(derived.Label()))
		}
		for j, pa := range s.Pauses {
			if pa.From.IsZero() {
				add(fmt.Sprintf("%spause%d_from", p, j+1), "is required: the day the clock was paused")
			}
		}
		prev = s
	}
	return errs
}

// stageCount is how many stages rec may have: its procedure's for a
// complaint, one reply clock for a record that has a clock, none otherwise.
func (r Rules) stageCount(rec *Record) int {
	if rec.Type == TypeComplaint {
		if p, ok := r.Procedures[rec.Procedure]; ok {
			return len(p.Stages)
		}
		return 1
	}
	if !rec.Type.HasClock() {
		return 0
	}
	return 1
}

func (r Rules) maxDescription(rec *Record, n int) string {
	if rec.Type == TypeSAR {
		return "a subject access request is due in " + SARExtension
	}
	s := rec.Stage(n)
	if s == nil {
		return "no extension allowed"
	}
	rule, ok := r.stageRule(rec, s)
	if !ok {
		return "no extension allowed"
	}
	if rule.BackstopMonths > 0 {
		return fmt.Sprintf("%d working days, within a %d-month backstop", rule.MaxDays, rule.BackstopMonths)
	}
	return fmt.Sprintf("%d working days at most", rule.MaxDays)
}

func (rec *Record) describeProcedure() string {
	if rec.Type == TypeComplaint {
		return "the " + rec.Procedure.Label() + " procedure"
	}
	return "a " + strings.ToLower(rec.Type.Label())
}

func joinTypes() string {
	s := make([]string, len(RecordTypes))
	for i, t := range RecordTypes {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}
