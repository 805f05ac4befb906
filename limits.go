package heed

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heedhq/heed/calendar"
)

// What one record may hold. The web forms, the import and anything added
// later all go through Rules.Check, which applies them.
const (
	// MaxReference is the longest reference, of Heed's or the
	// Ombudsman's, in characters.
	MaxReference = 64
	// MaxName is the longest name of a service area, team or theme.
	MaxName = 100
	// MaxPersonName is the longest name of a person: the complainant, an
	// investigator, an action's owner.
	MaxPersonName = 200
	// MaxLongText is the longest summary, lesson or evidence of an action.
	MaxLongText = 20000
	// MaxShortText is the longest element summary, reason or action.
	MaxShortText = 2000
	// MaxRemedyPence is the largest financial remedy: £1,000,000.
	MaxRemedyPence = 100_000_000
	// FirstYear and LastYear bound every date a record holds: the years
	// whose bank holidays Heed knows, so that every clock can be counted.
	FirstYear, LastYear = calendar.FirstRuleYear, calendar.LastRuleYear
)

// textKind is what kind of text a field holds, which sets its rules.
type textKind int

const (
	kindReference textKind = iota // a reference: a name, at most MaxReference
	kindName                      // a service area, team or theme
	kindPerson                    // a person's name
	kindLong                      // free text, at most MaxLongText
	kindShort                     // free text, at most MaxShortText
)

// limit is the most characters a text of the kind may hold.
func (k textKind) limit() int {
	switch k {
	case kindReference:
		return MaxReference
	case kindName:
		return MaxName
	case kindPerson:
		return MaxPersonName
	case kindLong:
		return MaxLongText
	}
	return MaxShortText
}

// text is one text field of a record and its key; key is built only
// when a rule is broken.
type text struct {
	kind  textKind
	value string
	key   func() string
}

// texts lists every text field of the record.
func (r *Record) texts() []text {
	fixed := func(k string) func() string { return func() string { return k } }
	out := []text{
		{kindReference, r.Reference, fixed("reference")},
		{kindReference, r.RelatedReference, fixed("related_reference")},
		{kindName, r.ServiceArea, fixed("service_area")},
		{kindName, r.Directorate, fixed("directorate")},
		{kindName, r.Team, fixed("team")},
		{kindName, r.Theme, fixed("theme")},
		{kindPerson, r.ComplainantName, fixed("complainant_name")},
		{kindLong, r.Summary, fixed("summary")},
	}
	if r.Ombudsman != nil {
		out = append(out, text{kindReference, r.Ombudsman.Reference, fixed("ombudsman_reference")})
		for i := range r.Ombudsman.Recommendations {
			out = append(out, text{kindShort, r.Ombudsman.Recommendations[i].Text, fixed(fmt.Sprintf("ombudsman_recommendation%d", i+1))})
		}
	}
	for i := range r.Stages {
		s := &r.Stages[i]
		p := func(k string) func() string { return func() string { return fmt.Sprintf("stage%d_%s", s.Number, k) } }
		out = append(out, text{kindPerson, s.Investigator, p("investigator")},
			text{kindPerson, s.IndependentPerson, p("independent_person")}, text{kindPerson, s.Adjudicator, p("adjudicator")},
			text{kindShort, s.ExtensionReason, p("extension_reason")})
		for j := range s.Elements {
			out = append(out, text{kindShort, s.Elements[j].Summary, p(fmt.Sprintf("element%d_summary", j+1))})
		}
		for j := range s.Pauses {
			out = append(out, text{kindShort, s.Pauses[j].Reason, p(fmt.Sprintf("pause%d_reason", j+1))})
		}
	}
	for i := range r.Lessons {
		l := &r.Lessons[i]
		lp := lessonPrefix(i + 1)
		out = append(out, text{kindLong, l.Text, fixed(lp + "learning")})
		for j := range l.Actions {
			a := &l.Actions[j]
			ak := lp + actionKey(j+1)
			out = append(out, text{kindShort, a.Description, fixed(ak)},
				text{kindPerson, a.Owner, fixed(ak + "_owner")},
				text{kindLong, a.Evidence, fixed(ak + "_evidence")})
		}
	}
	return out
}

// cleanNames puts every reference and name of the record in its one
// written form (CleanName). A name CleanName refuses is left as it is, for
// checkTexts to report.
func (r *Record) cleanNames() {
	clean := func(s *string) {
		if c, err := CleanName(*s); err == nil {
			*s = c
		}
	}
	for _, p := range []*string{&r.Reference, &r.RelatedReference, &r.ServiceArea, &r.Directorate, &r.Team, &r.Theme, &r.ComplainantName} {
		clean(p)
	}
	if r.Ombudsman != nil {
		clean(&r.Ombudsman.Reference)
	}
	for i := range r.Stages {
		s := &r.Stages[i]
		for _, p := range []*string{&s.Investigator, &s.IndependentPerson, &s.Adjudicator} {
			clean(p)
		}
	}
	for i := range r.Lessons {
		for j := range r.Lessons[i].Actions {
			clean(&r.Lessons[i].Actions[j].Owner)
		}
	}
}

// checkTexts returns the text fields that break their rules: not UTF-8, a
// control character, or too long.
func (r *Record) checkTexts() FieldErrors {
	var errs FieldErrors
	for _, t := range r.texts() {
		if t.value == "" {
			continue
		}
		if msg := textProblem(t.kind, t.value); msg != "" {
			errs = append(errs, FieldError{t.key(), msg})
		}
	}
	return errs
}

// textProblem says what is wrong with a text of that kind, or "".
func textProblem(kind textKind, s string) string {
	switch kind {
	case kindReference, kindName, kindPerson:
		if _, err := CleanName(s); err != nil {
			return err.Error()
		}
	default:
		if msg := freeTextProblem(s); msg != "" {
			return msg
		}
	}
	if n, limit := utf8.RuneCountInString(s), kind.limit(); n > limit {
		return fmt.Sprintf("is too long: %s characters, where at most %s are kept", thousands(n), thousands(limit))
	}
	return ""
}

// freeTextProblem says why free text cannot be stored, or "".
func freeTextProblem(s string) string {
	valid, control := TextFault(s)
	switch {
	case !valid:
		return "is not readable text: save the file as UTF-8 and try again"
	case control >= 0:
		return fmt.Sprintf("holds a control character (%U), which Heed does not store: remove it", control)
	}
	return ""
}

// TextFault tells what keeps s from being text Heed stores, wherever it
// comes from: valid is false when s is not UTF-8; control is the first
// control character in it other than a tab or a line break, or -1. Text
// passes when valid and control is -1.
func TextFault(s string) (valid bool, control rune) {
	if !utf8.ValidString(s) {
		return false, -1
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return true, r
	}
	return true, -1
}

// dated is one date of a record and its key.
type dated struct {
	date calendar.Date
	key  func() string
}

// dates lists every date recorded on the record (computed deadlines aside).
func (r *Record) dates() []dated {
	fixed := func(k string) func() string { return func() string { return k } }
	out := []dated{{r.Received, fixed("received")}, {r.Closed, fixed("closed")}}
	if o := r.Ombudsman; o != nil {
		out = append(out, dated{o.Decided, fixed("ombudsman_decided")})
		for i, m := range o.Remedies {
			p := fmt.Sprintf("ombudsman_remedy%d_", i+1)
			out = append(out, dated{m.Due, fixed(p + "due")}, dated{m.Complied, fixed(p + "complied")})
		}
		for i, m := range o.Recommendations {
			p := fmt.Sprintf("ombudsman_recommendation%d_", i+1)
			out = append(out, dated{m.Due, fixed(p + "due")}, dated{m.Complied, fixed(p + "complied")})
		}
	}
	for i := range r.Stages {
		s := &r.Stages[i]
		p := func(k string) func() string { return func() string { return fmt.Sprintf("stage%d_%s", s.Number, k) } }
		if s.Number > 1 {
			out = append(out, dated{s.Started, p("requested")})
		}
		out = append(out, dated{s.Acknowledged, p("acknowledged")}, dated{s.ExtendedTo, p("extended_to")},
			dated{s.Responded, p("responded")})
		for j := range s.Pauses {
			out = append(out, dated{s.Pauses[j].From, p(fmt.Sprintf("pause%d_from", j+1))},
				dated{s.Pauses[j].To, p(fmt.Sprintf("pause%d_to", j+1))})
		}
	}
	for i := range r.Lessons {
		for j := range r.Lessons[i].Actions {
			a := &r.Lessons[i].Actions[j]
			ak := lessonPrefix(i+1) + actionKey(j+1)
			out = append(out, dated{a.Due, fixed(ak + "_due")}, dated{a.Completed, fixed(ak + "_completed")})
		}
	}
	return out
}

// checkDates returns the dates outside FirstYear to LastYear: the same rule
// for a date typed in a form and one read from a spreadsheet.
func (r *Record) checkDates() FieldErrors {
	var errs FieldErrors
	for _, d := range r.dates() {
		if !d.date.IsZero() && !plausibleYear(d.date.Year()) {
			errs = append(errs, FieldError{d.key(), yearMessage(d.date.Long())})
		}
	}
	return errs
}

func plausibleYear(y int) bool { return y >= FirstYear && y <= LastYear }

func yearMessage(date string) string {
	return fmt.Sprintf("%s is not a plausible date: expected a year between %d and %d", date, FirstYear, LastYear)
}

// checkAmounts returns the remedies outside 0 to MaxRemedyPence.
func (r *Record) checkAmounts() FieldErrors {
	var errs FieldErrors
	if o := r.Ombudsman; o != nil {
		for i, m := range o.Remedies {
			if m.Pence < 0 || m.Pence > MaxRemedyPence {
				errs = append(errs, FieldError{fmt.Sprintf("ombudsman_remedy%d_amount", i+1), amountMessage()})
			}
		}
	}
	return errs
}

func amountMessage() string {
	return fmt.Sprintf("is not a plausible remedy: expected an amount in pounds from 0 to £%s", thousands(MaxRemedyPence/100))
}

// thousands writes n with commas: 20,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
