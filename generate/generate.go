// Package generate writes realistic synthetic records for demonstrations,
// tests and benchmarks. Nothing in it is about a real person: names and
// summaries come from short invented lists.
package generate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Options say what to generate.
type Options struct {
	Records int           // how many records
	Years   int           // financial years, ending with the one containing End
	End     calendar.Date // the last day a record may be received (and anything answered)
	Seed    uint64        // the same seed gives the same records
}

type area struct {
	name, prefix string
	procedure    heed.ProcedureID
	teams        []string
	weight       int
	children     bool
}

var areas = []area{
	{"Children's Social Care", "CS", heed.ChildrenStatutory, []string{"Referral and Assessment", "Child Protection and Court", "Looked After Children", "Care Leavers", "Fostering and Adoption"}, 35, true},
	{"Early Help for Children", "EH", heed.Corporate, []string{"Children's Centres", "Family Support"}, 7, true},
	{"Education", "ED", heed.Corporate, []string{"SEND", "Admissions", "Educational Psychology"}, 12, true},
	{"Adult Social Care", "AS", heed.AdultSocialCare, []string{"Assessment", "Home Care", "Safeguarding Adults"}, 12, false},
	{"Housing", "HO", heed.Housing, []string{"Repairs", "Tenancy Management"}, 10, false},
	{"Highways", "HW", heed.Corporate, []string{"Roads", "Street Lighting"}, 8, false},
	{"Waste and Recycling", "WR", heed.Corporate, []string{"Collections"}, 8, false},
	{"Council Tax", "CT", heed.Corporate, []string{"Billing", "Recovery"}, 8, false},
}

type weighted[T any] struct {
	v T
	w int
}

var types = []weighted[heed.RecordType]{
	{heed.TypeComplaint, 40}, {heed.TypeCompliment, 14}, {heed.TypeComment, 5}, {heed.TypeMPEnquiry, 18},
	{heed.TypeCouncillorEnquiry, 4}, {heed.TypeOmbudsmanEnquiry, 4}, {heed.TypeSAR, 6},
	{heed.TypeServiceRequest, 5}, {heed.TypeRedirected, 4},
}

var themes = []weighted[string]{
	{"Staff Attitude/Treatment of Customer", 30}, {"Quality of Service", 26}, {"Lack of Action", 17},
	{"Lack of Communication", 9}, {"Request for Service", 9}, {"Confidentiality", 3}, {"Assessment Undertaken", 3},
	{"Custody of Child", 2}, {"Financial/Funding", 1}, {"Policies & Procedures", 1}, {"Bully/Racist Incident", 1},
}

var outcomes = []weighted[heed.Outcome]{
	{heed.OutcomeUpheld, 7}, {heed.OutcomePartiallyUpheld, 15}, {heed.OutcomeNotUpheld, 58},
	{heed.OutcomeWithdrawn, 8}, {heed.OutcomeResolvedEarly, 12},
}

var complainants = []weighted[heed.ComplainantType]{
	{heed.ComplainantParent, 45}, {heed.ComplainantChild, 8}, {heed.ComplainantCarer, 8}, {heed.ComplainantFosterCarer, 6},
	{heed.ComplainantSpecialGuardian, 3}, {heed.ComplainantCareLeaver, 4}, {heed.ComplainantAdvocate, 3},
	{heed.ComplainantProfessional, 5}, {heed.ComplainantOther, 18},
}

var decisions = []weighted[heed.OmbudsmanDecision]{
	{heed.DecisionPremature, 20}, {heed.DecisionAdviceGiven, 5}, {heed.DecisionIncompleteInvalid, 5},
	{heed.DecisionClosedAfterInitial, 30}, {heed.DecisionNotUpheld, 15}, {heed.DecisionUpheld, 15},
	{heed.DecisionUpheldRemediedByCouncil, 10},
}

var (
	firstNames = []string{"Alex", "Sam", "Jo", "Chris", "Jamie", "Robin", "Taylor", "Morgan", "Casey", "Jordan", "Riley", "Charlie"}
	surnames   = []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Green", "Hall"}
	summaries  = []string{
		"Unhappy with how a visit was arranged.", "Says letters were not answered.", "Disagrees with an assessment.",
		"Says a promised call did not happen.", "Concerned about the delay in a decision.", "Unhappy with the tone of a meeting.",
		"Asks why a service was stopped.", "Says information was shared without consent.",
	}
	lessons = []string{
		"Explain the reason for a visit before it happens.", "Send meeting minutes within the agreed time.",
		"Pass complaints to the Customer Relations Team on the day they arrive.", "Confirm decisions in writing in plain language.",
	}
	owners    = []string{"Head of Service", "Team Manager", "Service Manager", "Principal Social Worker", "Customer Relations Manager"}
	elements  = []string{"Communication", "Delay", "Conduct of a member of staff", "Accuracy of a record", "The decision reached"}
	channels  = heed.Channels
	remedies  = heed.RemedyTypes
	sarAreas  = []string{"", "Children's Social Care", "Adult Social Care"}
	redirects = []heed.Redirection{heed.RedirectedSchool, heed.RedirectedSchool, heed.RedirectedSafeguarding}
)

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

func one[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// gen holds one run's state.
type gen struct {
	r          *rand.Rand
	rules      heed.Rules
	cal        *calendar.Calendar
	end        calendar.Date
	complaints []string // references of complaints generated so far
	seq        int
}

// Records generates opts.Records records in received-date order and calls
// fn with each; every record passes Rules.Check.
func Records(opts Options, rules heed.Rules, cal *calendar.Calendar, fn func(*heed.Record) error) error {
	if opts.Records < 1 || opts.Years < 1 || opts.End.IsZero() {
		return fmt.Errorf("generate: records, years and an end date are required")
	}
	g := &gen{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), rules: rules, cal: cal, end: opts.End}
	start := calendar.NewDate(opts.End.FinancialYear()-opts.Years+1, time.April, 1)
	days := start.DaysUntil(opts.End) + 1
	received := make([]int32, opts.Records)
	for i := range received {
		received[i] = int32(g.r.IntN(days))
		if g.r.IntN(100) < 4 {
			received[i] = int32(g.edgeCase(start, days, int(received[i])))
		}
	}
	slices.Sort(received)
	for _, off := range received {
		rec := g.record(start.AddDays(int(off)))
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// edgeCase moves a received date onto a day clocks get wrong: the Friday
// before a bank holiday Monday, Christmas Eve, a Saturday, or the end of
// January (a subject access request's month ends in February).
func (g *gen) edgeCase(start calendar.Date, days, off int) int {
	d := start.AddDays(off)
	switch g.r.IntN(4) {
	case 3:
		off = start.DaysUntil(calendar.NewDate(d.Year(), time.January, 30+g.r.IntN(2)))
	case 0:
		for i := 0; i < 120; i++ {
			c := d.AddDays(i)
			if _, hol := g.cal.Holiday(c); hol && c.Weekday() == time.Monday {
				off += i - 3
				break
			}
		}
	case 1:
		off = start.DaysUntil(calendar.NewDate(d.Year(), time.December, 24))
	default:
		off += (int(time.Saturday) - int(d.Weekday()) + 7) % 7
	}
	return min(max(off, 0), days-1)
}

func (g *gen) record(received calendar.Date) *heed.Record {
	t := pick(g.r, types)
	if received.Month() == time.January && received.Day() >= 30 && g.r.IntN(2) == 0 {
		t = heed.TypeSAR // a request on 30 or 31 January exercises the month-end rule
	}
	a := g.area(t)
	g.seq++
	rec := &heed.Record{
		Reference: fmt.Sprintf("%s-%d-%06d", a.prefix, received.FinancialYear(), g.seq),
		Type:      t, Received: received, ServiceArea: a.name, Channel: one(g.r, channels),
	}
	if a.name != "" && len(a.teams) > 0 && t != heed.TypeSAR {
		rec.Team = one(g.r, a.teams)
	}
	switch t {
	case heed.TypeComplaint:
		g.complaint(rec, a)
	case heed.TypeCompliment:
		rec.Summary = "Thanks the team for going the extra mile."
	case heed.TypeComment, heed.TypeMPEnquiry, heed.TypeCouncillorEnquiry:
		g.person(rec, a)
		g.reply(rec)
	case heed.TypeOmbudsmanEnquiry:
		g.ombudsman(rec)
	case heed.TypeSAR:
		rec.ServiceArea = one(g.r, sarAreas)
		g.reply(rec)
	case heed.TypeServiceRequest:
		rec.Summary = "Asks for a service for the first time."
	case heed.TypeRedirected:
		rec.RedirectedTo = one(g.r, redirects)
		rec.Summary = "Passed to the body responsible."
	}
	g.rules.Normalize(rec)
	g.rules.ApplyClocks(g.cal, rec)
	return rec
}

func (g *gen) area(t heed.RecordType) area {
	if t == heed.TypeRedirected {
		return areas[g.r.IntN(3)] // schools and safeguarding concern children's services
	}
	total := 0
	for _, a := range areas {
		total += a.weight
	}
	n := g.r.IntN(total)
	for _, a := range areas {
		if n < a.weight {
			return a
		}
		n -= a.weight
	}
	return areas[0]
}

func (g *gen) person(rec *heed.Record, a area) {
	rec.ComplainantName = one(g.r, firstNames) + " " + one(g.r, surnames)
	rec.Summary = one(g.r, summaries)
	if !a.children {
		rec.ComplainantType = one(g.r, []heed.ComplainantType{heed.ComplainantOther, heed.ComplainantCarer, heed.ComplainantAdvocate})
		return
	}
	rec.ComplainantType = pick(g.r, complainants)
	if rec.ComplainantType == heed.ComplainantChild || rec.ComplainantType == heed.ComplainantCareLeaver {
		rec.YoungPerson = true
		rec.Advocacy = pick(g.r, []weighted[heed.Advocacy]{{heed.AdvocacyOffered, 5}, {heed.AdvocacyProvided, 3}, {heed.AdvocacyNone, 2}})
	}
}

// answered returns a response date n working days after start, or false
// when that is after the end of the generated period (still open).
func (g *gen) answered(start calendar.Date, n int) (calendar.Date, bool) {
	d := g.cal.AddWorkingDays(start, max(n, 1))
	return d, !d.After(g.end)
}

// reply answers an enquiry, comment or SAR: mostly in time, some late, the
// newest still open.
func (g *gen) reply(rec *heed.Record) {
	g.rules.Normalize(rec)
	s := rec.Stage(1)
	deadline, _, ok := g.rules.Limits(g.cal, rec, s)
	if !ok {
		return
	}
	n := g.cal.WorkingDaysBetween(rec.Received, deadline)
	if g.r.IntN(5) == 0 {
		n += 1 + g.r.IntN(10)
	} else {
		n -= g.r.IntN(max(n, 1))
	}
	if d, ok := g.answered(rec.Received, n); ok {
		s.Responded = d
		rec.Closed = d
	}
}

func (g *gen) complaint(rec *heed.Record, a area) {
	rec.Procedure = a.procedure
	rec.Theme = pick(g.r, themes)
	g.person(rec, a)
	g.rules.Normalize(rec)
	s1 := rec.Stage(1)
	rule, _ := g.rules.Procedures[rec.Procedure].Stage(1)
	if rule.AcknowledgeDays > 0 || g.r.IntN(10) < 7 {
		if d, ok := g.answered(rec.Received, 1+g.r.IntN(max(rule.AcknowledgeDays, 2))); ok {
			s1.Acknowledged = d
		}
	}
	if !g.respond(rec, s1, outcomes) {
		g.complaints = append(g.complaints, rec.Reference)
		return
	}
	last := s1.Responded
	g.learning(rec, s1)
	if s1.Outcome == heed.OutcomePartiallyUpheld || s1.Outcome == heed.OutcomeNotUpheld {
		if p := g.rules.Procedures[rec.Procedure]; len(p.Stages) > 1 && g.r.IntN(100) < 12 {
			last = g.escalate(rec, 2, last)
			if s2 := rec.Stage(2); s2 != nil && !s2.Responded.IsZero() && len(p.Stages) > 2 && g.r.IntN(100) < 20 {
				last = g.escalate(rec, 3, last)
			}
		}
	}
	if !last.IsZero() {
		rec.Closed = last
	}
	g.complaints = append(g.complaints, rec.Reference)
}

// respond answers a stage: about 65% in time, some within an agreed
// extension, some late, the newest still open. It reports whether the stage
// was answered.
func (g *gen) respond(rec *heed.Record, s *heed.Stage, choices []weighted[heed.Outcome]) bool {
	deadline, latest, ok := g.rules.Limits(g.cal, rec, s)
	if !ok {
		return false
	}
	n := g.cal.WorkingDaysBetween(s.Started, deadline)
	var resp calendar.Date
	switch roll := g.r.IntN(100); {
	case roll < 65:
		resp, _ = g.answered(s.Started, n-g.r.IntN(max(n/2, 1)))
	case roll < 80 && latest.After(deadline):
		extra := g.cal.WorkingDaysBetween(deadline, latest)
		s.ExtendedTo = g.cal.AddWorkingDays(deadline, 1+g.r.IntN(max(extra, 1)))
		if s.ExtendedTo.After(latest) {
			s.ExtendedTo = latest
		}
		s.ExtensionReason = "Complex investigation"
		resp = g.cal.AddWorkingDays(deadline, 1+g.r.IntN(max(g.cal.WorkingDaysBetween(deadline, s.ExtendedTo), 1)))
	default:
		resp = g.cal.AddWorkingDays(deadline, 1+g.r.IntN(15))
	}
	if resp.IsZero() || resp.After(g.end) {
		s.ExtendedTo, s.ExtensionReason = calendar.Date{}, ""
		return false
	}
	s.Responded = resp
	s.Outcome = pick(g.r, choices)
	if g.r.IntN(100) < 30 {
		s.Elements = g.elements(s.Outcome)
	}
	return true
}

// elements gives two or three points whose findings lead to outcome.
func (g *gen) elements(outcome heed.Outcome) []heed.Element {
	n := 2 + g.r.IntN(2)
	out := make([]heed.Element, n)
	for i := range out {
		out[i].Summary = elements[(i+g.r.IntN(len(elements)))%len(elements)]
		switch outcome {
		case heed.OutcomeUpheld:
			out[i].Finding = heed.FindingUpheld
		case heed.OutcomePartiallyUpheld:
			out[i].Finding = heed.FindingNotUpheld
			if i == 0 {
				out[i].Finding = one(g.r, []heed.Finding{heed.FindingUpheld, heed.FindingPartiallyUpheld})
			}
		case heed.OutcomeNotUpheld:
			out[i].Finding = heed.FindingNotUpheld
		default:
			return nil
		}
	}
	return out
}

func (g *gen) escalate(rec *heed.Record, n int, after calendar.Date) calendar.Date {
	req, ok := g.answered(after, 1+g.r.IntN(20))
	if !ok {
		return after // no request came before the end: closed at the last response
	}
	rec.Stages = append(rec.Stages, heed.Stage{Number: n, Started: req})
	s := &rec.Stages[len(rec.Stages)-1]
	if n == 2 && g.r.IntN(4) == 0 {
		s.Outcome = heed.OutcomeNotProgressed
		return req
	}
	if rule, _ := g.rules.Procedures[rec.Procedure].Stage(n); rule.AcknowledgeDays > 0 {
		if d, ok := g.answered(req, 1+g.r.IntN(rule.AcknowledgeDays)); ok {
			s.Acknowledged = d
		}
	}
	later := []weighted[heed.Outcome]{{heed.OutcomeUpheld, 5}, {heed.OutcomePartiallyUpheld, 25}, {heed.OutcomeNotUpheld, 70}}
	if !g.respond(rec, s, later) {
		return calendar.Date{}
	}
	return s.Responded
}

func (g *gen) learning(rec *heed.Record, s *heed.Stage) {
	switch s.Outcome {
	case heed.OutcomeUpheld, heed.OutcomePartiallyUpheld:
		if g.r.IntN(10) < 6 {
			due := s.Responded.AddDays(20 + g.r.IntN(40))
			a := heed.Action{Description: "Share the lesson with the team", Owner: one(g.r, owners), Due: due}
			if done := s.Responded.AddDays(10 + g.r.IntN(60)); g.r.IntN(10) < 6 && !done.After(g.end) {
				a.Completed, a.Evidence = done, "Team meeting notes"
			}
			rec.Lessons = []heed.Lesson{{Text: one(g.r, lessons), Actions: []heed.Action{a}}}
		}
	case heed.OutcomeNotUpheld:
		if g.r.IntN(5) == 0 {
			rec.Lessons = []heed.Lesson{{NoLearning: true}}
		}
	}
}

func (g *gen) ombudsman(rec *heed.Record) {
	if len(g.complaints) > 0 {
		rec.RelatedReference = g.complaints[g.r.IntN(len(g.complaints))]
	}
	g.reply(rec)
	o := &heed.OmbudsmanCase{Reference: fmt.Sprintf("%02d %03d %03d", rec.Received.Year()%100, g.r.IntN(20), g.r.IntN(1000))}
	if d := rec.Received.AddDays(20 + g.r.IntN(100)); !d.After(g.end) {
		o.Decision, o.Decided = pick(g.r, decisions), d
		if o.Decision == heed.DecisionUpheld || o.Decision == heed.DecisionUpheldRemediedByCouncil {
			o.RemedyType = one(g.r, remedies)
			if o.RemedyType == heed.RemedyFinancial {
				o.RemedyPence = int64(100+g.r.IntN(900)) * 100
			}
			if c := d.AddDays(10 + g.r.IntN(50)); !c.After(g.end) {
				o.Complied = c
			}
		}
	}
	rec.Ombudsman = o
}
