package heed

import (
	"fmt"
	"strings"

	"github.com/heedhq/heed/calendar"
)

// The date rules of a record, kept here once: the web forms, the import and
// anything added later reach them through Rules.Check (or CheckChange).
//
//   - No event is dated after today: received, acknowledged, requested,
//     responded, decided, complied, closed, an action completed.
//   - Each event follows the one it answers: an acknowledgement or a response
//     on or after its stage started; Stage N+1 requested on or after Stage
//     N's response; a pause inside its stage; the Ombudsman's decision, and
//     the council's compliance, on or after the enquiry was received (the
//     council may have put things right before the decision, so compliance
//     is not held to the decision's date); a record closed on or after it was
//     received; an action completed on or after its lesson was recorded. A
//     lesson carries no date of its own: it is recorded with, and counted in
//     the year of, the case it is learnt from, so the case's received date
//     stands for it.
//   - An extension is later than the deadline it extends and no later than
//     the furthest the procedure allows.
//
// Each message names its field in words and says what is expected, so that
// it reads the same by a form's field and by an import's row and column.

// afterToday says that d, named by label, is after today, so that it
// cannot be recorded; "" when it is not (or either is not known).
func afterToday(label string, d, today calendar.Date) string {
	if d.IsZero() || today.IsZero() || !d.After(today) {
		return ""
	}
	return fmt.Sprintf("%s must be today (%s) or earlier, not %s", label, today.Long(), d.Long())
}

// checkDateRules returns every date of rec that is after today or out of
// order. cal is needed for the extension rules, which are left out when it
// is nil.
func (r Rules) checkDateRules(cal *calendar.Calendar, rec *Record, today calendar.Date) FieldErrors {
	var errs FieldErrors
	notAfterToday := func(field, label string, d calendar.Date) {
		if msg := afterToday(label, d, today); msg != "" {
			errs = append(errs, FieldError{field, msg})
		}
	}
	// onOrAfter refuses d before first, which is named by what.
	onOrAfter := func(field, label string, d calendar.Date, what string, first calendar.Date) {
		if !d.IsZero() && !first.IsZero() && d.Before(first) {
			errs = append(errs, FieldError{field, fmt.Sprintf("%s must be on or after %s (%s)", label, what, first.Long())})
		}
	}
	onOrBefore := func(field, label string, d calendar.Date, what string, last calendar.Date) {
		if !d.IsZero() && !last.IsZero() && d.After(last) {
			errs = append(errs, FieldError{field, fmt.Sprintf("%s must be on or before %s (%s)", label, what, last.Long())})
		}
	}

	notAfterToday("received", "The date received", rec.Received)
	if o := rec.Ombudsman; o != nil {
		notAfterToday("ombudsman_decided", "The date of the Ombudsman's decision", o.Decided)
		onOrAfter("ombudsman_decided", "The date of the Ombudsman's decision", o.Decided, "the date the enquiry was received", rec.Received)
		for i, m := range o.Remedies {
			field, label := fmt.Sprintf("ombudsman_remedy%d_complied", i+1), fmt.Sprintf("The date the council complied with remedy %d", i+1)
			notAfterToday(field, label, m.Complied)
			onOrAfter(field, label, m.Complied, "the date the enquiry was received", rec.Received)
			onOrAfter(fmt.Sprintf("ombudsman_remedy%d_due", i+1), fmt.Sprintf("The date remedy %d is due", i+1), m.Due,
				"the date of the Ombudsman's decision", o.Decided)
		}
		for i, m := range o.Recommendations {
			field, label := fmt.Sprintf("ombudsman_recommendation%d_complied", i+1), fmt.Sprintf("The date the council complied with recommendation %d", i+1)
			notAfterToday(field, label, m.Complied)
			onOrAfter(field, label, m.Complied, "the date the enquiry was received", rec.Received)
			onOrAfter(fmt.Sprintf("ombudsman_recommendation%d_due", i+1), fmt.Sprintf("The date recommendation %d is due", i+1), m.Due,
				"the date of the Ombudsman's decision", o.Decided)
		}
	}

	var prev *Stage
	stages := r.stageCount(rec)
	for i := range rec.Stages {
		s := &rec.Stages[i]
		if s.Number > stages {
			continue // checkStages says there is no such stage
		}
		w := stageWordsFor(rec, s.Number)
		p := fmt.Sprintf("stage%d_", s.Number)
		if s.Number > 1 {
			notAfterToday(p+"requested", w.requested, s.Started)
			if prev != nil && prev.Number == s.Number-1 {
				if pw := stageWordsFor(rec, prev.Number); !prev.Responded.IsZero() {
					onOrAfter(p+"requested", w.requested, s.Started, "the "+pw.responseDate, prev.Responded)
				} else {
					onOrAfter(p+"requested", w.requested, s.Started, pw.started, prev.Started)
				}
			}
		}
		notAfterToday(p+"acknowledged", w.acknowledged, s.Acknowledged)
		onOrAfter(p+"acknowledged", w.acknowledged, s.Acknowledged, w.started, s.Started)
		notAfterToday(p+"responded", w.responded, s.Responded)
		onOrAfter(p+"responded", w.responded, s.Responded, w.started, s.Started)
		agreed := "The date the Stage 2 statement of complaint was agreed"
		notAfterToday(p+"statement_agreed", agreed, s.StatementAgreed)
		onOrAfter(p+"statement_agreed", agreed, s.StatementAgreed, w.started, s.Started)
		onOrBefore(p+"statement_agreed", agreed, s.StatementAgreed, "the "+w.responseDate, s.Responded)
		met, reported := "The date the review panel met", "The date of the review panel's report"
		notAfterToday(p+"panel_met", met, s.PanelMet)
		onOrAfter(p+"panel_met", met, s.PanelMet, w.started, s.Started)
		notAfterToday(p+"panel_reported", reported, s.PanelReported)
		onOrAfter(p+"panel_reported", reported, s.PanelReported, "the date the review panel met", s.PanelMet)
		onOrAfter(p+"responded", w.responded, s.Responded, "the date of the review panel's report", s.PanelReported)
		end := s.Responded // a pause ends by the response, when that is in order
		if end.Before(s.Started) {
			end = calendar.Date{}
		}
		for j, pa := range s.Pauses {
			from, to := fmt.Sprintf("%spause%d_from", p, j+1), fmt.Sprintf("%spause%d_to", p, j+1)
			fromLabel, toLabel := w.pause("The start of", j+1), w.pause("The end of", j+1)
			onOrAfter(from, fromLabel, pa.From, w.started, s.Started)
			onOrBefore(from, fromLabel, pa.From, "the "+w.responseDate, end)
			onOrAfter(to, toLabel, pa.To, "the start of the pause", pa.From)
			onOrBefore(to, toLabel, pa.To, "the "+w.responseDate, end)
		}
		if !s.ExtendedTo.IsZero() {
			errs = append(errs, r.checkExtension(cal, rec, s, w)...)
		}
		prev = s
	}

	for i := range rec.Lessons {
		for j := range rec.Lessons[i].Actions {
			a := &rec.Lessons[i].Actions[j]
			label := "The date the action was completed"
			if len(rec.Lessons) > 1 || len(rec.Lessons[i].Actions) > 1 {
				label = fmt.Sprintf("The date action %d of lesson %d was completed", j+1, i+1)
			}
			field := lessonPrefix(i+1) + actionKey(j+1) + "_completed"
			notAfterToday(field, label, a.Completed)
			onOrAfter(field, label, a.Completed, "the date the case it was learnt from was received", rec.Received)
		}
	}
	// Closing comes last: a form that closes a case with its response
	// shows the response date's problem, which is the closing date's too.
	notAfterToday("closed", "The date closed", rec.Closed)
	onOrAfter("closed", "The date closed", rec.Closed, "the date it was received", rec.Received)
	return errs
}

// checkExtension holds an extension to the stage's clock: later than the
// deadline it extends, and no later than the furthest allowed.
func (r Rules) checkExtension(cal *calendar.Calendar, rec *Record, s *Stage, w stageWords) FieldErrors {
	field := fmt.Sprintf("stage%d_extended_to", s.Number)
	if !s.Started.IsZero() && s.ExtendedTo.Before(s.Started) {
		return FieldErrors{{field, fmt.Sprintf("%s must be after %s (%s)", w.extended, w.started, s.Started.Long())}}
	}
	if cal == nil {
		return nil
	}
	c, ok := r.stageClock(cal, rec, s, false)
	switch {
	case !ok:
		return nil
	case !s.ExtendedTo.After(c.Deadline):
		return FieldErrors{{field, fmt.Sprintf("%s must be later than the deadline it extends (%s)", w.extended, c.Deadline.Long())}}
	case c.Latest.IsZero():
		return FieldErrors{{field, fmt.Sprintf("%s is not allowed: %s cannot be extended", w.extended, w.stage)}}
	case s.ExtendedTo.After(c.Latest):
		return FieldErrors{{field, fmt.Sprintf("%s must be on or before %s, the furthest %s may be extended to (%s)",
			w.extended, c.Latest.Long(), w.stage, r.maxDescription(rec, s.Number))}}
	}
	return nil
}

// stageWords are the names of a stage's dates in messages: "the Stage 2
// response date" for a complaint, "the reply date" for the single clock of
// an enquiry, comment or subject access request.
type stageWords struct {
	stage                                 string // "Stage 2", "the reply"
	started                               string // "the date Stage 2 was requested"
	requested                             string // "The date Stage 2 was requested"
	acknowledged, responded, responseDate string
	extended                              string
	pausePrefix                           string // "Stage 2 pause", "pause"
}

func stageWordsFor(rec *Record, n int) stageWords {
	if rec.Type != TypeComplaint {
		return stageWords{stage: "the reply", started: "the date it was received",
			acknowledged: "The acknowledgement date", responded: "The reply date", responseDate: "reply date",
			extended: "The extended deadline", pausePrefix: "pause"}
	}
	st := fmt.Sprintf("Stage %d", n)
	w := stageWords{stage: st, started: "the date " + st + " started",
		requested:    "The date " + st + " was requested",
		acknowledged: "The " + st + " acknowledgement date", responded: "The " + st + " response date",
		responseDate: st + " response date", extended: "The " + st + " extended deadline", pausePrefix: st + " pause"}
	if n > 1 {
		w.started = "the date " + st + " was requested"
	}
	return w
}

func (w stageWords) pause(part string, j int) string {
	return fmt.Sprintf("%s %s %d", part, w.pausePrefix, j)
}

// CheckChange is Check for a change to a stored record: was is the record as
// stored, rec the same record changed. It refuses what the change brings,
// not what the record already had:
//
//   - An extension is held to the deadline and the maximum when it is
//     agreed, that is when it is set or changed. One agreed within the
//     maximum in force then stays valid after an administrator lowers a
//     target (which lowers the maximum), or raises one (which moves the
//     deadline), and after a late acknowledgement moves the deadline: none
//     of these stops a save of the case, and none is reported against an
//     extension the form does not show.
//   - Any other problem the stored record had already, on a field the change
//     leaves as it was, does not stop the save either, so that a record
//     stored before a rule was added can still be worked on. A problem the
//     change brings is refused, even on a field it leaves alone: a received
//     date corrected to after the response is refused at the response date.
//
// With a nil was it is Check.
func (r Rules) CheckChange(cal *calendar.Calendar, was, rec *Record, today calendar.Date) FieldErrors {
	errs := r.Check(cal, rec, today)
	if was == nil || len(errs) == 0 {
		return errs
	}
	had := map[FieldError]bool{}
	for _, fe := range r.Check(cal, was, today) {
		had[fe] = true
	}
	old, now := was.Fields(), rec.Fields()
	var out FieldErrors
	for _, fe := range errs {
		unchanged := old[fe.Field] == now[fe.Field]
		switch {
		case unchanged && had[fe]:
			continue // the same problem, on a field the change leaves alone
		case unchanged && now[fe.Field] != "" && strings.HasSuffix(fe.Field, "_extended_to"):
			continue // an extension is held to the rules when it is agreed
		}
		out = append(out, fe)
	}
	return out
}
