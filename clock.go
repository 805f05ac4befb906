package heed

import (
	"fmt"
	"slices"

	"github.com/heedhq/heed/calendar"
)

// Clock is a stage's computed deadline and how it was reached.
type Clock struct {
	// Start is the day 0 of the response count (after any acknowledgement
	// period, and moved off a non-working day).
	Start calendar.Date
	// TargetDays and Deadline are the configured target and the day it gives.
	TargetDays int
	Deadline   calendar.Date
	// Latest is the furthest an extension may go (zero when none is allowed).
	Latest calendar.Date
	// PausedDays is the number of working days the clock was paused.
	PausedDays int
	// Explanation says, in plain English, how the deadline was counted.
	Explanation []string
}

// StageClock computes the deadline of stage s of rec under these rules and
// the calendar. ok is false when the record gets no clock (a compliment) or
// the stage has no start date.
func (r Rules) StageClock(cal *calendar.Calendar, rec *Record, s *Stage) (c Clock, ok bool) {
	return r.stageClock(cal, rec, s, true)
}

// stageClock computes the clock, with its explanation only when asked: the
// arithmetic is cheap, the words are not, and imports compute millions.
func (r Rules) stageClock(cal *calendar.Calendar, rec *Record, s *Stage, explain bool) (c Clock, ok bool) {
	if !rec.Type.HasClock() || s.Started.IsZero() {
		return Clock{}, false
	}
	if rec.Type == TypeSAR {
		return sarClock(cal, s.Started, explain), true
	}
	rule, ok := r.stageRule(rec, s)
	if !ok {
		return Clock{}, false
	}
	var lines []string
	say := func(format string, args ...any) {
		if explain {
			lines = append(lines, fmt.Sprintf(format, args...))
		}
	}
	if explain {
		if why := r.WhichRules(rec, s); why != "" {
			lines = append(lines, why)
		}
	}
	start := s.Started
	if rule.FromStatement && !s.StatementAgreed.IsZero() {
		start = s.StatementAgreed
		say("The investigation is counted from the agreed written statement of complaint on %s.", s.StatementAgreed.Long())
	}
	if rule.FromAcknowledgement {
		// Counted from the acknowledgement, but never from later than the
		// last day allowed for it: a late acknowledgement buys no time.
		last := cal.AddWorkingDays(s.Started, rule.AcknowledgeDays)
		switch {
		case s.Acknowledged.IsZero():
			start = last
			say("No acknowledgement is recorded, so the response is counted from the last day to acknowledge, %s (%d working days after %s).",
				start.Long(), rule.AcknowledgeDays, s.Started.Long())
		case s.Acknowledged.After(last):
			start = last
			say("The acknowledgement on %s was late, so the response is counted from the last day to acknowledge, %s (%d working days after %s).",
				s.Acknowledged.Long(), start.Long(), rule.AcknowledgeDays, s.Started.Long())
		default:
			start = s.Acknowledged
			say("The response is counted from the acknowledgement on %s.", s.Acknowledged.Long())
		}
	}
	paused := 0
	for _, p := range s.Pauses {
		if p.From.IsZero() || p.To.IsZero() {
			continue // an open pause is not counted until it ends
		}
		n := cal.WorkingDaysIn(p.From, p.To)
		paused += n
		say("The clock was paused from %s to %s: %d working days added.", p.From.Long(), p.To.Long(), n)
	}
	c = Clock{
		Start:      cal.StartDay(start),
		TargetDays: rule.TargetDays,
		Deadline:   cal.AddWorkingDays(start, rule.TargetDays+paused),
		PausedDays: paused,
	}
	if explain {
		c.Explanation = append(lines, cal.Explain(start, rule.TargetDays+paused).Lines()...)
	}
	if rule.MaxDays > 0 {
		c.Latest = cal.AddWorkingDays(start, rule.MaxDays+paused)
	}
	if rule.BackstopMonths > 0 {
		backstop := s.Started.AddMonths(rule.BackstopMonths)
		if c.Latest.IsZero() || backstop.Before(c.Latest) {
			c.Latest = backstop
		}
	}
	return c, true
}

// SARExtension says how far a subject access request may be extended, as the
// messages about an extension put it.
const SARExtension = "one calendar month, extendable by two further months when the request is complex"

// SARClock is the clock of a subject access request received on received
// (UK GDPR article 12(3)): the response is due one calendar month later, the
// day of receipt being day 1, and when the request is complex the deadline
// may be extended by two further months, to Latest, three calendar months
// after receipt. Either date moves off a non-working day to the next working
// day. The explanation says how both were reached.
func SARClock(cal *calendar.Calendar, received calendar.Date) Clock {
	return sarClock(cal, received, true)
}

func sarClock(cal *calendar.Calendar, received calendar.Date, explain bool) Clock {
	c := Clock{Start: received, Deadline: cal.MonthsLater(received, 1), Latest: cal.MonthsLater(received, 3)}
	if !explain || received.IsZero() {
		return c
	}
	_, c.Explanation = cal.MonthLater(received)
	day := func(d calendar.Date) string { return d.Weekday().String() + " " + d.Long() }
	if three := received.AddMonths(3); three.Equal(c.Latest) {
		c.Explanation = append(c.Explanation, fmt.Sprintf(
			"If the request is complex, the deadline may be extended by two further months: the response is then due by %s at the latest.",
			day(c.Latest)))
	} else {
		c.Explanation = append(c.Explanation, fmt.Sprintf(
			"If the request is complex, the deadline may be extended by two further months: three calendar months after receipt is %s, not a working day, so the response is then due by %s at the latest.",
			day(three), day(c.Latest)))
	}
	if w := cal.Warning(c.Latest); w != "" && !slices.Contains(c.Explanation, w) {
		c.Explanation = append(c.Explanation, w)
	}
	return c
}

// stageRule finds the rule for stage s of a record: for a complaint, the
// procedure's stage in the target set in force on the day s started; for
// other records the reply target (Stage 1 only).
func (r Rules) stageRule(rec *Record, s *Stage) (StageRule, bool) {
	if rec.Type == TypeComplaint {
		p, ok := r.Procedures[rec.Procedure]
		if !ok {
			return StageRule{}, false
		}
		rule, _, ok := p.StageOn(s.Number, s.Started)
		return rule, ok
	}
	days, ok := r.ReplyDays[rec.Type]
	if !ok || s.Number != 1 {
		return StageRule{}, false
	}
	return StageRule{TargetDays: days, MaxDays: days * 2, Statutory: days * 2}, true
}

// ApplyClocks sets TargetDays and Deadline on every stage of rec. It is
// called whenever a record is saved, and for open stages when the bank
// holidays or targets change.
func (r Rules) ApplyClocks(cal *calendar.Calendar, rec *Record) {
	for i := range rec.Stages {
		s := &rec.Stages[i]
		if c, ok := r.stageClock(cal, rec, s, false); ok {
			s.TargetDays, s.Deadline = c.TargetDays, c.Deadline
		} else {
			s.TargetDays, s.Deadline = 0, calendar.Date{}
		}
		s.ResponseDays = 0
		if !s.Responded.IsZero() && !s.Started.IsZero() {
			s.ResponseDays = cal.WorkingDaysBetween(s.Started, s.Responded)
		}
		s.DaysLate = daysLate(cal, s)
	}
}

// daysLate is the working days from the last day s allowed (its deadline,
// or an agreed extension's end when later) to its response, when that was
// after it; else 0.
func daysLate(cal *calendar.Calendar, s *Stage) int {
	last := s.Deadline
	if s.ExtendedTo.After(last) {
		last = s.ExtendedTo
	}
	if last.IsZero() || s.Responded.IsZero() || !s.Responded.After(last) {
		return 0
	}
	return cal.WorkingDaysBetween(last, s.Responded)
}

// ApplyClocksChange is ApplyClocks for a change to a stored record, was: a
// stage answered in was, whose clock the change leaves alone (its start,
// acknowledgement, pauses and response date), keeps the target and deadline
// it was judged against, whatever targets or bank holidays are in force now.
// A stage whose clock changes is counted again under the rules in force.
func (r Rules) ApplyClocksChange(cal *calendar.Calendar, was, rec *Record) {
	r.ApplyClocks(cal, rec)
	if was == nil {
		return
	}
	for i := range rec.Stages {
		s := &rec.Stages[i]
		old := was.Stage(s.Number)
		if old == nil || old.Open() || old.Deadline.IsZero() || s.Responded.IsZero() || !sameClock(old, s) {
			continue
		}
		s.TargetDays, s.Deadline = old.TargetDays, old.Deadline
		// Its days late stay as judged too, unless the extension changed.
		if s.ExtendedTo.Equal(old.ExtendedTo) {
			s.DaysLate = old.DaysLate
		} else {
			s.DaysLate = daysLate(cal, s)
		}
	}
}

// sameClock reports whether two versions of a stage have the same clock:
// the same start, acknowledgement, agreed statement, pauses and response
// date.
func sameClock(a, b *Stage) bool {
	return a.Started.Equal(b.Started) && a.Acknowledged.Equal(b.Acknowledged) && a.Responded.Equal(b.Responded) &&
		a.StatementAgreed.Equal(b.StatementAgreed) &&
		slices.EqualFunc(a.Pauses, b.Pauses, func(x, y Pause) bool { return x.From.Equal(y.From) && x.To.Equal(y.To) })
}

// Limits returns a stage's deadline and the furthest an extension may take
// it, without the explanation StageClock writes.
func (r Rules) Limits(cal *calendar.Calendar, rec *Record, s *Stage) (deadline, latest calendar.Date, ok bool) {
	c, ok := r.stageClock(cal, rec, s, false)
	return c.Deadline, c.Latest, ok
}

// Milestone is a deadline within a stage besides its response: the
// acknowledgement, or a review panel's meeting and report.
type Milestone struct {
	What string        // "Acknowledge", "Review panel meets"
	Due  calendar.Date // the last day
	Done calendar.Date // the day it happened, when recorded
	// Explanation says how Due was counted.
	Explanation string
}

// Late reports whether the milestone happened after its day, or has not
// happened and its day is before today.
func (m Milestone) Late(today calendar.Date) bool {
	if !m.Done.IsZero() {
		return m.Done.After(m.Due)
	}
	return m.Due.Before(today)
}

// Milestones are stage s's own clocks besides its response: the
// acknowledgement's, where the procedure sets one, and for a review panel
// (the children's statutory Stage 3) its meeting, its report and the
// council's response to the report, each counted from the one before it
// (from when it happened, or else from when it was due).
func (r Rules) Milestones(cal *calendar.Calendar, rec *Record, s *Stage) []Milestone {
	if rec.Type != TypeComplaint || s.Started.IsZero() {
		return nil
	}
	rule, ok := r.stageRule(rec, s)
	if !ok {
		return nil
	}
	var out []Milestone
	add := func(what string, from calendar.Date, fromWhat string, days int, done calendar.Date) calendar.Date {
		due := cal.AddWorkingDays(from, days)
		out = append(out, Milestone{What: what, Due: due, Done: done,
			Explanation: fmt.Sprintf("%d working days after %s (%s)", days, fromWhat, from.Long())})
		return due
	}
	if rule.AcknowledgeDays > 0 {
		add("Acknowledge", s.Started, "the day it started", rule.AcknowledgeDays, s.Acknowledged)
	}
	if p := rule.Panel; p.Meet > 0 {
		met := add("Review panel meets", s.Started, "the request", p.Meet, s.PanelMet)
		from, what := met, "the day the panel was due to meet"
		if !s.PanelMet.IsZero() {
			from, what = s.PanelMet, "the panel's meeting"
		}
		reported := add("Panel reports", from, what, p.Report, s.PanelReported)
		from, what = reported, "the day the report was due"
		if !s.PanelReported.IsZero() {
			from, what = s.PanelReported, "the panel's report"
		}
		add("Council responds to the report", from, what, p.Respond, s.Responded)
	}
	return out
}

// WhichRules says which of the procedure's dated target sets judges stage s
// of rec, and why: "Received 12 March 2026: the council's corporate
// timescales before the Code apply, as the stage started before 1 April
// 2026." It is "" when the procedure has one set of targets.
func (r Rules) WhichRules(rec *Record, s *Stage) string {
	if rec.Type != TypeComplaint || s.Started.IsZero() {
		return ""
	}
	p, ok := r.Procedures[rec.Procedure]
	if !ok || len(p.Earlier) == 0 {
		return ""
	}
	return p.WhichRules(s.Number, s.Started, rec.Received)
}

// WhichRules says which target set judges stage n started on started, of a
// complaint received on received (zero when not known), and why.
func (p Procedure) WhichRules(n int, started, received calendar.Date) string {
	if len(p.Earlier) == 0 {
		return ""
	}
	sets := p.Sets()
	i := len(sets) - 1
	for i > 0 && started.Before(sets[i].From) {
		i--
	}
	set := sets[i]
	when := fmt.Sprintf("Stage %d started %s", n, started.Long())
	if n == 1 && (received.IsZero() || received.Equal(started)) {
		when = "Received " + started.Long()
	}
	name := set.Name
	if name == "" {
		name = "the " + p.ID.Label() + " procedure's targets"
	}
	var why string
	switch {
	case i+1 < len(sets) && i == 0:
		why = fmt.Sprintf("as the stage started before %s", sets[i+1].From.Long())
	case i+1 < len(sets):
		why = fmt.Sprintf("in force from %s until %s", set.From.Long(), sets[i+1].From.AddDays(-1).Long())
	default:
		why = fmt.Sprintf("in force for stages started from %s", set.From.Long())
	}
	line := fmt.Sprintf("%s: %s apply, %s.", when, name, why)
	if n > 1 && !received.IsZero() && i > 0 && received.Before(set.From) {
		line += fmt.Sprintf(" The complaint was received on %s, before them, but each stage is judged by the rules in force on the day it started.", received.Long())
	}
	return line
}
