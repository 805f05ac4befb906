package heed

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/heedhq/heed/calendar"
)

// A record's fields, flattened to keys and text values, are its one written
// form: the spreadsheet's columns are field keys, and the audit history
// records changes field by field. Keys for repeated parts carry a number:
// stage2_responded, stage1_element3_finding, lesson2_action_due.

// Columns are the spreadsheet's standard columns, in the order export writes
// them. Any other key of Fields may also be a column (export adds those a
// record uses, so that export then import is lossless).
var Columns = []string{
	"reference", "type", "received", "service_area", "directorate", "team", "procedure", "theme",
	"complainant_name", "complainant_type", "young_person", "advocacy", "channel", "summary",
	"stage1_acknowledged", "stage1_investigator", "stage1_extended_to", "stage1_extension_reason", "stage1_responded", "stage1_outcome",
	"stage2_requested", "stage2_acknowledged", "stage2_investigator", "stage2_extended_to", "stage2_extension_reason", "stage2_responded", "stage2_outcome",
	"stage3_requested", "stage3_responded", "stage3_outcome",
	"ombudsman_reference", "ombudsman_decision", "ombudsman_decided", "ombudsman_fault",
	"ombudsman_remedy1_type", "ombudsman_remedy1_amount", "ombudsman_remedy1_due", "ombudsman_remedy1_complied",
	"ombudsman_recommendation1", "ombudsman_recommendation1_due", "ombudsman_recommendation1_complied",
	"related_reference", "redirected_to",
	"learning", "no_learning_identified", "action", "action_owner", "action_due", "action_completed", "action_evidence",
	"closed",
}

// Fields returns every recorded field of r as key and text; fields not
// recorded are absent. Dates are ISO 8601, booleans yes or no, money in
// pounds with two decimals. Computed fields (deadlines) are not included.
func (r *Record) Fields() map[string]string {
	f := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			f[k] = v
		}
	}
	set("reference", r.Reference)
	set("type", string(r.Type))
	set("received", r.Received.String())
	set("service_area", r.ServiceArea)
	set("directorate", r.Directorate)
	set("team", r.Team)
	set("procedure", string(r.Procedure))
	set("theme", r.Theme)
	set("complainant_name", r.ComplainantName)
	set("complainant_type", string(r.ComplainantType))
	if r.YoungPerson {
		f["young_person"] = "yes"
	}
	if r.UASC {
		f["uasc"] = "yes"
	}
	set("advocacy", string(r.Advocacy))
	set("channel", string(r.Channel))
	set("summary", r.Summary)
	for _, s := range r.Stages {
		p := fmt.Sprintf("stage%d_", s.Number)
		if s.Number > 1 {
			set(p+"requested", s.Started.String())
		}
		set(p+"acknowledged", s.Acknowledged.String())
		set(p+"investigator", s.Investigator)
		set(p+"extended_to", s.ExtendedTo.String())
		set(p+"extension_reason", s.ExtensionReason)
		set(p+"responded", s.Responded.String())
		set(p+"outcome", string(s.Outcome))
		set(p+"corrective_action", string(s.CorrectiveAction))
		set(p+"refusal_reason", string(s.RefusalReason))
		set(p+"statement_agreed", s.StatementAgreed.String())
		set(p+"independent_person", s.IndependentPerson)
		set(p+"adjudicator", s.Adjudicator)
		set(p+"panel_met", s.PanelMet.String())
		set(p+"panel_reported", s.PanelReported.String())
		for i, e := range s.Elements {
			ep := fmt.Sprintf("%selement%d_", p, i+1)
			set(ep+"summary", e.Summary)
			set(ep+"finding", string(e.Finding))
		}
		for i, pa := range s.Pauses {
			pp := fmt.Sprintf("%spause%d_", p, i+1)
			set(pp+"from", pa.From.String())
			set(pp+"to", pa.To.String())
			set(pp+"reason", pa.Reason)
		}
	}
	if o := r.Ombudsman; !o.IsZero() {
		set("ombudsman_reference", o.Reference)
		set("ombudsman_decision", string(o.Decision))
		set("ombudsman_decided", o.Decided.String())
		set("ombudsman_fault", string(o.Fault))
		for i, m := range o.Remedies {
			p := fmt.Sprintf("ombudsman_remedy%d_", i+1)
			set(p+"type", string(m.Type))
			if m.Pence != 0 {
				f[p+"amount"] = fmt.Sprintf("%d.%02d", m.Pence/100, m.Pence%100)
			}
			set(p+"due", m.Due.String())
			set(p+"complied", m.Complied.String())
		}
		for i, m := range o.Recommendations {
			p := fmt.Sprintf("ombudsman_recommendation%d", i+1)
			set(p, m.Text)
			set(p+"_due", m.Due.String())
			set(p+"_complied", m.Complied.String())
		}
	}
	set("related_reference", r.RelatedReference)
	set("redirected_to", string(r.RedirectedTo))
	for i, l := range r.Lessons {
		lp := lessonPrefix(i + 1)
		set(lp+"learning", l.Text)
		if l.NoLearning {
			f[lp+"no_learning_identified"] = "yes"
		}
		for j, a := range l.Actions {
			ap := lp + actionKey(j+1)
			set(ap, a.Description)
			set(ap+"_owner", a.Owner)
			set(ap+"_due", a.Due.String())
			set(ap+"_completed", a.Completed.String())
			set(ap+"_evidence", a.Evidence)
		}
	}
	set("closed", r.Closed.String())
	return f
}

func lessonPrefix(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf("lesson%d_", n)
}

func actionKey(n int) string {
	if n == 1 {
		return "action"
	}
	return fmt.Sprintf("action%d", n)
}

var (
	stageKey  = regexp.MustCompile(`^stage([1-3])_(.+)$`)
	partKey   = regexp.MustCompile(`^(element|pause)([0-9]+)_(.+)$`)
	lessonKey = regexp.MustCompile(`^(?:lesson([0-9]+)_)?(learning|no_learning_identified|action([0-9]*)(?:_(owner|due|completed|evidence))?)$`)
)

// splitStageKey is stageKey's match without a regular expression (a
// third of the work of reading an import's cells): the stage's number and
// the rest of the key.
func splitStageKey(key string) (int, string, bool) {
	if len(key) < 8 || key[:5] != "stage" || key[5] < '1' || key[5] > '3' || key[6] != '_' ||
		strings.IndexByte(key[7:], '\n') >= 0 {
		return 0, "", false
	}
	return int(key[5] - '0'), key[7:], true
}

// splitPartKey is partKey.FindStringSubmatch without a regular
// expression: the whole key, element or pause, the number, and the rest;
// nil when it does not match.
func splitPartKey(key string) []string {
	kind := ""
	switch {
	case strings.HasPrefix(key, "element"):
		kind = "element"
	case strings.HasPrefix(key, "pause"):
		kind = "pause"
	default:
		return nil
	}
	tail := key[len(kind):]
	digits := leadingDigits(tail)
	if digits == 0 || digits+1 >= len(tail) || tail[digits] != '_' || strings.IndexByte(tail[digits+1:], '\n') >= 0 {
		return nil
	}
	return []string{key, kind, tail[:digits], tail[digits+1:]}
}

// splitLessonKey is lessonKey.FindStringSubmatch without a regular
// expression (a fifth of the work of reading an import's cells): the whole
// key, the lesson's number, the rest, the action's number and the action's
// field, each "" when absent; nil when it does not match.
func splitLessonKey(key string) []string {
	m := []string{key, "", key, "", ""}
	if tail, ok := strings.CutPrefix(key, "lesson"); ok {
		digits := leadingDigits(tail)
		if digits == 0 || digits == len(tail) || tail[digits] != '_' {
			return nil
		}
		m[1], m[2] = tail[:digits], tail[digits+1:]
	}
	if m[2] == "learning" || m[2] == "no_learning_identified" {
		return m
	}
	tail, ok := strings.CutPrefix(m[2], "action")
	if !ok {
		return nil
	}
	digits := leadingDigits(tail)
	m[3], tail = tail[:digits], tail[digits:]
	switch tail {
	case "":
		return m
	case "_owner", "_due", "_completed", "_evidence":
		m[4] = tail[1:]
		return m
	}
	return nil
}

// leadingDigits is the number of ASCII digits s starts with.
func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// maxRepeat bounds the numbered parts one record may hold.
const maxRepeat = 50

// SetField sets the field key from its text form. An empty value leaves the
// field unrecorded. The error says what was expected, in words a complaints
// officer understands; it does not name the key (the caller knows it).
func (r *Record) SetField(key, value string) error {
	value = strings.TrimSpace(value)
	if value == "" {
		return nil
	}
	switch key {
	case "reference":
		r.Reference = value
		return nil
	case "type":
		return setEnum(&r.Type, value, RecordTypes)
	case "received":
		return setDate(&r.Received, value)
	case "service_area":
		r.ServiceArea = value
		return nil
	case "directorate":
		r.Directorate = value
		return nil
	case "team":
		r.Team = value
		return nil
	case "procedure":
		return setEnum(&r.Procedure, value, ProcedureIDs)
	case "theme":
		r.Theme = value
		return nil
	case "complainant_name":
		r.ComplainantName = value
		return nil
	case "complainant_type":
		return setEnum(&r.ComplainantType, value, ComplainantTypes)
	case "young_person":
		return setBool(&r.YoungPerson, value)
	case "uasc":
		return setBool(&r.UASC, value)
	case "advocacy":
		return setEnum(&r.Advocacy, value, Advocacies)
	case "channel":
		return setEnum(&r.Channel, value, Channels)
	case "summary":
		r.Summary = value
		return nil
	case "related_reference":
		r.RelatedReference = value
		return nil
	case "redirected_to":
		return setEnum(&r.RedirectedTo, value, Redirections)
	case "closed":
		return setDate(&r.Closed, value)
	}
	if strings.HasPrefix(key, "ombudsman_") {
		return r.setOmbudsman(strings.TrimPrefix(key, "ombudsman_"), value)
	}
	if n, rest, ok := splitStageKey(key); ok {
		return r.stageFor(n).setField(rest, value)
	}
	if m := splitLessonKey(key); m != nil {
		return r.setLesson(m, value)
	}
	return errUnknownField
}

// errUnknownField is SetField's answer to a key that is no field.
var errUnknownField = errors.New("is not a column Heed knows")

// KnownField reports whether key is a field SetField accepts.
func KnownField(key string) bool {
	var r Record
	return !errors.Is(r.SetField(key, "x"), errUnknownField)
}

func (r *Record) stageFor(n int) *Stage {
	if s := r.Stage(n); s != nil {
		return s
	}
	r.Stages = append(r.Stages, Stage{Number: n})
	slices.SortFunc(r.Stages, func(a, b Stage) int { return a.Number - b.Number })
	return r.Stage(n)
}

func (s *Stage) setField(key, value string) error {
	switch key {
	case "requested":
		if s.Number == 1 {
			return errUnknownField
		}
		return setDate(&s.Started, value)
	case "acknowledged":
		return setDate(&s.Acknowledged, value)
	case "investigator":
		s.Investigator = value
	case "extended_to":
		return setDate(&s.ExtendedTo, value)
	case "extension_reason":
		s.ExtensionReason = value
	case "responded":
		return setDate(&s.Responded, value)
	case "outcome":
		return setEnum(&s.Outcome, value, Outcomes)
	case "corrective_action":
		return setEnum(&s.CorrectiveAction, value, CorrectiveActions)
	case "refusal_reason":
		if s.Number != 1 {
			return errUnknownField
		}
		return setEnum(&s.RefusalReason, value, RefusalReasons)
	case "statement_agreed":
		return setDate(&s.StatementAgreed, value)
	case "independent_person":
		s.IndependentPerson = value
	case "adjudicator":
		s.Adjudicator = value
	case "panel_met":
		return setDate(&s.PanelMet, value)
	case "panel_reported":
		return setDate(&s.PanelReported, value)
	default:
		m := splitPartKey(key)
		if m == nil {
			return errUnknownField
		}
		i, err := strconv.Atoi(m[2])
		if err != nil || i < 1 || i > maxRepeat {
			return errUnknownField
		}
		if m[1] == "element" {
			for len(s.Elements) < i {
				s.Elements = append(s.Elements, Element{})
			}
			e := &s.Elements[i-1]
			switch m[3] {
			case "summary":
				e.Summary = value
			case "finding":
				return setEnum(&e.Finding, value, Findings)
			default:
				return errUnknownField
			}
			return nil
		}
		for len(s.Pauses) < i {
			s.Pauses = append(s.Pauses, Pause{})
		}
		p := &s.Pauses[i-1]
		switch m[3] {
		case "from":
			return setDate(&p.From, value)
		case "to":
			return setDate(&p.To, value)
		case "reason":
			p.Reason = value
		default:
			return errUnknownField
		}
	}
	return nil
}

func (r *Record) setOmbudsman(key, value string) error {
	if r.Ombudsman == nil {
		r.Ombudsman = &OmbudsmanCase{}
	}
	o := r.Ombudsman
	switch key {
	case "reference":
		o.Reference = value
	case "decision":
		return setEnum(&o.Decision, value, OmbudsmanDecisions)
	case "decided":
		return setDate(&o.Decided, value)
	case "fault":
		return setEnum(&o.Fault, value, Faults)
	// The single remedy of the spreadsheets before several were kept is
	// the first.
	case "remedy":
		return o.setRemedy(1, "type", value)
	case "remedy_amount":
		return o.setRemedy(1, "amount", value)
	case "complied":
		return o.setRemedy(1, "complied", value)
	default:
		if m := remedyKey.FindStringSubmatch(key); m != nil {
			n, err := strconv.Atoi(m[1])
			if err != nil || n < 1 || n > maxRepeat {
				return errUnknownField
			}
			return o.setRemedy(n, m[2], value)
		}
		if m := recommendationKey.FindStringSubmatch(key); m != nil {
			n, err := strconv.Atoi(m[1])
			if err != nil || n < 1 || n > maxRepeat {
				return errUnknownField
			}
			for len(o.Recommendations) < n {
				o.Recommendations = append(o.Recommendations, Recommendation{})
			}
			c := &o.Recommendations[n-1]
			switch m[2] {
			case "":
				c.Text = value
			case "_due":
				return setDate(&c.Due, value)
			case "_complied":
				return setDate(&c.Complied, value)
			}
			return nil
		}
		return errUnknownField
	}
	return nil
}

var (
	remedyKey         = regexp.MustCompile(`^remedy([0-9]+)_(type|amount|due|complied)$`)
	recommendationKey = regexp.MustCompile(`^recommendation([0-9]+)(|_due|_complied)$`)
)

// setRemedy sets field key (type, amount, due, complied) of remedy n.
func (o *OmbudsmanCase) setRemedy(n int, key, value string) error {
	for len(o.Remedies) < n {
		o.Remedies = append(o.Remedies, Remedy{})
	}
	m := &o.Remedies[n-1]
	switch key {
	case "type":
		return setEnum(&m.Type, value, RemedyTypes)
	case "amount":
		p, err := ParsePounds(value)
		if err != nil {
			return err
		}
		m.Pence = p
	case "due":
		return setDate(&m.Due, value)
	case "complied":
		return setDate(&m.Complied, value)
	}
	return nil
}

func (r *Record) setLesson(m []string, value string) error {
	n := 1
	if m[1] != "" {
		n, _ = strconv.Atoi(m[1])
	}
	if n < 1 || n > maxRepeat {
		return errUnknownField
	}
	for len(r.Lessons) < n {
		r.Lessons = append(r.Lessons, Lesson{})
	}
	l := &r.Lessons[n-1]
	switch m[2] {
	case "learning":
		l.Text = value
		return nil
	case "no_learning_identified":
		return setBool(&l.NoLearning, value)
	}
	k := 1
	if m[3] != "" {
		var err error
		if k, err = strconv.Atoi(m[3]); err != nil || k < 2 || k > maxRepeat {
			return errUnknownField
		}
	}
	for len(l.Actions) < k {
		l.Actions = append(l.Actions, Action{})
	}
	a := &l.Actions[k-1]
	switch m[4] {
	case "":
		a.Description = value
	case "owner":
		a.Owner = value
	case "due":
		return setDate(&a.Due, value)
	case "completed":
		return setDate(&a.Completed, value)
	case "evidence":
		a.Evidence = value
	}
	return nil
}

func setEnum[T ~string](dst *T, value string, allowed []T) error {
	v := T(strings.ToLower(strings.ReplaceAll(strings.TrimSpace(value), " ", "_")))
	if slices.Contains(allowed, v) {
		*dst = v
		return nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	return fmt.Errorf("%q is not allowed: expected one of %s", value, strings.Join(names, ", "))
}

func setDate(dst *calendar.Date, value string) error {
	d, err := calendar.ParseDate(value)
	if err != nil {
		return err
	}
	if !plausibleYear(d.Year()) {
		return errors.New(yearMessage(strconv.Quote(value)))
	}
	*dst = d
	return nil
}

func setBool(dst *bool, value string) error {
	switch strings.ToLower(value) {
	case "yes", "y", "true", "1":
		*dst = true
	case "no", "n", "false", "0":
		*dst = false
	default:
		return fmt.Errorf("%q is not yes or no", value)
	}
	return nil
}

// ParsePounds reads an amount of pounds, such as 250, 250.5 or £1,250.00,
// into pence, up to MaxRemedyPence. The error says what was expected.
func ParsePounds(s string) (int64, error) {
	s = strings.NewReplacer("£", "", ",", "", " ", "").Replace(strings.TrimSpace(s))
	whole, frac, hasFrac := strings.Cut(s, ".")
	if !digits(whole) || (hasFrac && (len(frac) == 0 || len(frac) > 2 || !digits(frac))) {
		return 0, fmt.Errorf("%q is not an amount of money: expected pounds such as 250 or 250.00", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > MaxRemedyPence/100 {
		return 0, fmt.Errorf("%q %s", s, amountMessage())
	}
	var p int64
	if hasFrac {
		p, _ = strconv.ParseInt(frac, 10, 64) // one or two digits
		if len(frac) == 1 {
			p *= 10
		}
	}
	if pence := w*100 + p; pence <= MaxRemedyPence {
		return pence, nil
	}
	return 0, fmt.Errorf("%q %s", s, amountMessage())
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

// IsDateField reports whether the field key holds a date.
func IsDateField(key string) bool {
	var r Record
	return r.SetField(key, "2015-01-01") == nil && r.SetField(key, "1") != nil
}
