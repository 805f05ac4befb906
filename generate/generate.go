// Package generate makes realistic synthetic records for demonstrations,
// tests and benchmarks. Nothing in it is about a real person: names,
// summaries and lessons come from short invented lists.
package generate

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Options say what to generate.
type Options struct {
	Records int           // total records to generate
	Years   int           // financial years covered, ending with the one containing End
	End     calendar.Date // last possible received date; nothing is answered after it
	Seed    uint64        // the same seed, options, rules and calendar give the same records
}

// The kinds of received day: most are ordinary; a share fall on days that
// clocks get wrong.
const (
	dayOrdinary = iota
	dayBeforeBankHolidayMonday
	dayChristmasEve
	daySaturday
	dayEndOfJanuary // for a subject access request, whose month ends in February
	dayKinds
)

// recentSize is how many recent complaints an Ombudsman enquiry or a repeat
// complaint may concern.
const recentSize = 512

// related is what a later record copies from the complaint it concerns.
type related struct {
	reference string
	area      *area
	team      string
	name      string
	person    heed.ComplainantType
	young     bool
	advocacy  heed.Advocacy
}

// gen holds one run's state.
type gen struct {
	r     *rand.Rand
	rules heed.Rules
	cal   *calendar.Calendar
	c     *catalogue
	end   calendar.Date

	firstYear int             // financial year of days[0]
	days      []calendar.Date // every day from the first 1 April to End
	working   []bool          // working[i]: days[i] is a working day
	edges     [dayKinds][]int // indexes into days of each kind of edge day
	seq       [][]int         // last reference number, by group and financial year
	recent    []related       // a ring of the latest complaints
	nrecent   int             // complaints remembered so far
	buf       []byte          // for building references
}

// Records calls fn for each of opts.Records generated records, in
// received-date order, so that a million records need not be held in
// memory. Every record is normalized, passes rules.Check with cal, and has
// its clocks applied. An error from fn stops the run and is returned.
func Records(opts Options, rules heed.Rules, cal *calendar.Calendar, fn func(*heed.Record) error) error {
	switch {
	case opts.Records < 0:
		return errors.New("generate: the number of records must not be negative")
	case opts.Years < 1:
		return errors.New("generate: at least one financial year is needed")
	case opts.End.IsZero():
		return errors.New("generate: the last received date is required")
	case cal == nil:
		return errors.New("generate: a calendar is required")
	}
	c := newCatalogue()
	for _, a := range c.areas {
		if _, ok := rules.Procedures[a.v.procedure]; !ok {
			return fmt.Errorf("generate: the rules have no %s procedure", a.v.procedure)
		}
	}
	g := newGen(opts, rules, cal, c)
	for _, v := range g.receivedDays(opts.Records) {
		if err := fn(g.record(int(v>>3), int(v&7))); err != nil {
			return err
		}
	}
	return nil
}

func newGen(opts Options, rules heed.Rules, cal *calendar.Calendar, c *catalogue) *gen {
	g := &gen{
		r:     rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)),
		rules: rules, cal: cal, c: c, end: opts.End,
		firstYear: opts.End.FinancialYear() - opts.Years + 1,
		recent:    make([]related, recentSize),
	}
	for d := calendar.NewDate(g.firstYear, time.April, 1); !d.After(opts.End); d = d.AddDays(1) {
		i := len(g.days)
		g.days = append(g.days, d)
		g.working = append(g.working, cal.IsWorkingDay(d))
		switch {
		case d.Weekday() == time.Saturday:
			g.edges[daySaturday] = append(g.edges[daySaturday], i)
		case d.Month() == time.December && d.Day() == 24:
			g.edges[dayChristmasEve] = append(g.edges[dayChristmasEve], i)
		case d.Month() == time.January && d.Day() >= 30:
			g.edges[dayEndOfJanuary] = append(g.edges[dayEndOfJanuary], i)
		}
		if _, ok := cal.Holiday(d.AddDays(3)); ok && d.Weekday() == time.Friday {
			g.edges[dayBeforeBankHolidayMonday] = append(g.edges[dayBeforeBankHolidayMonday], i)
		}
	}
	g.seq = make([][]int, len(c.prefixes))
	for i := range g.seq {
		g.seq[i] = make([]int, opts.Years)
	}
	return g
}

// receivedDays returns n received days, sorted, each as its index into
// g.days shifted left by 3 with its kind in the low bits.
func (g *gen) receivedDays(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		kind := dayOrdinary
		switch roll := g.r.IntN(1000); {
		case roll < 10:
			kind = dayBeforeBankHolidayMonday
		case roll < 15:
			kind = dayChristmasEve
		case roll < 25:
			kind = daySaturday
		case roll < 28:
			kind = dayEndOfJanuary
		}
		var day int
		if list := g.edges[kind]; kind != dayOrdinary && len(list) > 0 {
			day = list[g.r.IntN(len(list))]
		} else {
			kind, day = dayOrdinary, g.ordinaryDay()
		}
		out[i] = uint32(day)<<3 | uint32(kind)
	}
	slices.Sort(out)
	return out
}

// ordinaryDay picks a day, mostly a working one: few contacts arrive at a
// weekend or on a bank holiday.
func (g *gen) ordinaryDay() int {
	for {
		i := g.r.IntN(len(g.days))
		if g.working[i] || g.r.IntN(10) < 2 {
			return i
		}
	}
}

// pick returns a value from list, in proportion to the weights.
func pick[T any](r *rand.Rand, list []weighted[T]) T {
	total := 0
	for _, x := range list {
		total += x.w
	}
	n := r.IntN(total)
	for _, x := range list {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return list[len(list)-1].v
}

// one returns a value from list, each as likely as another.
func one[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// record makes one record received on g.days[day]; kind says whether the day
// was chosen as an edge case.
func (g *gen) record(day, kind int) *heed.Record {
	t := pick(g.r, g.c.types)
	if kind == dayEndOfJanuary {
		t = heed.TypeSAR // a month from 30 or 31 January ends on February's last day
	}
	if t == heed.TypeOmbudsmanEnquiry && g.nrecent == 0 {
		t = heed.TypeComplaint // nothing for the Ombudsman to ask about yet
	}
	rec := &heed.Record{Type: t, Received: g.days[day], Channel: pick(g.r, g.c.channels[t])}
	var a *area
	switch t {
	case heed.TypeComplaint:
		a = g.complaint(rec)
	case heed.TypeCompliment:
		a = g.compliment(rec)
	case heed.TypeComment, heed.TypeMPEnquiry, heed.TypeCouncillorEnquiry:
		a = g.enquiry(rec)
	case heed.TypeOmbudsmanEnquiry:
		a = g.ombudsman(rec)
	case heed.TypeSAR:
		g.sar(rec)
	case heed.TypeServiceRequest:
		a = g.place(rec, pick(g.r, g.c.areas))
		g.person(rec, a)
		rec.Summary = one(g.r, a.requests)
		rec.Closed = rec.Received
	case heed.TypeRedirected:
		a = g.redirected(rec)
	}
	group := groupInformation // every subject access request
	if t != heed.TypeSAR {
		group = a.group
	}
	rec.Reference = g.reference(group, rec.Received)
	if t == heed.TypeComplaint {
		g.recent[g.nrecent%recentSize] = related{rec.Reference, a, rec.Team, rec.ComplainantName,
			rec.ComplainantType, rec.YoungPerson, rec.Advocacy}
		g.nrecent++
	}
	if rec.Closed.IsZero() && len(rec.Stages) > 0 {
		rec.Closed = closedOn(rec)
	}
	g.rules.Normalize(rec)
	g.rules.ApplyClocks(g.cal, rec)
	return rec
}

// reference returns the next reference of a group in the financial year
// of received, such as CS-2014-00123.
func (g *gen) reference(group int, received calendar.Date) string {
	fy := received.FinancialYear()
	seq := &g.seq[group][fy-g.firstYear]
	*seq++
	b := append(g.buf[:0], g.c.prefixes[group]...)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(fy), 10)
	b = append(b, '-')
	for p := 10000; p > 1 && *seq < p; p /= 10 {
		b = append(b, '0')
	}
	b = strconv.AppendInt(b, int64(*seq), 10)
	g.buf = b
	return string(b)
}

// closedOn is the day the last stage was answered, or zero while a stage
// is open.
func closedOn(rec *heed.Record) calendar.Date {
	var last calendar.Date
	for i := range rec.Stages {
		s := &rec.Stages[i]
		if s.Open() {
			return calendar.Date{}
		}
		if s.Responded.After(last) {
			last = s.Responded
		}
	}
	return last
}

// place puts rec in area a and one of its teams, and returns a.
func (g *gen) place(rec *heed.Record, a *area) *area {
	rec.ServiceArea = a.name
	rec.Team = one(g.r, a.teams)
	return a
}

// person names the person who raised rec and says who they are.
func (g *gen) person(rec *heed.Record, a *area) {
	rec.ComplainantName = one(g.r, g.c.names)
	if !a.children {
		rec.ComplainantType = pick(g.r, g.c.adultPeople)
		return
	}
	rec.ComplainantType = pick(g.r, g.c.childPeople)
	switch rec.ComplainantType {
	case heed.ComplainantChild:
		rec.YoungPerson, rec.Advocacy = true, pick(g.r, g.c.advocacy)
	case heed.ComplainantCareLeaver:
		if g.r.IntN(2) == 0 {
			rec.YoungPerson, rec.Advocacy = true, pick(g.r, g.c.advocacy)
		}
	case heed.ComplainantAdvocate:
		rec.YoungPerson, rec.Advocacy = true, heed.AdvocacyProvided
	}
}

// stageShares are the percentages of a stage answered by its deadline and
// within an agreed extension; the rest are late.
type stageShares struct{ inTime, extended int }

// shares gives, by procedure and stage, how often each stage is on time.
// About 65% of the seed council's complaints were answered in time.
func shares(p heed.ProcedureID, stage int) stageShares {
	switch {
	case p == heed.AdultSocialCare:
		return stageShares{40, 45} // the response date is mostly agreed
	case p == heed.ChildrenStatutory && stage == 1:
		return stageShares{65, 10}
	case p == heed.ChildrenStatutory && stage == 2:
		return stageShares{55, 25}
	case stage == 1:
		return stageShares{70, 10}
	default:
		return stageShares{60, 15}
	}
}

// complaint makes a complaint in a service area, with its stages and
// learning, and returns the area.
func (g *gen) complaint(rec *heed.Record) *area {
	var a *area
	if g.nrecent > 0 && g.r.IntN(50) == 0 {
		// A repeat complaint from the same person about the same team.
		prev := g.recent[g.r.IntN(min(g.nrecent, recentSize))]
		a = prev.area
		rec.ServiceArea, rec.Team, rec.ComplainantName, rec.ComplainantType = a.name, prev.team, prev.name, prev.person
		rec.YoungPerson, rec.Advocacy, rec.RelatedReference = prev.young, prev.advocacy, prev.reference
	} else {
		a = g.place(rec, pick(g.r, g.c.areas))
		g.person(rec, a)
	}
	th := pick(g.r, a.themes)
	rec.Theme, rec.Summary, rec.Procedure = th.name, one(g.r, th.says), a.procedure
	rec.Stages = make([]heed.Stage, 1, 3)
	rec.Stages[0] = heed.Stage{Number: 1, Started: rec.Received}
	g.stages(rec)
	g.complaintLessons(rec)
	return a
}

// stages answers Stage 1 of a complaint and, for some, the escalations.
func (g *gen) stages(rec *heed.Record) {
	proc := g.rules.Procedures[rec.Procedure]
	s := &rec.Stages[0]
	rule, _, _ := proc.StageOn(1, s.Started)
	g.acknowledge(s, rule.AcknowledgeDays)
	if rec.Advocacy == heed.AdvocacyProvided && g.r.IntN(3) == 0 {
		from := g.cal.AddWorkingDays(s.Started, 1+g.r.IntN(3))
		if to := g.cal.AddWorkingDays(from, 2+g.r.IntN(7)); !to.After(g.end) {
			s.Pauses = []heed.Pause{{From: from, To: to, Reason: "Waiting for an advocate to be appointed"}}
		}
	}
	if g.r.IntN(100) < 80 {
		s.Investigator = one(g.r, g.c.investigators[0])
	}
	if !g.answer(rec, s, shares(rec.Procedure, 1)) {
		return
	}
	if len(s.Pauses) > 0 && s.Pauses[0].To.After(s.Responded) {
		s.Pauses = nil // answered while waiting for the advocate: no pause is recorded
	}
	s.Outcome = pick(g.r, g.c.firstOutcome)
	if s.Outcome == heed.OutcomeRefused {
		// The letter that refuses the complaint closes the case: it is no
		// response under the procedure.
		rec.Closed, s.Responded, s.RefusalReason = s.Responded, calendar.Date{}, pick(g.r, g.c.refusals)
		s.ExtendedTo, s.ExtensionReason = calendar.Date{}, ""
		return
	}
	g.findings(s)
	escalate := 10
	if rec.Procedure == heed.ChildrenStatutory {
		escalate = 6
	}
	for n := 2; n <= len(proc.Stages); n++ {
		switch rec.Stages[n-2].Outcome {
		case heed.OutcomeNotUpheld, heed.OutcomePartiallyUpheld:
		default:
			return // nothing left to dispute
		}
		if g.r.IntN(100) >= escalate || !g.escalate(rec, n) {
			return
		}
		escalate = 25 // of those who reach Stage 2, a quarter ask for Stage 3
	}
}

// escalate adds stage n, asked for within 20 working days of the previous
// response. It reports whether the stage was progressed and answered.
func (g *gen) escalate(rec *heed.Record, n int) bool {
	asked := g.cal.AddWorkingDays(rec.Stages[n-2].Responded, 1+g.r.IntN(20))
	if asked.After(g.end) {
		return false
	}
	rec.Stages = append(rec.Stages, heed.Stage{Number: n, Started: asked})
	s := &rec.Stages[n-1]
	notProgressed := 20
	switch {
	case n == 3:
		notProgressed = 15
	case rec.Procedure == heed.ChildrenStatutory:
		notProgressed = 40 // the seed council resolved every request without Stage 2
	}
	if g.r.IntN(100) < notProgressed {
		if d := g.cal.AddWorkingDays(asked, 1+g.r.IntN(10)); !d.After(g.end) {
			s.Responded, s.Outcome = d, heed.OutcomeNotProgressed
		}
		return false
	}
	rule, _, _ := g.rules.Procedures[rec.Procedure].StageOn(n, s.Started)
	g.acknowledge(s, rule.AcknowledgeDays)
	s.Investigator = one(g.r, g.c.investigators[min(n, len(g.c.investigators))-1])
	if !g.answer(rec, s, shares(rec.Procedure, n)) {
		return false
	}
	s.Outcome = pick(g.r, g.c.laterOutcome)
	g.findings(s)
	return true
}

// acknowledge records an acknowledgement: mostly within days working days,
// some late; with no target, most are acknowledged within two.
func (g *gen) acknowledge(s *heed.Stage, days int) {
	var k int
	switch {
	case days == 0 && g.r.IntN(10) < 3:
		return
	case days == 0:
		k = g.r.IntN(3)
	case g.r.IntN(100) < 88:
		k = g.r.IntN(days + 1)
	default:
		k = days + 1 + g.r.IntN(4)
	}
	if d := g.cal.AddWorkingDays(s.Started, k); !d.After(g.end) {
		s.Acknowledged = d
	}
}

// answer decides when a stage is answered: by its deadline, within an
// agreed extension (mostly), or late. It leaves the stage open, and reports
// false, when the answer would come after End.
func (g *gen) answer(rec *heed.Record, s *heed.Stage, sh stageShares) bool {
	deadline, latest, ok := g.rules.Limits(g.cal, rec, s)
	if !ok {
		deadline = g.cal.AddWorkingDays(s.Started, 10)
		latest = deadline
	}
	from := s.Started
	if s.Acknowledged.After(from) {
		from = s.Acknowledged
	}
	var answered calendar.Date
	switch roll := g.r.IntN(100); {
	case roll < sh.inTime:
		n := g.cal.WorkingDaysBetween(from, deadline)
		answered = g.cal.AddWorkingDays(from, n-g.r.IntN(n/2+1))
	case roll < sh.inTime+sh.extended && g.cal.WorkingDaysBetween(deadline, latest) > 0:
		s.ExtendedTo = g.cal.AddWorkingDays(deadline, 1+g.r.IntN(g.cal.WorkingDaysBetween(deadline, latest)))
		s.ExtensionReason = one(g.r, g.c.extensions)
		if g.r.IntN(100) < 85 {
			answered = g.cal.AddWorkingDays(deadline, 1+g.r.IntN(g.cal.WorkingDaysBetween(deadline, s.ExtendedTo)))
		} else {
			answered = g.cal.AddWorkingDays(s.ExtendedTo, 1+g.r.IntN(10))
		}
		if deadline.After(g.end) {
			s.ExtendedTo, s.ExtensionReason = calendar.Date{}, "" // not agreed yet
		}
	default:
		late := 1 + g.r.IntN(10)
		if g.r.IntN(10) == 0 {
			late += 10 + g.r.IntN(30)
		}
		answered = g.cal.AddWorkingDays(deadline, late)
	}
	if answered.After(g.end) {
		return false
	}
	s.Responded = answered
	return true
}

// findings gives some answered stages two to four elements whose findings
// lead to the stage's outcome, and sometimes one with no finding.
func (g *gen) findings(s *heed.Stage) {
	if g.r.IntN(100) >= 35 {
		return
	}
	switch s.Outcome {
	case heed.OutcomeUpheld, heed.OutcomePartiallyUpheld, heed.OutcomeNotUpheld:
	default:
		return
	}
	n := 2 + g.r.IntN(3)
	first := g.r.IntN(len(g.c.elements))
	s.Elements = make([]heed.Element, n, n+1)
	for i := range s.Elements {
		e := &s.Elements[i]
		e.Summary = g.c.elements[(first+i)%len(g.c.elements)]
		switch s.Outcome {
		case heed.OutcomeUpheld:
			e.Finding = heed.FindingUpheld
		case heed.OutcomeNotUpheld:
			e.Finding = heed.FindingNotUpheld
		default:
			e.Finding = one(g.r, []heed.Finding{heed.FindingUpheld, heed.FindingPartiallyUpheld, heed.FindingNotUpheld})
		}
	}
	if s.Outcome == heed.OutcomePartiallyUpheld {
		switch heed.DerivedOutcome(s.Elements) {
		case heed.OutcomeUpheld:
			s.Elements[n-1].Finding = heed.FindingNotUpheld
		case heed.OutcomeNotUpheld:
			s.Elements[0].Finding = heed.FindingPartiallyUpheld
		}
	}
	if g.r.IntN(10) == 0 {
		s.Elements = append(s.Elements, heed.Element{
			Summary: g.c.elements[(first+n)%len(g.c.elements)], Finding: heed.FindingNone})
	}
}

// complaintLessons records learning from an answered complaint: actions for
// most upheld or partially upheld ones, and sometimes "no learning".
func (g *gen) complaintLessons(rec *heed.Record) {
	var found, decided calendar.Date
	for _, s := range rec.Stages {
		switch s.Outcome {
		case heed.OutcomeUpheld, heed.OutcomePartiallyUpheld:
			found = s.Responded
		case heed.OutcomeNotUpheld:
			decided = s.Responded
		}
	}
	switch {
	case !found.IsZero() && g.r.IntN(100) < 75:
		actions := make([]heed.Action, 1+g.r.IntN(2))
		for i := range actions {
			a := &actions[i]
			wait := 14 + g.r.IntN(76)
			a.Description, a.Owner, a.Due = one(g.r, g.c.actions), one(g.r, g.c.owners), found.AddDays(wait)
			if done := found.AddDays(7 + g.r.IntN(wait+30)); g.r.IntN(10) < 7 && !done.After(g.end) {
				a.Completed, a.Evidence = done, one(g.r, g.c.evidence)
			}
		}
		rec.Lessons = []heed.Lesson{{Text: one(g.r, g.c.lessons), Actions: actions}}
	case found.IsZero() && !decided.IsZero() && g.r.IntN(100) < 15:
		rec.Lessons = []heed.Lesson{{NoLearning: true}}
	}
}

// compliment makes a compliment to a team and returns its area.
func (g *gen) compliment(rec *heed.Record) *area {
	a := pick(g.r, g.c.areas)
	team := g.r.IntN(len(a.teams))
	rec.ServiceArea, rec.Team = a.name, a.teams[team]
	rec.Summary = one(g.r, a.compliments[team])
	if g.r.IntN(2) == 0 {
		rec.ComplainantName, rec.ComplainantType = one(g.r, g.c.names), heed.ComplainantOther
	}
	if g.r.IntN(10) == 0 {
		rec.Lessons = []heed.Lesson{{Text: "Good practice shared with the wider service."}}
	}
	rec.Closed = rec.Received
	return a
}

// enquiry makes a comment, an MP enquiry or a councillor enquiry, with its
// reply, and returns its area.
func (g *gen) enquiry(rec *heed.Record) *area {
	a := g.place(rec, pick(g.r, g.c.areas))
	g.person(rec, a)
	if rec.Type == heed.TypeComment {
		rec.Summary = one(g.r, g.c.comments)
	} else {
		rec.Theme, rec.Summary = pick(g.r, a.themes).name, one(g.r, g.c.enquiries)
	}
	g.reply(rec, stageShares{75, 5}, 3)
	return a
}

// reply gives rec a Stage 1 and answers it; ack is the most working days
// taken to acknowledge, when one is recorded.
func (g *gen) reply(rec *heed.Record, sh stageShares, ack int) {
	rec.Stages = []heed.Stage{{Number: 1, Started: rec.Received}}
	s := &rec.Stages[0]
	if g.r.IntN(2) == 0 {
		if d := g.cal.AddWorkingDays(s.Started, g.r.IntN(ack+1)); !d.After(g.end) {
			s.Acknowledged = d
		}
	}
	g.answer(rec, s, sh)
}

func (g *gen) sar(rec *heed.Record) {
	a := pick(g.r, g.c.sarAreas)
	rec.ComplainantName, rec.ComplainantType = one(g.r, g.c.names), heed.ComplainantOther
	rec.Summary = one(g.r, g.c.sars)
	if a != nil {
		rec.ServiceArea = a.name
		if a == g.c.childCare && g.r.IntN(2) == 0 {
			rec.ComplainantType, rec.Summary = heed.ComplainantCareLeaver, g.c.careRecords
		}
	}
	g.reply(rec, stageShares{85, 0}, 5)
}

// ombudsman makes an Ombudsman enquiry about a recent complaint, with the
// council's reply and, for most, the Ombudsman's decision. It returns the
// complaint's area.
func (g *gen) ombudsman(rec *heed.Record) *area {
	prev := g.recent[g.r.IntN(min(g.nrecent, recentSize))]
	rec.ServiceArea, rec.Team, rec.ComplainantName, rec.ComplainantType = prev.area.name, prev.team, prev.name, prev.person
	rec.YoungPerson, rec.Advocacy, rec.RelatedReference = prev.young, prev.advocacy, prev.reference
	rec.Summary = one(g.r, g.c.ombudsman)
	g.reply(rec, stageShares{80, 0}, 2)
	o := &heed.OmbudsmanCase{Reference: g.ombudsmanReference(rec.Received)}
	if d := rec.Received.AddDays(15 + g.r.IntN(150)); !d.After(g.end) {
		o.Decision, o.Decided = pick(g.r, g.c.decisions), d
		if o.Decision == heed.DecisionUpheld || o.Decision == heed.DecisionUpheldRemediedByCouncil {
			m := heed.Remedy{Type: pick(g.r, g.c.remedies), Due: d.AddDays(30)}
			if m.Type == heed.RemedyFinancial {
				m.Pence = int64(2+g.r.IntN(39)) * 5000 // £100 to £2,000 in steps of £50
			}
			if c := d.AddDays(10 + g.r.IntN(80)); !c.After(g.end) && g.r.IntN(10) < 9 {
				m.Complied = c
			}
			o.Remedies = []heed.Remedy{m}
			if m.Type == heed.RemedyPolicyChange || m.Type == heed.RemedyTraining {
				o.Recommendations = []heed.Recommendation{{Text: "Report to the Ombudsman on the change made", Due: d.AddDays(90), Complied: m.Complied}}
			}
		}
	}
	rec.Ombudsman = o
	return prev.area
}

// ombudsmanReference is a reference in the Ombudsman's style, 24 012 345.
func (g *gen) ombudsmanReference(received calendar.Date) string {
	var b [10]byte
	yy, a, c := received.Year()%100, g.r.IntN(20), g.r.IntN(1000)
	for i, v := range []int{yy / 10, yy % 10, -1, a / 100, a / 10 % 10, a % 10, -1, c / 100, c / 10 % 10, c % 10} {
		if v < 0 {
			b[i] = ' '
		} else {
			b[i] = byte('0' + v)
		}
	}
	return string(b[:])
}

// redirected makes a contact passed elsewhere: a school complaint to the
// school, a safeguarding concern to safeguarding, rarely somewhere else. It
// returns the area that passed it on.
func (g *gen) redirected(rec *heed.Record) *area {
	var a *area
	switch roll := g.r.IntN(100); {
	case roll < 55:
		a, rec.RedirectedTo = g.c.education, heed.RedirectedSchool
		rec.ServiceArea, rec.ComplainantType = a.name, heed.ComplainantParent
		rec.Summary = "Complaint about a school: passed to the school's governing body."
	case roll < 80:
		a, rec.RedirectedTo = g.c.childCare, heed.RedirectedSafeguarding
		rec.ServiceArea, rec.Team = a.name, "Referral and Assessment"
		rec.Summary = "Concern about a child's safety: passed to the safeguarding team."
	case roll < 95:
		a, rec.RedirectedTo = g.c.adultCare, heed.RedirectedSafeguarding
		rec.ServiceArea, rec.Team = a.name, "Safeguarding Adults"
		rec.Summary = "Concern about an adult's safety: passed to adult safeguarding."
	default:
		a, rec.RedirectedTo = g.c.housing, heed.RedirectedOther
		rec.ServiceArea = a.name
		rec.Summary = "Complaint about a housing association home: passed to the landlord."
	}
	rec.ComplainantName = one(g.r, g.c.names)
	if rec.ComplainantType == "" {
		rec.ComplainantType = heed.ComplainantOther
	}
	rec.Closed = rec.Received
	return a
}
