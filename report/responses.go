package report

import (
	"fmt"
	"slices"

	"github.com/heedhq/heed"
)

// escalationExcluded are the Stage 1 outcomes whose responses the
// escalation rate leaves out of its denominator: a complaint withdrawn or
// resolved early has nothing to escalate. One list, so that a new outcome
// (a complaint refused, say) joins it in one place.
var escalationExcluded = []heed.Outcome{heed.OutcomeWithdrawn, heed.OutcomeResolvedEarly, heed.OutcomeRefused}

// lateBands label Lateness.By.
var lateBands = []string{"1–5 working days late", "6–10 working days late", "11–20 working days late", "Over 20 working days late"}

// maxStages is the most stages any procedure in force has.
func (b *builder) maxStages() int {
	n := 0
	for _, p := range b.procedures() {
		n = max(n, len(b.opts.Rules.Procedures[p].Stages))
	}
	return n
}

// hasStage2 reports whether procedure p has a Stage 2.
func (b *builder) hasStage2(p heed.ProcedureID) bool {
	proc, ok := b.opts.Rules.Procedures[p]
	return ok && len(proc.Stages) >= 2
}

func stageNumber(f ResponseFact) int { return max(f.Number, 1) }

// escalates reports whether a Stage 1 response counts in the escalation
// rate's denominator.
func (b *builder) escalates(f ResponseFact) bool {
	return stageNumber(f) == 1 && b.hasStage2(f.Procedure) && !slices.Contains(escalationExcluded, f.Outcome)
}

// stage2Started reports whether a stage fact is a Stage 2 started (not a
// request not progressed).
func stage2Started(f StageFact) bool {
	return f.Number == 2 && f.Outcome != heed.OutcomeNotProgressed
}

// withAreas adds to areas (the period's, sorted) any service area in more,
// and sorts them again.
func withAreas(areas []string, more func(yield func(string))) []string {
	seen := map[string]bool{}
	for _, a := range areas {
		seen[a] = true
	}
	out := slices.Clone(areas)
	more(func(a string) {
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	})
	heed.SortNames(out)
	return out
}

// byArea counts rows of n values by service area for each of the three
// years, and builds a table of the areas, Total and the two years' totals.
type byArea struct {
	n     int
	years [3]map[string][]int
}

func newByArea(n int) *byArea {
	a := &byArea{n: n}
	for i := range a.years {
		a.years[i] = map[string][]int{}
	}
	return a
}

func (a *byArea) row(y int, area string) []int {
	r := a.years[y][area]
	if r == nil {
		r = make([]int, a.n)
		a.years[y][area] = r
	}
	return r
}

func (a *byArea) total(y int) []int {
	t := make([]int, a.n)
	for _, r := range a.years[y] {
		for i, v := range r {
			t[i] += v
		}
	}
	return t
}

// table fills t with a row a service area, Total and the two years'
// totals, each row's values made by values from its counts.
func (a *byArea) table(b *builder, t *Table, areas []string, values func([]int) []Value) *Table {
	for _, area := range areas {
		t.Rows = append(t.Rows, Row{Key: area, Label: area, Values: values(a.row(0, area))})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: values(a.total(0))})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: values(a.total(y))})
	}
	return t
}

func (b *builder) responseTables(areas []string) []*Table {
	ts := []*Table{b.correctiveActionTable(), b.escalationTable(areas)}
	for n := 1; n <= b.maxStages(); n++ {
		ts = append(ts, b.lateTable(areas, n))
	}
	return append(ts, b.timescalesByStage(), b.timescalesByService(areas), b.enquiriesTimeliness())
}

// correctiveAction counts year y's responses: by stage, corrective action,
// none, not recorded.
func (b *builder) correctiveAction(y int) [3][3]int {
	var c [3][3]int
	for _, f := range b.f.Responses {
		n := stageNumber(f)
		if f.YearsBefore != y || n > 3 {
			continue
		}
		c[n-1][0] += f.CorrectiveYes
		c[n-1][1] += f.CorrectiveNo
		c[n-1][2] += f.Count - f.CorrectiveYes - f.CorrectiveNo
	}
	return c
}

func (b *builder) correctiveActionTable() *Table {
	t := &Table{ID: "corrective_action", Title: "Stage responses, by whether they identified corrective action",
		Columns: []string{"Corrective action", "No corrective action", "Not recorded"}, Chart: -1,
		Notes: []string{"Counts the stage responses made in the period, whatever year the complaint was received; " +
			"no corrective action means the response recorded explicitly that there was none."}}
	total := func(c [3][3]int) []Value {
		var s [3]int
		for _, row := range c {
			for i, v := range row {
				s[i] += v
			}
		}
		return nums(s[:]...)
	}
	c := b.correctiveAction(0)
	for n := range 3 {
		t.Rows = append(t.Rows, Row{Key: fmt.Sprintf("stage%d", n+1), Label: fmt.Sprintf("Stage %d", n+1), Values: nums(c[n][:]...)})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: total(c)})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: total(b.correctiveAction(y))})
	}
	return t
}

func (b *builder) escalationTable(areas []string) *Table {
	t := &Table{ID: "escalation_by_service", Title: "Escalation to Stage 2, by service area",
		Columns: []string{"Stage 1 responses", "Stage 2 started", "Escalation rate (%)"}, Chart: -1,
		Notes: []string{"Escalation rate = Stage 2 started in the period ÷ Stage 1 responses made in the period, " +
			"over the procedures that have a Stage 2, leaving out complaints withdrawn or resolved early."}}
	a := newByArea(2)
	for _, f := range b.f.Responses {
		if b.escalates(f) {
			a.row(f.YearsBefore, f.ServiceArea)[0] += f.Count
		}
	}
	for _, f := range b.f.Stages {
		if y, _ := b.p.bucket(f.Bucket); stage2Started(f) {
			a.row(y, f.ServiceArea)[1] += f.Count
		}
	}
	areas = withAreas(areas, func(yield func(string)) {
		for area := range a.years[0] {
			yield(area)
		}
	})
	return a.table(b, t, areas, func(c []int) []Value {
		return []Value{{N: float64(c[0])}, {N: float64(c[1])}, pct(c[1], c[0])}
	})
}

func (b *builder) lateTable(areas []string, n int) *Table {
	t := &Table{ID: fmt.Sprintf("late_responses_stage%d", n), Title: fmt.Sprintf("Late Stage %d responses, by service area", n),
		Columns: append([]string{"Late responses", "Average working days late"}, lateBands...), Chart: -1,
		Notes: []string{fmt.Sprintf("Counts the Stage %d responses made in the period after the deadline and after any agreed extension; "+
			"working days late are counted from the last day allowed (the extension's end, when one was agreed) to the response.", n)}}
	a := newByArea(6)
	for _, f := range b.f.Responses {
		if stageNumber(f) != n || f.Late.N == 0 {
			continue
		}
		r := a.row(f.YearsBefore, f.ServiceArea)
		r[0] += f.Late.N
		r[1] += f.Late.Days
		for i, v := range f.Late.By {
			r[2+i] += v
		}
	}
	areas = withAreas(areas, func(yield func(string)) {
		for area := range a.years[0] {
			yield(area)
		}
	})
	return a.table(b, t, areas, func(c []int) []Value {
		avg := NotApplicable()
		if c[0] > 0 {
			avg = ratio(float64(c[1]) / float64(c[0]))
		}
		return append([]Value{{N: float64(c[0])}, avg}, nums(c[2:]...)...)
	})
}

// timed are the timeliness counts of stages: responses, in time, in an
// extension, late (answered or not), pending (or paused), and the working
// days of the responses.
type timed struct{ responses, inTime, inExt, late, pending, days int }

func (t *timed) add(timing Timing, count, responded, days int) {
	t.responses += responded
	t.days += days
	switch timing {
	case TimingInTime:
		t.inTime += count
	case TimingInExtension:
		t.inExt += count
	case TimingLate:
		t.late += count
	case TimingPending, TimingPaused:
		t.pending += count
	}
}

func (t timed) plus(o timed) timed {
	return timed{t.responses + o.responses, t.inTime + o.inTime, t.inExt + o.inExt, t.late + o.late, t.pending + o.pending, t.days + o.days}
}

func (t timed) values() []Value {
	avg := NotApplicable()
	if t.responses > 0 {
		avg = ratio(float64(t.days) / float64(t.responses))
	}
	return []Value{{N: float64(t.responses)}, {N: float64(t.inTime)}, {N: float64(t.inExt)}, {N: float64(t.late)},
		{N: float64(t.pending)}, pct(t.inTime, t.inTime+t.inExt+t.late), avg}
}

// stageTimes are year y's stages by procedure and number.
func (b *builder) stageTimes(y int) map[string]*timed {
	out := map[string]*timed{}
	get := func(p heed.ProcedureID, n int) *timed {
		k := fmt.Sprintf("%s_stage%d", p, n)
		if out[k] == nil {
			out[k] = &timed{}
		}
		return out[k]
	}
	for _, f := range b.f.Records {
		if yy, _ := b.p.bucket(f.Bucket); yy == y && f.Type == heed.TypeComplaint {
			get(f.Procedure, 1).add(f.Timing, f.Count, f.Responded, f.ResponseDays)
		}
	}
	for _, f := range b.f.Stages {
		if yy, _ := b.p.bucket(f.Bucket); yy == y && f.Outcome != heed.OutcomeNotProgressed {
			get(f.Procedure, f.Number).add(f.Timing, f.Count, f.Responded, f.ResponseDays)
		}
	}
	return out
}

func (b *builder) timescalesByStage() *Table {
	t := &Table{ID: "timescales_by_stage", Title: "Timescales, by procedure and stage",
		Columns: []string{"Responses", "In time", "In extended time", "Late", "Pending", "In time (%)", "Average working days"}, Chart: -1,
		Notes: []string{"Stages started in the period (Stage 1 when the complaint was received). Late counts those answered late " +
			"and those unanswered past their deadline; pending, those unanswered and not yet due or paused. In time (%) is of those " +
			"in time, in extended time or late."}}
	total := func(m map[string]*timed) timed {
		var s timed
		for _, v := range m {
			s = s.plus(*v)
		}
		return s
	}
	now := b.stageTimes(0)
	for _, p := range b.procedures() {
		for n := range b.opts.Rules.Procedures[p].Stages {
			k := fmt.Sprintf("%s_stage%d", p, n+1)
			var v timed
			if now[k] != nil {
				v = *now[k]
			}
			t.Rows = append(t.Rows, Row{Key: k, Label: fmt.Sprintf("%s Stage %d", p.Label(), n+1), Values: v.values()})
		}
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: total(now).values()})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: total(b.stageTimes(y)).values()})
	}
	return t
}

func (b *builder) timescalesByService(areas []string) *Table {
	t := &Table{ID: "timescales_by_service", Title: "Complaints answered within the target at Stage 1 (%), by service area", Chart: -1,
		Notes: []string{"Of the complaints received in each quarter whose Stage 1 was answered, or is unanswered past its deadline: " +
			"the percentage answered on or before the deadline."}}
	for _, c := range b.p.Columns {
		t.Columns = append(t.Columns, c.Label)
	}
	t.Columns = append(t.Columns, b.p.YearLabel)
	cols := b.cols()
	// per column: in time, then judged (in time, in extension or late)
	a := newByArea(2 * (cols + 1))
	for _, f := range b.f.Records {
		if f.Type != heed.TypeComplaint {
			continue
		}
		y, c := b.p.bucket(f.Bucket)
		r := a.row(y, f.ServiceArea)
		switch f.Timing {
		case TimingInTime:
			r[2*c] += f.Count
			r[2*c+1] += f.Count
			r[2*cols] += f.Count
			r[2*cols+1] += f.Count
		case TimingInExtension, TimingLate:
			r[2*c+1] += f.Count
			r[2*cols+1] += f.Count
		}
	}
	return a.table(b, t, areas, func(c []int) []Value {
		out := make([]Value, cols+1)
		for i := range out {
			out[i] = pct(c[2*i], c[2*i+1])
		}
		return out
	})
}

func (b *builder) enquiriesTimeliness() *Table {
	t := &Table{ID: "enquiries_timeliness", Title: "MP and councillor enquiries answered within their target",
		Columns: []string{"Received", "Answered", "Answered within the target", "Within the target (%)"}, Chart: -1,
		Notes: []string{"Enquiries received in the period; the percentage is of those answered, or unanswered past their deadline."}}
	kinds := []heed.RecordType{heed.TypeMPEnquiry, heed.TypeCouncillorEnquiry}
	count := func(y int) [2][4]int { // received, answered, in time, judged
		var c [2][4]int
		for _, f := range b.f.Records {
			i := slices.Index(kinds, f.Type)
			if yy, _ := b.p.bucket(f.Bucket); yy != y || i < 0 {
				continue
			}
			c[i][0] += f.Count
			c[i][1] += f.Responded
			switch f.Timing {
			case TimingInTime:
				c[i][2] += f.Count
				c[i][3] += f.Count
			case TimingInExtension, TimingLate:
				c[i][3] += f.Count
			}
		}
		return c
	}
	values := func(c [4]int) []Value { return append(nums(c[0], c[1], c[2]), pct(c[2], c[3])) }
	sum := func(c [2][4]int) [4]int {
		var s [4]int
		for i := range s {
			s[i] = c[0][i] + c[1][i]
		}
		return s
	}
	now := count(0)
	for i, k := range kinds {
		t.Rows = append(t.Rows, Row{Key: string(k), Label: k.Label() + "s", Values: values(now[i])})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: values(sum(now))})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: values(sum(count(y)))})
	}
	return t
}
