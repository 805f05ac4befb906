package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// targetsData is the procedure targets page: every stage of every
// procedure, and the reply targets of the other record types.
type targetsData struct {
	Procedures []procedureTargets
	Replies    []targetInput
}

type procedureTargets struct {
	Label  string
	Stages []stageTargets
}

type stageTargets struct {
	Number              int
	Statutory           int
	FromAcknowledgement bool
	BackstopMonths      int
	Target, Max, Ack    targetInput
}

// targetInput is one number of the form: its input's id, label and value
// (as posted, on error).
type targetInput struct {
	ID, Label, Value string
	key              string // the configuration key heed.RuleError names
}

// targetsForm lays out the rules as the form's inputs.
func targetsForm(rules heed.Rules) targetsData {
	var d targetsData
	for _, id := range heed.ProcedureIDs {
		p, ok := rules.Procedures[id]
		if !ok {
			continue
		}
		pt := procedureTargets{Label: id.Label()}
		for i, s := range p.Stages {
			n := i + 1
			in := func(suffix, field, label string, v int) targetInput {
				return targetInput{ID: fmt.Sprintf("%s-%d-%s", id, n, suffix), Label: label,
					Value: strconv.Itoa(v), key: heed.TargetKey(id, n, field)}
			}
			pt.Stages = append(pt.Stages, stageTargets{Number: n, Statutory: s.Statutory,
				FromAcknowledgement: s.FromAcknowledgement, BackstopMonths: s.BackstopMonths,
				Target: in("target", "target_working_days", "Target", s.TargetDays),
				Max:    in("max", "max_working_days", "Most with an extension", s.MaxDays),
				Ack:    in("ack", "acknowledge_working_days", "Days to acknowledge", s.AcknowledgeDays)})
		}
		d.Procedures = append(d.Procedures, pt)
	}
	for _, t := range heed.RecordTypes {
		if days, ok := rules.ReplyDays[t]; ok {
			d.Replies = append(d.Replies, targetInput{ID: "reply-" + string(t), Label: t.Label(),
				Value: strconv.Itoa(days), key: heed.ReplyKey(t)})
		}
	}
	return d
}

// each calls fn with every input of the form and what it sets.
func (d *targetsData) each(fn func(in *targetInput, what string)) {
	for i := range d.Procedures {
		p := &d.Procedures[i]
		for j := range p.Stages {
			st := &p.Stages[j]
			what := fmt.Sprintf("%s Stage %d", p.Label, st.Number)
			fn(&st.Target, what+" target")
			fn(&st.Max, what+" most with an extension")
			fn(&st.Ack, what+" days to acknowledge")
		}
	}
	for i := range d.Replies {
		fn(&d.Replies[i], d.Replies[i].Label+" reply target")
	}
}

func (s *Server) adminTargets(w http.ResponseWriter, r *http.Request) {
	var success string
	if moved, err := strconv.Atoi(r.URL.Query().Get("moved")); err == nil {
		success = "The targets were saved. " + movedMessage(moved)
	}
	s.render(w, r, http.StatusOK, "admin_targets", page{Title: "Procedure targets", Nav: "admin", Success: success,
		Data: targetsForm(s.rules())})
}

// movedMessage says how many open deadlines moved.
func movedMessage(moved int) string {
	switch moved {
	case 0:
		return "No open deadline moved."
	case 1:
		return "1 open deadline moved to follow them."
	}
	return thousands(moved) + " open deadlines moved to follow them."
}

func (s *Server) adminSaveTargets(w http.ResponseWriter, r *http.Request) {
	current := s.rules()
	form := targetsForm(current)
	rules := current.Clone()
	errs := readTargets(r.PostForm, &form, &rules)
	if len(errs) == 0 {
		errs = ruleErrors(rules.Validate(), form)
	}
	if len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "admin_targets", page{Title: "Procedure targets", Nav: "admin", Errors: errs, Data: form})
		return
	}
	moved, err := s.Store.SaveTargets(r.Context(), actor(r), rules)
	if errs := ruleErrors(err, form); len(errs) > 0 {
		s.render(w, r, http.StatusBadRequest, "admin_targets", page{Title: "Procedure targets", Nav: "admin", Errors: errs, Data: form})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/targets?moved="+strconv.Itoa(moved), http.StatusSeeOther)
}

// readTargets reads the posted numbers into the form (as typed) and the
// rules, and returns an error for each that is not a whole number.
func readTargets(v url.Values, form *targetsData, rules *heed.Rules) []fieldError {
	var errs []fieldError
	numbers := map[string]int{}
	form.each(func(in *targetInput, what string) {
		in.Value = strings.TrimSpace(v.Get(in.ID))
		n, err := strconv.Atoi(in.Value)
		if err != nil || n < 0 {
			errs = append(errs, fieldError{in.ID, fmt.Sprintf("Enter the %s as a whole number of working days, like 10", what)})
			return
		}
		numbers[in.key] = n
	})
	if len(errs) > 0 {
		return errs
	}
	for id, p := range rules.Procedures {
		for i := range p.Stages {
			st := &p.Stages[i]
			st.TargetDays = numbers[heed.TargetKey(id, i+1, "target_working_days")]
			st.MaxDays = numbers[heed.TargetKey(id, i+1, "max_working_days")]
			st.AcknowledgeDays = numbers[heed.TargetKey(id, i+1, "acknowledge_working_days")]
		}
	}
	for t := range rules.ReplyDays {
		rules.ReplyDays[t] = numbers[heed.ReplyKey(t)]
	}
	return nil
}

// ruleErrors turns heed.RuleErrors into errors on the form's inputs.
func ruleErrors(err error, form targetsData) []fieldError {
	var rerrs heed.RuleErrors
	if !errors.As(err, &rerrs) {
		return nil
	}
	var out []fieldError
	for _, re := range rerrs {
		field, what := "", ""
		form.each(func(in *targetInput, w string) {
			if in.key == re.Key {
				field, what = in.ID, w
			}
		})
		if field == "" {
			continue // a rule the form does not set, such as the default procedure
		}
		msg := what + ": " + re.Message
		if strings.Contains(re.Message, " Stage ") { // it names the stage itself
			msg = strings.ToUpper(re.Message[:1]) + re.Message[1:]
		}
		out = append(out, fieldError{field, msg})
	}
	return out
}
