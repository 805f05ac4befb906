package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// caseForm is one form that changes a case: who may use it, when it
// applies, how its page is filled from the record and how a posted form
// changes the record. Every form carries the version of the case it was
// read from, so that a save over someone else's change is refused.
type caseForm struct {
	path     string // the part after /cases/{ref}/
	title    string
	template string
	// allowed says whether the user may use the form on the record; the
	// handler has already checked that they can see it.
	allowed func(u *heed.User, rec *heed.Record) bool
	// applies returns why the form does not apply to the record now, or "".
	applies func(rec *heed.Record, rules heed.Rules) string
	// fill puts the record's current values into the form's fields.
	fill func(f *formPage, v url.Values)
	// apply changes the record as the posted form says, or returns what is
	// wrong with the form; nothing is saved then.
	apply func(f *formPage, v url.Values) heed.FieldErrors
	// inputs maps a stored field's key, without its stage prefix, to the
	// form's input, for the rules the store checks.
	inputs map[string]string
	// done is the key of the success message on the case page.
	done string
	// reason, when set, makes the form offer a reason for the change,
	// which the case's history gives; it returns why a reason is needed
	// for the change from was to rec, or "" when one is optional.
	reason func(was, rec *heed.Record) string
	// items, when set, counts the items of the record the form adds to or
	// changes one of (see caseombudsman.go).
	items func(rec *heed.Record) int
}

// formPage is what a case form's template gets, and what its fill and
// apply functions work on.
type formPage struct {
	Form    *caseForm
	Record  *heed.Record
	Stage   *heed.Stage // the latest stage, nil when there is none
	Values  url.Values
	Version int
	// Latest is the furthest the stage may be extended to.
	Latest   calendar.Date
	Today    calendar.Date
	Options  map[string][]option
	Lesson   *heed.Lesson // complete-action: the lesson and action chosen
	Action   *heed.Action
	ActionID string
	// Names are the lists a record is filed under, for the details form.
	Names nameLists
	// Item is the item an items form changes, from 1; 0 adds one.
	Item int
}

// canWork reports whether the user may work on the case: record findings,
// the response and learning. Anyone who may see it, bar a viewer.
func canWork(u *heed.User, rec *heed.Record) bool { return u.SeesCases() && u.CanSee(rec) }

// canWorkOnStage reports whether the user may work on the stage the forms
// work on, the latest: an investigator only when it is theirs.
func canWorkOnStage(u *heed.User, rec *heed.Record) bool {
	return u.CanWorkOnStage(rec, latestStage(rec))
}

// latestStage is the stage a form works on: the last one.
func latestStage(rec *heed.Record) *heed.Stage {
	if len(rec.Stages) == 0 {
		return nil
	}
	return &rec.Stages[len(rec.Stages)-1]
}

func needsOpenStage(rec *heed.Record, _ heed.Rules) string {
	if st := latestStage(rec); st == nil || !st.Open() {
		return "This case has no stage waiting for a response."
	}
	return ""
}

var caseForms = append([]*caseForm{
	{
		path: "acknowledge", title: "Acknowledge", template: "case_acknowledge",
		allowed: (*heed.User).CanAllocate, applies: needsOpenStage, done: "acknowledged",
		inputs: map[string]string{"acknowledged": "acknowledged-day"},
		fill: func(f *formPage, v url.Values) {
			setDate(v, "acknowledged", or(f.Stage.Acknowledged, f.Today))
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			d, err := requiredDate(v, "acknowledged", "The date it was acknowledged")
			if err != nil {
				return heed.FieldErrors{*err}
			}
			f.Stage.Acknowledged = d
			return nil
		},
	},
	{
		path: "allocate", title: "Allocate to an investigator", template: "case_allocate",
		allowed: (*heed.User).CanAllocate, applies: needsOpenStage, done: "allocated",
		inputs: map[string]string{"investigator": "investigator"},
		fill:   func(f *formPage, v url.Values) { v.Set("investigator", f.Stage.Investigator) },
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			name := v.Get("investigator")
			if name == "" || !hasOption(f.Options["investigators"], name) {
				return heed.FieldErrors{{Field: "investigator", Message: "Select who will investigate"}}
			}
			f.Stage.Investigator = name
			return nil
		},
	},
	{
		path: "extend", title: "Extend the deadline", template: "case_extend",
		allowed: (*heed.User).CanAllocate, applies: needsOpenStage, done: "extended",
		inputs: map[string]string{"extended_to": "extended_to-day", "extension_reason": "reason"},
		fill: func(f *formPage, v url.Values) {
			setDate(v, "extended_to", f.Stage.ExtendedTo)
			v.Set("reason", f.Stage.ExtensionReason)
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			d, err := requiredDate(v, "extended_to", "The new deadline")
			if err != nil {
				errs = append(errs, *err)
			}
			reason := strings.TrimSpace(v.Get("reason"))
			if reason == "" {
				msg := "Enter why the deadline is extended, as agreed with the complainant"
				if f.Record.Type == heed.TypeSAR {
					msg = "Enter why the deadline is extended: why the request is complex"
				}
				errs = append(errs, heed.FieldError{Field: "reason", Message: msg})
			}
			f.Stage.ExtendedTo, f.Stage.ExtensionReason = d, reason
			return errs
		},
	},
	{
		path: "elements", title: "Elements and findings", template: "case_elements",
		allowed: canWorkOnStage, applies: needsStage, done: "elements",
		inputs: map[string]string{"element_summary": "element-{n}-summary"},
		fill: func(f *formPage, v url.Values) {
			for i, e := range f.Stage.Elements {
				v.Set(elementKey(i, "summary"), e.Summary)
				v.Set(elementKey(i, "finding"), string(e.Finding))
			}
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			var out []heed.Element
			for i := range elementRows(f.Stage) {
				summary := strings.TrimSpace(v.Get(elementKey(i, "summary")))
				finding := heed.Finding(v.Get(elementKey(i, "finding")))
				switch {
				case summary == "" && finding == "":
					continue
				case summary == "":
					errs = append(errs, heed.FieldError{Field: elementKey(i, "summary"), Message: "Enter what element " + strconv.Itoa(i+1) + " of the complaint is about"})
				case finding != "" && !hasOption(f.Options["findings"], string(finding)):
					errs = append(errs, heed.FieldError{Field: elementKey(i, "finding"), Message: "Select a finding for element " + strconv.Itoa(i+1)})
				}
				out = append(out, heed.Element{Summary: summary, Finding: finding})
			}
			if len(out) == 0 && len(errs) == 0 {
				errs = append(errs, heed.FieldError{Field: elementKey(0, "summary"), Message: "Enter at least one element of the complaint"})
			}
			f.Stage.Elements = out
			if f.Stage.Outcome != heed.OutcomeWithdrawn && f.Stage.Outcome != heed.OutcomeResolvedEarly {
				f.Stage.Outcome = "" // follows the findings again
			}
			return errs
		},
	},
	{
		path: "respond", title: "Record the response", template: "case_respond",
		allowed: canWorkOnStage, applies: needsOpenStage, done: "responded",
		// Closing with the response closes on the response date.
		inputs: map[string]string{"responded": "responded-day", "outcome": "outcome", "closed": "responded-day"},
		fill: func(f *formPage, v url.Values) {
			setDate(v, "responded", f.Today)
			v.Set("outcome", string(heed.DerivedOutcome(f.Stage.Elements)))
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			d, err := requiredDate(v, "responded", "The date of the response")
			if err != nil {
				errs = append(errs, *err)
			}
			// Only a complaint is upheld or not; a reply or a subject access
			// request is answered, which its response date says.
			outcome := v.Get("outcome")
			if f.Record.Type != heed.TypeComplaint {
				outcome = ""
			} else if !hasOption(f.Options["outcomes"], outcome) {
				errs = append(errs, heed.FieldError{Field: "outcome", Message: "Select the outcome"})
			}
			f.Stage.Responded, f.Stage.Outcome = d, heed.Outcome(outcome)
			if v.Get("close") == "yes" {
				f.Record.Closed = d
			}
			return errs
		},
	},
	{
		path: "escalate", title: "Escalate to the next stage", template: "case_escalate",
		allowed: (*heed.User).CanAllocate, applies: canEscalate, done: "escalated",
		// A request not progressed is answered on the day it was made.
		inputs: map[string]string{"requested": "requested-day", "responded": "requested-day"},
		fill:   func(f *formPage, v url.Values) { setDate(v, "requested", f.Today) },
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			d, err := requiredDate(v, "requested", "The date the complainant asked for the next stage")
			if err != nil {
				errs = append(errs, *err)
			}
			decision := v.Get("decision")
			if decision != "progress" && decision != "not_progressed" {
				errs = append(errs, heed.FieldError{Field: "decision", Message: "Select whether the complaint goes to the next stage"})
			}
			next := heed.Stage{Number: f.Stage.Number + 1, Started: d}
			if decision == "not_progressed" {
				next.Outcome, next.Responded = heed.OutcomeNotProgressed, d
			} else {
				f.Record.Closed = calendar.Date{}
			}
			f.Record.Stages = append(f.Record.Stages, next)
			return errs
		},
	},
	{
		path: "ombudsman", title: "Ombudsman decision", template: "case_ombudsman",
		allowed: (*heed.User).CanAllocate, done: "ombudsman", applies: ombudsmanEnquiry,
		inputs: map[string]string{"ombudsman_decided": "decided-day", "ombudsman_reference": "ombudsman_reference",
			"ombudsman_decision": "decision", "ombudsman_fault": "fault"},
		fill: func(f *formPage, v url.Values) {
			o := f.Record.Ombudsman
			if o == nil {
				o = &heed.OmbudsmanCase{}
			}
			v.Set("ombudsman_reference", o.Reference)
			v.Set("decision", string(o.Decision))
			setDate(v, "decided", o.Decided)
			v.Set("fault", string(o.Fault))
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			o := f.Record.Ombudsman
			if o == nil {
				o = &heed.OmbudsmanCase{}
			}
			o.Reference = strings.TrimSpace(v.Get("ombudsman_reference"))
			if d := v.Get("decision"); d != "" && !hasOption(f.Options["decisions"], d) {
				errs = append(errs, heed.FieldError{Field: "decision", Message: "Select the Ombudsman's decision"})
			} else {
				o.Decision = heed.OmbudsmanDecision(d)
			}
			var err *heed.FieldError
			if o.Decided, err = dateInput(v, "decided", "The date of the decision"); err != nil {
				errs = append(errs, *err)
			}
			if o.Decision != "" && o.Decided.IsZero() && err == nil {
				errs = append(errs, heed.FieldError{Field: "decided-day", Message: "Enter the date of the decision"})
			}
			if fault := v.Get("fault"); fault != "" && !hasOption(f.Options["faults"], fault) {
				errs = append(errs, heed.FieldError{Field: "fault", Message: "Select whether the Ombudsman found fault"})
			} else {
				o.Fault = heed.Fault(fault)
			}
			f.Record.Ombudsman = o
			return errs
		},
	},
	refuseForm,
	remedyForm,
	recommendationForm,
	{
		path: "learning", title: "Add learning", template: "case_learning",
		allowed: canWork, done: "learning",
		inputs: map[string]string{"learning": "lesson_text", "action": "action", "action_owner": "owner", "action_due": "due-day"},
		fill: func(f *formPage, v url.Values) {
			if len(f.Record.Lessons) > 0 {
				v.Set("lesson", strconv.Itoa(len(f.Record.Lessons)))
			} else {
				v.Set("lesson", "new")
			}
		},
		apply: applyLearning,
	},
	{
		path: "complete-action", title: "Complete an action", template: "case_complete_action",
		allowed: canWork, done: "action",
		inputs: map[string]string{"action_evidence": "evidence", "action_completed": "completed-day"},
		fill: func(f *formPage, v url.Values) {
			setDate(v, "completed", or(f.Action.Completed, f.Today))
			v.Set("evidence", f.Action.Evidence)
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			d, err := requiredDate(v, "completed", "The date the action was completed")
			if err != nil {
				errs = append(errs, *err)
			}
			evidence := strings.TrimSpace(v.Get("evidence"))
			if evidence == "" {
				errs = append(errs, heed.FieldError{Field: "evidence", Message: "Enter what shows the action was done, such as the new procedure's name"})
			}
			f.Action.Completed, f.Action.Evidence = d, evidence
			return errs
		},
	},
	{
		path: "redirect", title: "Redirect this contact", template: "case_redirect",
		allowed: (*heed.User).CanAllocate, done: "redirected",
		applies: func(rec *heed.Record, _ heed.Rules) string {
			if rec.Type == heed.TypeRedirected {
				return "This contact has already been redirected."
			}
			for _, st := range rec.Stages {
				if !st.Open() {
					return "A stage of this case has been answered, so it can no longer be redirected out of the procedure."
				}
			}
			return ""
		},
		fill: func(f *formPage, v url.Values) {},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			to := v.Get("redirected_to")
			if !hasOption(f.Options["redirections"], to) {
				return heed.FieldErrors{{Field: "redirected_to", Message: "Select where the contact was redirected to"}}
			}
			rec := f.Record
			rec.Type, rec.RedirectedTo, rec.Procedure = heed.TypeRedirected, heed.Redirection(to), ""
			rec.Stages, rec.Ombudsman, rec.Closed = nil, nil, f.Today
			return nil
		},
	},
}, correctionForms()...)

func needsStage(rec *heed.Record, _ heed.Rules) string {
	if rec.Type != heed.TypeComplaint || latestStage(rec) == nil {
		return "Only a complaint has elements and findings."
	}
	return ""
}

// canEscalate allows escalation of a complaint whose last stage has been
// answered and whose procedure has a further stage.
func canEscalate(rec *heed.Record, rules heed.Rules) string {
	st := latestStage(rec)
	switch {
	case rec.Type == heed.TypeComplaint && st != nil && st.Number >= len(rules.Procedures[rec.Procedure].Stages):
		return "Stage " + strconv.Itoa(st.Number) + " is the last stage of the " + rec.Procedure.Label() + " procedure."

	case rec.Type != heed.TypeComplaint || st == nil:
		return "Only a complaint can be escalated."
	case st.Open():
		return "Stage " + strconv.Itoa(st.Number) + " has not been answered yet, so it cannot be escalated."
	case st.Outcome == heed.OutcomeNotProgressed:
		return "The request for Stage " + strconv.Itoa(st.Number) + " was not progressed."
	}
	return ""
}

// applyLearning adds a lesson, or an action to a lesson already recorded.
func applyLearning(f *formPage, v url.Values) heed.FieldErrors {
	var errs heed.FieldErrors
	rec := f.Record
	var lesson *heed.Lesson
	switch choice := v.Get("lesson"); choice {
	case "new":
		text := strings.TrimSpace(v.Get("lesson_text"))
		none := v.Get("no_learning") == "yes"
		if text == "" && !none {
			errs = append(errs, heed.FieldError{Field: "lesson_text", Message: "Enter what was learnt, or select that no learning was identified"})
		}
		rec.Lessons = append(rec.Lessons, heed.Lesson{Text: text, NoLearning: none && text == ""})
		lesson = &rec.Lessons[len(rec.Lessons)-1]
	default:
		i, err := strconv.Atoi(choice)
		if err != nil || i < 1 || i > len(rec.Lessons) {
			return heed.FieldErrors{{Field: "lesson", Message: "Select the lesson the action follows from, or a new lesson"}}
		}
		lesson = &rec.Lessons[i-1]
	}
	a := heed.Action{Description: strings.TrimSpace(v.Get("action")), Owner: strings.TrimSpace(v.Get("owner"))}
	due, derr := dateInput(v, "due", "The date the action is due")
	a.Due = due
	given := a.Description != "" || a.Owner != "" || !due.IsZero() || derr != nil
	if lesson.NoLearning && given {
		errs = append(errs, heed.FieldError{Field: "action", Message: "An action needs a lesson it follows from: no learning was identified here"})
		return errs
	}
	if v.Get("lesson") != "new" || given {
		if a.Description == "" {
			errs = append(errs, heed.FieldError{Field: "action", Message: "Enter the action the council will take"})
		}
		if a.Owner == "" {
			errs = append(errs, heed.FieldError{Field: "owner", Message: "Enter who owns the action"})
		}
		switch {
		case derr != nil:
			errs = append(errs, *derr)
		case due.IsZero():
			errs = append(errs, heed.FieldError{Field: "due-day", Message: "Enter the date the action is due"})
		}
		lesson.Actions = append(lesson.Actions, a)
	}
	return errs
}

func elementKey(i int, part string) string { return "element-" + strconv.Itoa(i+1) + "-" + part }

// elementRows is how many element rows the form shows: those recorded and
// two more.
func elementRows(st *heed.Stage) int { return len(st.Elements) + 2 }

func setDate(v url.Values, name string, d calendar.Date) {
	if d.IsZero() {
		return
	}
	v.Set(name+"-day", strconv.Itoa(d.Day()))
	v.Set(name+"-month", strconv.Itoa(int(d.Month())))
	v.Set(name+"-year", strconv.Itoa(d.Year()))
}

func requiredDate(v url.Values, name, label string) (calendar.Date, *heed.FieldError) {
	d, err := dateInput(v, name, label)
	if err == nil && d.IsZero() {
		err = &heed.FieldError{Field: name + "-day", Message: "Enter " + strings.ToLower(label[:1]) + label[1:]}
	}
	return d, err
}

func or(d, otherwise calendar.Date) calendar.Date {
	if d.IsZero() {
		return otherwise
	}
	return d
}

func hasOption(opts []option, v string) bool {
	for _, o := range opts {
		if o.Value == v && v != "" {
			return true
		}
	}
	return false
}

// Path is where the form is, after /cases/{ref}/.
func (f *caseForm) Path() string { return f.path }

// Title is the form's heading and its link on the case page.
func (f *caseForm) Title() string { return f.title }

// ChangeTitle is the heading of an items form changing item n: "Change
// remedy 2" for "Add a remedy".
func (f *caseForm) ChangeTitle(n int) string {
	return strings.Replace(f.title, "Add a ", "Change ", 1) + " " + strconv.Itoa(n)
}
