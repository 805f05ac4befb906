package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// targetsData is the procedure targets page: every stage of every dated
// set of targets of every procedure, and the reply targets of the other
// record types.
type targetsData struct {
	Procedures []procedureTargets
	Replies    []targetInput
	// Dates holds the date inputs' day, month and year, as posted on error.
	Dates url.Values
}

type procedureTargets struct {
	Label string
	Sets  []setTargets
}

// setTargets is one dated set of a procedure's targets.
type setTargets struct {
	// Heading says when the set applies ("Before 1 April 2026", "From 1
	// April 2026"); "" for a procedure with one set.
	Heading string
	Name    string // whose timescales they are
	// From is the name of the date input for the day the set applies
	// from; "" for the first set, which applies to everything before the
	// second.
	From   string
	Stages []stageTargets
	when   string // the heading in a sentence, for an earlier set; "" for the set in force now
	key    string // heed.Procedure.SetKey
}

type stageTargets struct {
	Number              int
	Legend              string
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
	earlier          bool   // of a set before the one in force now
}

// targetsForm lays out the rules as the form's inputs, each procedure's
// sets oldest first. The inputs of the set in force now are named
// corporate-1-target; those of the first earlier set
// corporate-before1-1-target.
func targetsForm(rules heed.Rules) targetsData {
	d := targetsData{Dates: url.Values{}}
	for _, id := range heed.ProcedureIDs {
		p, ok := rules.Procedures[id]
		if !ok {
			continue
		}
		pt := procedureTargets{Label: id.Label()}
		sets := p.Sets()
		for k, set := range sets {
			latest := k == len(sets)-1
			st := setTargets{Name: set.Name, key: p.SetKey(k)}
			prefix := string(id)
			if !latest {
				prefix = fmt.Sprintf("%s-before%d", id, k+1)
			}
			if len(sets) > 1 {
				switch {
				case k == 0:
					st.Heading = "Before " + sets[1].From.Long()
				case latest:
					st.Heading = "From " + set.From.Long()
				default:
					st.Heading = "From " + set.From.Long() + " to " + sets[k+1].From.AddDays(-1).Long()
				}
				if !latest {
					st.when = strings.ToLower(st.Heading[:1]) + st.Heading[1:]
				}
				if k > 0 {
					st.From = prefix + "-from"
					setDate(d.Dates, st.From, set.From)
				}
			}
			for i, s := range set.Stages {
				n := i + 1
				in := func(suffix, field, label string, v int) targetInput {
					return targetInput{ID: fmt.Sprintf("%s-%d-%s", prefix, n, suffix), Label: label,
						Value: strconv.Itoa(v), key: st.key + ".stage" + strconv.Itoa(n) + "." + field, earlier: !latest}
				}
				legend := fmt.Sprintf("%s, Stage %d", id.Label(), n)
				if st.when != "" {
					legend += ", " + st.when
				}
				st.Stages = append(st.Stages, stageTargets{Number: n, Legend: legend, Statutory: s.Statutory,
					FromAcknowledgement: s.FromAcknowledgement, BackstopMonths: s.BackstopMonths,
					Target: in("target", "target_working_days", "Target", s.TargetDays),
					Max:    in("max", "max_working_days", "Most with an extension", s.MaxDays),
					Ack:    in("ack", "acknowledge_working_days", "Days to acknowledge", s.AcknowledgeDays)})
			}
			pt.Sets = append(pt.Sets, st)
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

// each calls fn with every number input of the form and what it sets.
func (d *targetsData) each(fn func(in *targetInput, what string)) {
	for i := range d.Procedures {
		p := &d.Procedures[i]
		for k := range p.Sets {
			set := &p.Sets[k]
			for j := range set.Stages {
				st := &set.Stages[j]
				what := fmt.Sprintf("%s Stage %d", p.Label, st.Number)
				if set.when != "" {
					what += " (" + set.when + ")"
				}
				fn(&st.Target, what+" target")
				fn(&st.Max, what+" most with an extension")
				fn(&st.Ack, what+" days to acknowledge")
			}
		}
	}
	for i := range d.Replies {
		fn(&d.Replies[i], d.Replies[i].Label+" reply target")
	}
}

// eachDate calls fn with every set that has a date input, and what it
// sets.
func (d *targetsData) eachDate(fn func(set *setTargets, what string)) {
	for i := range d.Procedures {
		p := &d.Procedures[i]
		for k := range p.Sets {
			if set := &p.Sets[k]; set.From != "" {
				which := "the later " + p.Label + " targets"
				if set.Name != "" {
					which = "the " + p.Label + " targets (" + set.Name + ")"
				}
				fn(set, "the date from which "+which+" apply")
			}
		}
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

// readTargets reads the posted numbers and dates into the form (as typed)
// and the rules, and returns an error for each number that is not a whole
// number and each date that is not a real one.
func readTargets(v url.Values, form *targetsData, rules *heed.Rules) heed.FieldErrors {
	var errs heed.FieldErrors
	numbers := map[string]int{}
	form.each(func(in *targetInput, what string) {
		in.Value = strings.TrimSpace(v.Get(in.ID))
		n, err := strconv.Atoi(in.Value)
		if err != nil || n < 0 {
			errs = append(errs, heed.FieldError{Field: in.ID, Message: fmt.Sprintf("Enter the %s as a whole number of working days, like 10", what)})
			return
		}
		numbers[in.key] = n
	})
	froms := map[string]calendar.Date{}
	form.eachDate(func(set *setTargets, what string) {
		for _, part := range []string{"-day", "-month", "-year"} {
			form.Dates.Set(set.From+part, v.Get(set.From+part))
		}
		d, err := requiredDate(v, set.From, strings.ToUpper(what[:1])+what[1:])
		if err != nil {
			errs = append(errs, *err)
			return
		}
		froms[set.key] = d
	})
	if len(errs) > 0 {
		return errs
	}
	for id, p := range rules.Procedures {
		sets := p.Sets()
		for k := range sets {
			key := p.SetKey(k)
			for i := range sets[k].Stages {
				st := &sets[k].Stages[i]
				field := func(name string) int { return numbers[key+".stage"+strconv.Itoa(i+1)+"."+name] }
				st.TargetDays, st.MaxDays, st.AcknowledgeDays = field("target_working_days"), field("max_working_days"), field("acknowledge_working_days")
			}
			if d, ok := froms[key]; ok {
				sets[k].From = d
			}
		}
		rules.Procedures[id] = p.WithSets(sets)
	}
	for t := range rules.ReplyDays {
		rules.ReplyDays[t] = numbers[heed.ReplyKey(t)]
	}
	return nil
}

// ruleErrors turns heed.RuleErrors into errors on the form's inputs.
func ruleErrors(err error, form targetsData) heed.FieldErrors {
	var rerrs heed.RuleErrors
	if !errors.As(err, &rerrs) {
		return nil
	}
	var out heed.FieldErrors
	for _, re := range rerrs {
		field, what, earlier := "", "", false
		form.each(func(in *targetInput, w string) {
			if in.key == re.Key {
				field, what, earlier = in.ID, w, in.earlier
			}
		})
		form.eachDate(func(set *setTargets, w string) {
			if set.key+".from" == re.Key {
				field, what, earlier = set.From+"-day", strings.ToUpper(w[:1])+w[1:], true
			}
		})
		if field == "" {
			continue // a rule the form does not set, such as the default procedure
		}
		msg := what + ": " + re.Message
		if strings.Contains(re.Message, " Stage ") && !earlier { // it names the stage itself
			msg = strings.ToUpper(re.Message[:1]) + re.Message[1:]
		}
		out = append(out, heed.FieldError{Field: field, Message: msg})
	}
	return out
}
