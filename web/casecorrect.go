package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// The forms that correct a record: its details, any stage already
// recorded, reopening a closed case and closing one with nothing left to
// answer. Each change is a line of the case's history, with the reason
// given.

// correctionForms are the correcting forms, one for each stage.
func correctionForms() []*caseForm {
	forms := []*caseForm{detailsForm, reopenForm, closeForm}
	for n := 1; n <= 3; n++ {
		forms = append(forms, stageForm(n))
	}
	return forms
}

// teamGroup is a service area's teams, for a select's option group.
type teamGroup struct {
	Area  string
	Teams []option // the value is the team's id
}

// nameLists are the service areas, teams and themes a record may be filed
// under: those in use, and any retired one the record has already.
type nameLists struct {
	Areas, Themes []option
	Teams         []teamGroup
	team          map[string][2]string // a team's id to its area and name
}

var detailsForm = &caseForm{
	path: "details", title: "Change details", template: "case_details",
	allowed: (*heed.User).CanAllocate, done: "details", reason: optionalReason,
	inputs: map[string]string{"received": "received-day", "service_area": "service_area", "team": "team", "theme": "theme",
		"procedure": "procedure", "complainant_name": "complainant_name", "complainant_type": "complainant_type",
		"advocacy": "advocacy", "channel": "channel", "summary": "summary", "related_reference": "related_reference"},
	fill: func(f *formPage, v url.Values) {
		r := f.Record
		setDate(v, "received", r.Received)
		v.Set("service_area", r.ServiceArea)
		v.Set("theme", r.Theme)
		for id, t := range f.Names.team {
			if heed.NameKey(t[0]) == heed.NameKey(r.ServiceArea) && heed.NameKey(t[1]) == heed.NameKey(r.Team) {
				v.Set("team", id)
			}
		}
		v.Set("procedure", string(r.Procedure))
		v.Set("complainant_name", r.ComplainantName)
		v.Set("complainant_type", string(r.ComplainantType))
		if r.YoungPerson {
			v.Set("young_person", "yes")
		}
		if r.UASC {
			v.Set("uasc", "yes")
		}
		v.Set("advocacy", string(r.Advocacy))
		v.Set("channel", string(r.Channel))
		v.Set("summary", r.Summary)
		v.Set("related_reference", r.RelatedReference)
	},
	apply: func(f *formPage, v url.Values) heed.FieldErrors {
		var errs heed.FieldErrors
		r := f.Record
		text := func(k string) string { return strings.TrimSpace(v.Get(k)) }
		received, err := requiredDate(v, "received", "The date it was received")
		if err != nil {
			errs = append(errs, *err)
		}
		r.Received = received
		errs = append(errs, f.Names.read(v, r)...)
		if r.Type == heed.TypeComplaint {
			r.Procedure = heed.ProcedureID(v.Get("procedure"))
		}
		r.ComplainantName, r.ComplainantType = text("complainant_name"), heed.ComplainantType(v.Get("complainant_type"))
		r.YoungPerson, r.Advocacy = v.Get("young_person") == "yes", heed.Advocacy(v.Get("advocacy"))
		r.UASC = v.Get("uasc") == "yes"
		r.Channel, r.Summary, r.RelatedReference = heed.Channel(v.Get("channel")), text("summary"), text("related_reference")
		if len(r.Stages) > 0 && r.Stages[0].Number == 1 {
			r.Stages[0].Started = received // Stage 1 starts on receipt
		}
		return errs
	},
}

// stageForm corrects stage n: its dates, investigator and outcome. A
// change to a date or the outcome of an answered stage needs a reason.
func stageForm(n int) *caseForm {
	stage := func(f *formPage) *heed.Stage {
		f.Stage = f.Record.Stage(n)
		return f.Stage
	}
	return &caseForm{
		path: "correct-stage-" + strconv.Itoa(n), title: "Correct Stage " + strconv.Itoa(n), template: "case_correct_stage",
		allowed: (*heed.User).CanAllocate, done: "corrected",
		applies: func(rec *heed.Record, _ heed.Rules) string {
			if rec.Stage(n) == nil {
				return "This case has no Stage " + strconv.Itoa(n) + " to correct."
			}
			return ""
		},
		inputs: map[string]string{"requested": "requested-day", "acknowledged": "acknowledged-day", "investigator": "investigator",
			"extended_to": "extended_to-day", "extension_reason": "extension_reason", "responded": "responded-day", "outcome": "outcome",
			"statement_agreed": "statement_agreed-day", "independent_person": "independent_person", "adjudicator": "adjudicator",
			"panel_met": "panel_met-day", "panel_reported": "panel_reported-day", "refusal_reason": "refusal_reason"},
		reason: func(was, rec *heed.Record) string {
			old, now := was.Stage(n), rec.Stage(n)
			if old == nil || now == nil || old.Open() {
				return ""
			}
			if old.Started != now.Started || old.Acknowledged != now.Acknowledged || old.ExtendedTo != now.ExtendedTo ||
				old.Responded != now.Responded || old.Outcome != now.Outcome {
				return "Enter why you are changing a date or the outcome of a stage already answered"
			}
			return ""
		},
		fill: func(f *formPage, v url.Values) {
			s := stage(f)
			if n > 1 {
				setDate(v, "requested", s.Started)
			}
			setDate(v, "acknowledged", s.Acknowledged)
			setDate(v, "extended_to", s.ExtendedTo)
			v.Set("extension_reason", s.ExtensionReason)
			setDate(v, "responded", s.Responded)
			v.Set("investigator", s.Investigator)
			v.Set("outcome", string(s.Outcome))
			v.Set("corrective_action", string(s.CorrectiveAction))
			v.Set("refusal_reason", string(s.RefusalReason))
			setDate(v, "statement_agreed", s.StatementAgreed)
			v.Set("independent_person", s.IndependentPerson)
			v.Set("adjudicator", s.Adjudicator)
			setDate(v, "panel_met", s.PanelMet)
			setDate(v, "panel_reported", s.PanelReported)
		},
		apply: func(f *formPage, v url.Values) heed.FieldErrors {
			var errs heed.FieldErrors
			s := stage(f)
			date := func(name, label string, required bool) calendar.Date {
				read := dateInput
				if required {
					read = requiredDate
				}
				d, err := read(v, name, label)
				if err != nil {
					errs = append(errs, *err)
				}
				return d
			}
			if n > 1 {
				s.Started = date("requested", "The date the complainant asked for Stage "+strconv.Itoa(n), true)
			}
			s.Acknowledged = date("acknowledged", "The date it was acknowledged", false)
			s.ExtendedTo = date("extended_to", "The extended deadline", false)
			s.ExtensionReason = strings.TrimSpace(v.Get("extension_reason"))
			if !s.ExtendedTo.IsZero() && s.ExtensionReason == "" {
				errs = append(errs, heed.FieldError{Field: "extension_reason", Message: "Enter why the deadline is extended"})
			}
			if s.ExtendedTo.IsZero() {
				s.ExtensionReason = ""
			}
			s.Responded = date("responded", "The date of the response", false)
			s.Investigator = v.Get("investigator")
			if s.Investigator != "" && !hasOption(f.Options["investigators"], s.Investigator) {
				errs = append(errs, heed.FieldError{Field: "investigator", Message: "Select an investigator from the list"})
			}
			outcome := v.Get("outcome")
			if outcome != "" && !hasOption(f.Options["outcomes"], outcome) {
				errs = append(errs, heed.FieldError{Field: "outcome", Message: "Select the outcome"})
			}
			s.Outcome = heed.Outcome(outcome)
			if _, ok := f.Options["refusals-or-none"]; ok {
				s.RefusalReason = heed.RefusalReason(v.Get("refusal_reason"))
				if s.RefusalReason != "" && !hasOption(f.Options["refusals"], string(s.RefusalReason)) {
					errs = append(errs, heed.FieldError{Field: "refusal_reason", Message: "Select the reason for refusal"})
				}
			}
			s.CorrectiveAction = heed.CorrectiveAction(v.Get("corrective_action"))
			if s.CorrectiveAction != "" && !slices.Contains(heed.CorrectiveActions, s.CorrectiveAction) {
				errs = append(errs, heed.FieldError{Field: "corrective_action", Message: "Select whether the response identified corrective action"})
			}
			if statutoryStage(f.Record, n) == 2 {
				s.StatementAgreed = date("statement_agreed", "The date the statement of complaint was agreed", false)
				s.IndependentPerson = strings.TrimSpace(v.Get("independent_person"))
				s.Adjudicator = strings.TrimSpace(v.Get("adjudicator"))
			}
			if statutoryStage(f.Record, n) == 3 {
				s.PanelMet = date("panel_met", "The date the review panel met", false)
				s.PanelReported = date("panel_reported", "The date of the review panel's report", false)
			}
			if !s.Responded.IsZero() && s.Outcome == "" {
				errs = append(errs, heed.FieldError{Field: "outcome", Message: "Select the outcome of the response"})
			}
			return errs
		},
	}
}

var reopenForm = &caseForm{
	path: "reopen", title: "Reopen the case", template: "case_reopen",
	allowed: (*heed.User).CanAllocate, done: "reopened",
	reason: func(_, _ *heed.Record) string { return "Enter why the case is reopened" },
	applies: func(rec *heed.Record, _ heed.Rules) string {
		if rec.Closed.IsZero() {
			return "This case is open."
		}
		return ""
	},
	fill:  func(*formPage, url.Values) {},
	apply: func(f *formPage, _ url.Values) heed.FieldErrors { f.Record.Closed = calendar.Date{}; return nil },
}

var closeForm = &caseForm{
	path: "close", title: "Close the case", template: "case_close",
	allowed: (*heed.User).CanAllocate, done: "closed", reason: optionalReason,
	inputs: map[string]string{"closed": "closed-day"},
	applies: func(rec *heed.Record, _ heed.Rules) string {
		if !rec.Closed.IsZero() {
			return "This case is closed already."
		}
		if st := latestStage(rec); st != nil && st.Open() {
			return "This case has a stage waiting for its response: record the response, and close the case with it."
		}
		return ""
	},
	fill: func(f *formPage, v url.Values) { setDate(v, "closed", f.Today) },
	apply: func(f *formPage, v url.Values) heed.FieldErrors {
		d, err := requiredDate(v, "closed", "The date it was closed")
		if err != nil {
			return heed.FieldErrors{*err}
		}
		f.Record.Closed = d
		return nil
	},
}

// statutoryStage is n when stage n of rec is the children's statutory Stage
// 2 or 3, which record more than other stages, or 0.
func statutoryStage(rec *heed.Record, n int) int {
	if rec.Type == heed.TypeComplaint && rec.Procedure == heed.ChildrenStatutory && (n == 2 || n == 3) {
		return n
	}
	return 0
}

// optionalReason asks for no reason, though the form offers to give one.
func optionalReason(_, _ *heed.Record) string { return "" }

// read files rec under the service area, team and theme the form v
// chose from the lists, and says what is wrong with the choice.
func (l nameLists) read(v url.Values, rec *heed.Record) heed.FieldErrors {
	var errs heed.FieldErrors
	rec.ServiceArea, rec.Theme, rec.Team = strings.TrimSpace(v.Get("service_area")), strings.TrimSpace(v.Get("theme")), ""
	if rec.ServiceArea != "" && !hasOption(l.Areas, rec.ServiceArea) {
		errs = append(errs, heed.FieldError{Field: "service_area", Message: "Select a service area from the list"})
	}
	if rec.Type != heed.TypeSAR && rec.ServiceArea == "" {
		errs = append(errs, heed.FieldError{Field: "service_area", Message: "Select the service area the contact is about"})
	}
	if id := v.Get("team"); id != "" {
		t, ok := l.team[id]
		switch {
		case !ok:
			errs = append(errs, heed.FieldError{Field: "team", Message: "Select a team from the list"})
		case heed.NameKey(t[0]) != heed.NameKey(rec.ServiceArea):
			errs = append(errs, heed.FieldError{Field: "team", Message: "Select a team of " + rec.ServiceArea + ", or none"})
		default:
			rec.Team = t[1]
		}
	}
	if rec.Theme != "" && !hasOption(l.Themes, rec.Theme) {
		errs = append(errs, heed.FieldError{Field: "theme", Message: "Select a theme from the list"})
	}
	return errs
}

// nameLists reads the names a record may be filed under: those in use,
// and any retired one that rec has already.
func (s *Server) nameLists(r *http.Request, rec *heed.Record) (nameLists, error) {
	if rec == nil {
		rec = &heed.Record{}
	}
	l := nameLists{team: map[string][2]string{}}
	areas, err := s.Store.ServiceAreaList(r.Context())
	if err != nil {
		return l, err
	}
	mine := func(name, have string) bool { return have != "" && heed.NameKey(name) == heed.NameKey(have) }
	l.Areas = []option{{"", "Select a service area"}}
	for _, a := range areas {
		if a.Retired && !mine(a.Name, rec.ServiceArea) {
			continue
		}
		l.Areas = append(l.Areas, option{a.Name, a.Name})
		g := teamGroup{Area: a.Name}
		for _, t := range a.Teams {
			if t.Retired && !(mine(a.Name, rec.ServiceArea) && mine(t.Name, rec.Team)) {
				continue
			}
			id := strconv.FormatInt(t.ID, 10)
			g.Teams = append(g.Teams, option{id, t.Name})
			l.team[id] = [2]string{a.Name, t.Name}
		}
		if len(g.Teams) > 0 {
			l.Teams = append(l.Teams, g)
		}
	}
	themes, err := s.Store.Themes(r.Context())
	if err != nil {
		return l, err
	}
	l.Themes = []option{{"", "No theme"}}
	for _, t := range themes {
		if !t.Retired || mine(t.Name, rec.Theme) {
			l.Themes = append(l.Themes, option{t.Name, t.Name})
		}
	}
	return l, nil
}
