package report

import (
	"fmt"
	"math"

	"github.com/heedhq/heed"
)

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// pct is n as a percentage of d, not applicable when d is 0.
func pct(n, d int) Value {
	if d == 0 {
		return NotApplicable()
	}
	return ratio(100 * float64(n) / float64(d))
}

// yearFigures are the counts a measure is computed from, for one year.
type yearFigures struct {
	types                     map[heed.RecordType]int
	stages                    map[heed.ProcedureID][]int
	inTime, timed             int
	upheld, partly, complaint int
	responses, escalations    int
	corrective, noCorrective  int
	young                     young
}

// countTiming adds the complaints of f answered in time to inTime, and
// those judged at all (in time, in an extension or late) to timed: the
// in-time percentage's numerator and denominator.
func countTiming(f RecordFact, inTime, timed *int) {
	switch f.Timing {
	case TimingInTime:
		*inTime += f.Count
		*timed += f.Count
	case TimingInExtension, TimingLate:
		*timed += f.Count
	}
}

func (b *builder) figures(y int) yearFigures {
	fg := yearFigures{types: map[heed.RecordType]int{}, stages: b.stageCounts(y)}
	for _, f := range b.f.Records {
		if yy, _ := b.p.bucket(f.Bucket); yy != y {
			continue
		}
		fg.types[f.Type] += f.Count
		if f.Type != heed.TypeComplaint {
			continue
		}
		fg.complaint += f.Count
		countTiming(f, &fg.inTime, &fg.timed)
		switch f.Outcome {
		case heed.OutcomeUpheld:
			fg.upheld += f.Count
		case heed.OutcomePartiallyUpheld:
			fg.partly += f.Count
		}
	}
	for _, f := range b.f.Responses {
		if f.YearsBefore != y {
			continue
		}
		if b.escalates(f) {
			fg.responses += f.Count
		}
		fg.corrective += f.CorrectiveYes
		fg.noCorrective += f.CorrectiveNo
	}
	for _, row := range fg.stages {
		fg.escalations += row[1]
	}
	fg.young = b.youngPeople(y)
	return fg
}

func (b *builder) measures() []Measure {
	now, prev := b.figures(0), b.figures(1)
	var ms []Measure
	add := func(id, label string, v, p Value, percent bool) {
		m := Measure{ID: id, Label: label, Value: v, Previous: p, Change: NotApplicable(), ChangePercent: NotApplicable(), Percent: percent}
		if !v.Null() && !p.Null() {
			// From the unrounded figures: 33.34% against 33.25% is a
			// change of 0.1, not of 33.3 - 33.3 = 0.
			vx, px := v.unrounded(), p.unrounded()
			m.Change = ratio(vx - px)
			if px != 0 {
				m.ChangePercent = ratio(100 * (vx - px) / px)
			}
		}
		ms = append(ms, m)
	}
	count := func(n int) Value { return Value{N: float64(n)} }
	for _, t := range []struct {
		id, label string
		t         heed.RecordType
	}{{"complaints", "Complaints", heed.TypeComplaint}, {"compliments", "Compliments", heed.TypeCompliment},
		{"comments", "Comments", heed.TypeComment}, {"mp_enquiries", "MP enquiries", heed.TypeMPEnquiry},
		{"councillor_enquiries", "Councillor enquiries", heed.TypeCouncillorEnquiry},
		{"ombudsman_enquiries", "Ombudsman enquiries", heed.TypeOmbudsmanEnquiry},
		{"subject_access_requests", "Subject access requests", heed.TypeSAR}} {
		add(t.id, t.label, count(now.types[t.t]), count(prev.types[t.t]), false)
	}
	for _, p := range b.procedures() {
		for n := range b.opts.Rules.Procedures[p].Stages {
			get := func(fg yearFigures) Value {
				if row := fg.stages[p]; row != nil {
					return count(row[n])
				}
				return count(0)
			}
			add(fmt.Sprintf("%s_stage%d", p, n+1), fmt.Sprintf("%s Stage %d", p.Label(), n+1), get(now), get(prev), false)
		}
	}
	add("in_time_percent", "Complaints answered within the target at Stage 1 (%)", pct(now.inTime, now.timed), pct(prev.inTime, prev.timed), true)
	add("upheld_percent", "Complaints upheld at Stage 1 (%)", pct(now.upheld, now.complaint), pct(prev.upheld, prev.complaint), true)
	add("partially_upheld_percent", "Complaints partially upheld at Stage 1 (%)", pct(now.partly, now.complaint), pct(prev.partly, prev.complaint), true)
	add("escalation_rate_percent", "Escalation rate: Stage 2 started per Stage 1 response (%)",
		pct(now.escalations, now.responses), pct(prev.escalations, prev.responses), true)
	add("complaints_from_children", "Complaints made directly by children and young people", count(now.young.direct), count(prev.young.direct), false)
	add("uasc_complaints", "Complaints from unaccompanied asylum-seeking children", count(now.young.uasc), count(prev.young.uasc), false)
	add("advocacy_provided", "Complaints made directly by children and young people with advocacy provided", count(now.young.provided), count(prev.young.provided), false)
	add("corrective_action", "Stage responses that identified corrective action", count(now.corrective), count(prev.corrective), false)
	add("no_corrective_action", "Stage responses that recorded no corrective action", count(now.noCorrective), count(prev.noCorrective), false)
	return ms
}
