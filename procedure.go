package heed

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed/calendar"
)

// ProcedureID names a complaints procedure.
type ProcedureID string

// The procedures.
const (
	// ChildrenStatutory is the Children Act 1989 Representations Procedure
	// (England) Regulations 2006: three stages.
	ChildrenStatutory ProcedureID = "children_statutory"
	// Corporate is the council-wide procedure of the LGSCO Complaint Handling
	// Code: two stages.
	Corporate ProcedureID = "corporate"
	// AdultSocialCare is the LASS and NHS Complaints (England) Regulations
	// 2009: a single stage.
	AdultSocialCare ProcedureID = "adult_social_care"
	// Housing is the Housing Ombudsman Complaint Handling Code: two stages.
	Housing ProcedureID = "housing"
)

// ProcedureIDs lists the procedures in the order reports show them.
var ProcedureIDs = []ProcedureID{ChildrenStatutory, Corporate, AdultSocialCare, Housing}

// Label is the procedure's name in plain English.
func (p ProcedureID) Label() string {
	switch p {
	case ChildrenStatutory:
		return "Children's statutory"
	case Corporate:
		return "Corporate"
	case AdultSocialCare:
		return "Adult social care"
	case Housing:
		return "Housing"
	}
	return string(p)
}

// StageRule holds the timescales of one stage of a procedure, in working
// days. Target and acknowledgement periods are the council's to set;
// Statutory is the law's ceiling, which no target or extension may pass.
type StageRule struct {
	// AcknowledgeDays is the target for acknowledging; 0 means none.
	AcknowledgeDays int
	// TargetDays is the council's response target.
	TargetDays int
	// MaxDays is the furthest an agreed extension may take the deadline,
	// counted from the same day 0 as TargetDays.
	MaxDays int
	// Statutory is the most the law allows for MaxDays (and so TargetDays).
	Statutory int
	// FromAcknowledgement counts the response clock from the acknowledgement
	// (the LGSCO and Housing Ombudsman codes) instead of from the start.
	FromAcknowledgement bool
	// BackstopMonths is a calendar-month backstop (adult social care: six
	// months); 0 means none.
	BackstopMonths int
	// FromStatement counts the response clock from the agreed written
	// statement of complaint once one is recorded (the children's
	// statutory Stage 2).
	FromStatement bool
	// Panel sets the review panel's own clocks (the children's statutory
	// Stage 3), in working days; zero when the stage has no panel.
	Panel PanelDays
}

// PanelDays are a review panel's timescales in working days: it meets
// within Meet of the request, reports within Report of meeting, and the
// council responds within Respond of the report.
type PanelDays struct {
	Meet, Report, Respond int
}

// Procedure is a complaints procedure and the rules of its stages. Its
// targets come in dated sets: Stages are the latest set's, in force now
// (from From), and Earlier holds the sets before it, from-date ascending.
// The first set applies to everything before the second; each stage is
// judged by the set in force on the day it started.
type Procedure struct {
	ID     ProcedureID
	Stages []StageRule // Stages[0] is Stage 1
	// From is the first day Stages apply to (by the day a stage starts);
	// zero when the procedure has one set, which applies to every stage.
	From calendar.Date
	// Name says whose timescales Stages are, as explanations quote them,
	// such as "the Complaint Handling Code's timescales"; "" for a
	// procedure with one set.
	Name string
	// Earlier are the sets in force before From, oldest first.
	Earlier []TargetSet
}

// TargetSet is the rules of a procedure's stages from a date.
type TargetSet struct {
	// From is the first day the set applies to; zero for the first set.
	From calendar.Date
	// Name says whose timescales these are, such as "the council's
	// corporate timescales before the Code".
	Name   string
	Stages []StageRule
}

// Sets returns every target set of the procedure, from-date ascending, the
// one in force now last.
func (p Procedure) Sets() []TargetSet {
	out := make([]TargetSet, 0, len(p.Earlier)+1)
	out = append(out, p.Earlier...)
	return append(out, TargetSet{From: p.From, Name: p.Name, Stages: p.Stages})
}

// WithSets returns p with these target sets, from-date ascending: the last
// becomes the set in force now.
func (p Procedure) WithSets(sets []TargetSet) Procedure {
	last := sets[len(sets)-1]
	p.Stages, p.From, p.Name, p.Earlier = last.Stages, last.From, last.Name, nil
	if len(sets) > 1 {
		p.Earlier = sets[:len(sets)-1]
	}
	return p
}

// SetOn returns the target set in force on day d: the last whose From is
// on or before d, or the first set when d is before them all (or zero).
func (p Procedure) SetOn(d calendar.Date) TargetSet {
	if len(p.Earlier) == 0 || !d.Before(p.From) {
		return TargetSet{From: p.From, Name: p.Name, Stages: p.Stages}
	}
	set := p.Earlier[0]
	for _, e := range p.Earlier[1:] {
		if d.Before(e.From) {
			break
		}
		set = e
	}
	return set
}

// DescribeSets says which set of targets judges which stages, for a
// procedure with more than one: "the council's corporate timescales before
// the Code for stages started before 1 April 2026; the Complaint Handling
// Code's timescales for those started from 1 April 2026". It is "" for a
// procedure with one set.
func (p Procedure) DescribeSets() string {
	sets := p.Sets()
	if len(sets) < 2 {
		return ""
	}
	parts := make([]string, len(sets))
	for k, set := range sets {
		name := set.Name
		if name == "" {
			name = fmt.Sprintf("targets %d", k+1)
		}
		switch {
		case k == 0:
			parts[k] = fmt.Sprintf("%s for stages started before %s", name, sets[1].From.Long())
		case k == len(sets)-1:
			parts[k] = fmt.Sprintf("%s for those started from %s", name, set.From.Long())
		default:
			parts[k] = fmt.Sprintf("%s for those started from %s to %s", name, set.From.Long(), sets[k+1].From.AddDays(-1).Long())
		}
	}
	return strings.Join(parts, "; ")
}

// Stage returns the rule for stage n (1-based) in force now, or false.
func (p Procedure) Stage(n int) (StageRule, bool) {
	return stageOf(p.Stages, n)
}

// StageOn returns the rule for stage n (1-based) of a stage that started
// on day started, and the set it comes from, or false.
func (p Procedure) StageOn(n int, started calendar.Date) (StageRule, TargetSet, bool) {
	set := p.SetOn(started)
	rule, ok := stageOf(set.Stages, n)
	return rule, set, ok
}

func stageOf(stages []StageRule, n int) (StageRule, bool) {
	if n < 1 || n > len(stages) {
		return StageRule{}, false
	}
	return stages[n-1], true
}

// CodeStart is the day from which the LGSCO Complaint Handling Code's
// timescales apply: to stages started from 1 April 2026.
func CodeStart() calendar.Date { return calendar.NewDate(2026, time.April, 1) }

// SetKey is the configuration key of the procedure's target set i, an
// index into Sets: procedures.corporate for the set in force now,
// procedures.corporate.before[1] for the first of the earlier ones.
func (p Procedure) SetKey(i int) string {
	if i >= len(p.Earlier) {
		return "procedures." + string(p.ID)
	}
	return "procedures." + string(p.ID) + ".before[" + strconv.Itoa(i+1) + "]"
}

// Rules are the timescales a council applies: its procedures and the reply
// targets of the other record types. DefaultRules gives domain.md's values;
// configuration may change targets within the statutory maxima.
type Rules struct {
	Procedures map[ProcedureID]Procedure
	// ReplyDays is the reply target in working days for records that are not
	// complaints (comments, enquiries). A subject access request instead gets
	// one calendar month.
	ReplyDays map[RecordType]int
	// DefaultProcedure applies to a complaint recorded without one.
	DefaultProcedure ProcedureID
}

// DefaultRules returns the statutory and Code timescales of domain.md.
func DefaultRules() Rules {
	return Rules{
		Procedures: map[ProcedureID]Procedure{
			ChildrenStatutory: {ID: ChildrenStatutory, Stages: []StageRule{
				{TargetDays: 10, MaxDays: 20, Statutory: 20},
				{TargetDays: 25, MaxDays: 65, Statutory: 65, FromStatement: true},
				// Review panel within 30 working days of the request, its
				// report within 5 of meeting, the council's response within
				// 15 of the report: 50 in all.
				{TargetDays: 50, MaxDays: 50, Statutory: 50, Panel: PanelDays{Meet: 30, Report: 5, Respond: 15}},
			}},
			Corporate: {ID: Corporate, Stages: []StageRule{
				{AcknowledgeDays: 5, TargetDays: 10, MaxDays: 20, Statutory: 20, FromAcknowledgement: true},
				{AcknowledgeDays: 5, TargetDays: 20, MaxDays: 40, Statutory: 40, FromAcknowledgement: true},
			}, From: CodeStart(), Name: CodeTimescales,
				// Before the Code, the council's own corporate timescales:
				// 10 working days from receipt at Stage 1, 20 at Stage 2, no
				// acknowledgement target.
				Earlier: []TargetSet{{Name: CorporateTimescales, Stages: []StageRule{
					{TargetDays: 10, MaxDays: 20, Statutory: 20},
					{TargetDays: 20, MaxDays: 40, Statutory: 40},
				}}}},
			AdultSocialCare: {ID: AdultSocialCare, Stages: []StageRule{
				// The response date is agreed with the complainant (recorded as
				// an extension) within a six-month backstop. 20 is a local
				// default for the first target.
				{AcknowledgeDays: 3, TargetDays: 20, MaxDays: 120, Statutory: 120, BackstopMonths: 6},
			}},
			Housing: {ID: Housing, Stages: []StageRule{
				{AcknowledgeDays: 5, TargetDays: 10, MaxDays: 20, Statutory: 20, FromAcknowledgement: true},
				{AcknowledgeDays: 5, TargetDays: 20, MaxDays: 40, Statutory: 40, FromAcknowledgement: true},
			}},
		},
		ReplyDays: map[RecordType]int{
			TypeComment:           15,
			TypeMPEnquiry:         10,
			TypeCouncillorEnquiry: 10,
			TypeOmbudsmanEnquiry:  5,
		},
		DefaultProcedure: ChildrenStatutory,
	}
}

// The names of the corporate procedure's default target sets.
const (
	CorporateTimescales = "the council's corporate timescales before the Code"
	CodeTimescales      = "the Complaint Handling Code's timescales"
)

// RuleError is one broken rule in a set of Rules. Key is the configuration
// key, such as procedures.children_statutory.stage1.target_working_days.
type RuleError struct {
	Key     string
	Message string
}

// RuleErrors is every broken rule, so that all can be mended at once.
type RuleErrors []RuleError

func (e RuleErrors) Error() string {
	msgs := make([]string, len(e))
	for i, r := range e {
		msgs[i] = r.Key + ": " + r.Message
	}
	return strings.Join(msgs, "; ")
}

// Validate checks every target against its statutory maximum and returns
// RuleErrors naming each key that is wrong, or nil.
func (r Rules) Validate() error {
	var errs RuleErrors
	ids := make([]string, 0, len(r.Procedures))
	for id := range r.Procedures {
		ids = append(ids, string(id))
	}
	sort.Strings(ids)
	for _, id := range ids {
		p := r.Procedures[ProcedureID(id)]
		errs = append(errs, p.validate()...)
	}
	types := make([]string, 0, len(r.ReplyDays))
	for t := range r.ReplyDays {
		types = append(types, string(t))
	}
	sort.Strings(types)
	for _, t := range types {
		if d := r.ReplyDays[RecordType(t)]; d < 1 || d > 65 {
			errs = append(errs, RuleError{"record_types." + t + ".target_working_days",
				fmt.Sprintf("must be between 1 and 65 working days, not %d", d)})
		}
	}
	if _, ok := r.Procedures[r.DefaultProcedure]; !ok {
		errs = append(errs, RuleError{"default_procedure",
			fmt.Sprintf("%q is not a procedure: expected one of %s", r.DefaultProcedure, joinProcedures())})
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// validate checks each target set of p: its stages against their
// statutory maxima, and its date after the set before it.
func (p Procedure) validate() RuleErrors {
	var errs RuleErrors
	sets := p.Sets()
	for k, set := range sets {
		prefix := p.SetKey(k)
		if k > 0 {
			switch prev := sets[k-1]; {
			case set.From.IsZero():
				errs = append(errs, RuleError{prefix + ".from",
					"give the date from which these targets apply"})
			case !prev.From.IsZero() && !set.From.After(prev.From):
				errs = append(errs, RuleError{prefix + ".from",
					fmt.Sprintf("%s is not after %s, when the targets before these began: list the targets oldest first", set.From.Long(), prev.From.Long())})
			}
			if len(set.Stages) != len(sets[0].Stages) {
				errs = append(errs, RuleError{prefix, fmt.Sprintf("has %d stages, but the targets before it have %d", len(set.Stages), len(sets[0].Stages))})
			}
		}
		for i, s := range set.Stages {
			key := fmt.Sprintf("%s.stage%d", prefix, i+1)
			switch {
			case s.TargetDays < 1:
				errs = append(errs, RuleError{key + ".target_working_days",
					fmt.Sprintf("the target must be at least 1 working day, not %d", s.TargetDays)})
			case s.TargetDays > s.Statutory:
				errs = append(errs, RuleError{key + ".target_working_days",
					fmt.Sprintf("a target of %d working days is above the statutory maximum of %d for %s Stage %d",
						s.TargetDays, s.Statutory, p.ID.Label(), i+1)})
			}
			switch {
			case s.MaxDays > s.Statutory:
				errs = append(errs, RuleError{key + ".max_working_days",
					fmt.Sprintf("an extension to %d working days is beyond the statutory maximum of %d for %s Stage %d",
						s.MaxDays, s.Statutory, p.ID.Label(), i+1)})
			case s.MaxDays < s.TargetDays && s.TargetDays <= s.Statutory:
				errs = append(errs, RuleError{key + ".max_working_days",
					fmt.Sprintf("the maximum with extension (%d working days) is below the target (%d)", s.MaxDays, s.TargetDays)})
			}
			if s.AcknowledgeDays < 0 {
				errs = append(errs, RuleError{key + ".acknowledge_working_days", "must not be negative"})
			}
		}
	}
	return errs
}

func joinProcedures() string {
	s := make([]string, len(ProcedureIDs))
	for i, p := range ProcedureIDs {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}
