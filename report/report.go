package report

import (
	"context"
	"fmt"
	"slices"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Generate reads the facts for period p from src and computes the report.
func Generate(ctx context.Context, src Source, p Period, opts Options) (*Report, error) {
	if opts.AsOf.IsZero() {
		opts.AsOf = calendar.Today()
	}
	q := p.query(opts.AsOf)
	q.ServiceAreas = opts.ServiceAreas
	q.Procedures = opts.Procedures
	facts, err := src.ReportFacts(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("report facts: %w", err)
	}
	return Build(p, facts, opts), nil
}

// Build computes the report on p from facts (as the store returns them for
// p's query).
func Build(p Period, f *Facts, opts Options) *Report {
	if opts.Rules.Procedures == nil {
		opts.Rules = heed.DefaultRules()
	}
	if opts.SuppressBelow == 0 {
		opts.SuppressBelow = 5
	}
	b := &builder{p: p, f: f, opts: opts, years: [3]string{p.Label, p.shifted(1).Label, p.shifted(2).Label}}
	r := &Report{
		Council: opts.Council, Scope: opts.Scope,
		Period: PeriodLabel{From: p.From.String(), To: p.To.String(), Label: p.Label},
		AsOf:   opts.AsOf.String(), Published: opts.Publish,
		Narrative: NarrativeOf(opts.Narrative),
	}
	r.Tables = append(b.tables(), b.refusedTable(), b.ombudsmanByServiceTable(), b.ombudsmanRemediesTable())
	if t := b.directorateTable(); t != nil {
		r.Tables = append(r.Tables, t)
	}
	r.Measures = append(b.measures(), b.refusalOmbudsmanMeasures()...)
	r.Learning = b.learning()
	r.Tables = append(r.Tables, b.learningTable(r.Learning))
	if !opts.Publish {
		for _, e := range f.Learning.Examples {
			r.Lessons = append(r.Lessons, LessonLine(e))
		}
	}
	r.Summary = summary(r, b.years[1])
	r.Notes = countingRules(opts)
	if opts.Publish {
		for _, t := range r.Tables {
			if t.Sensitive && suppress(t, opts.SuppressBelow) {
				t.Notes = append(t.Notes, fmt.Sprintf(
					"Counts from 1 to %d are not shown (*) so that no one can be identified.", opts.SuppressBelow-1))
			}
		}
	}
	return r
}

// suppress hides counts from 1 to below-1, and reports whether any were.
func suppress(t *Table, below int) bool {
	any := false
	for _, rows := range [][]Row{t.Rows, t.Comparisons} {
		for i := range rows {
			for j := range rows[i].Values {
				if v := rows[i].Values[j].N; v >= 1 && v < float64(below) {
					rows[i].Values[j] = Value{Suppressed: true}
					any = true
				}
			}
		}
	}
	return any
}

type builder struct {
	p     Period
	f     *Facts
	opts  Options
	years [3]string // labels of this period and the two before
}

// grid counts facts into [year][service area][column].
type grid map[string][]int

func (b *builder) cols() int { return len(b.p.Columns) }

// byService counts the records each fact contributes (weight), by service
// area and column, for each of the three years.
func (b *builder) byService(weight func(RecordFact) int) [3]grid {
	var g [3]grid
	for i := range g {
		g[i] = grid{}
	}
	for _, f := range b.f.Records {
		w := weight(f)
		if w == 0 || f.ServiceArea == "" {
			continue
		}
		y, c := b.p.bucket(f.Bucket)
		row := g[y][f.ServiceArea]
		if row == nil {
			row = make([]int, b.cols())
			g[y][f.ServiceArea] = row
		}
		row[c] += w
	}
	return g
}

// areas lists the service areas with any feedback in the period, in the
// order a person reads them (heed.SortNames).
func (b *builder) areas() []string {
	seen := map[string]bool{}
	for _, f := range b.f.Records {
		if y, _ := b.p.bucket(f.Bucket); y == 0 && f.ServiceArea != "" && feedback(f.Type) {
			seen[f.ServiceArea] = true
		}
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	heed.SortNames(out)
	return out
}

func feedback(t heed.RecordType) bool {
	switch t {
	case heed.TypeComplaint, heed.TypeCompliment, heed.TypeComment, heed.TypeMPEnquiry,
		heed.TypeCouncillorEnquiry, heed.TypeOmbudsmanEnquiry:
		return true
	}
	return false
}

func nums(v ...int) []Value {
	out := make([]Value, len(v))
	for i, n := range v {
		out[i] = Value{N: float64(n)}
	}
	return out
}

func sum(v []int) int {
	t := 0
	for _, n := range v {
		t += n
	}
	return t
}

// serviceTable builds a table of service areas by quarter, with a Total
// row and the totals of the two years before.
func (b *builder) serviceTable(id, title string, areas []string, weight func(RecordFact) int) *Table {
	g := b.byService(weight)
	t := &Table{ID: id, Title: title, Chart: len(b.p.Columns)}
	for _, c := range b.p.Columns {
		t.Columns = append(t.Columns, c.Label)
	}
	t.Columns = append(t.Columns, b.p.YearLabel)
	totals := func(y int) []int {
		tot := make([]int, b.cols())
		for _, row := range g[y] {
			for i, n := range row {
				tot[i] += n
			}
		}
		return append(tot, sum(tot))
	}
	for _, a := range areas {
		row := g[0][a]
		if row == nil {
			row = make([]int, b.cols())
		}
		t.Rows = append(t.Rows, Row{Key: a, Label: a, Values: nums(append(slices.Clone(row), sum(row))...)})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(totals(0)...)})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: nums(totals(y)...)})
	}
	return t
}

func ofType(t heed.RecordType) func(RecordFact) int {
	return func(f RecordFact) int {
		if f.Type == t {
			return f.Count
		}
		return 0
	}
}

func complaintsWhere(ok func(RecordFact) bool) func(RecordFact) int {
	return func(f RecordFact) int {
		if f.Type == heed.TypeComplaint && ok(f) {
			return f.Count
		}
		return 0
	}
}

func (b *builder) tables() []*Table {
	areas := b.areas()
	ts := []*Table{
		b.serviceTable("feedback_by_service", "All feedback received, by service area", areas, func(f RecordFact) int {
			if feedback(f.Type) {
				return f.Count
			}
			return 0
		}),
		b.serviceTable("complaints_by_service", "Complaints received, by service area", areas, ofType(heed.TypeComplaint)),
		b.serviceTable("upheld_by_service", "Complaints upheld at Stage 1", areas,
			complaintsWhere(func(f RecordFact) bool { return f.Outcome == heed.OutcomeUpheld })),
		b.serviceTable("partially_upheld_by_service", "Complaints partially upheld at Stage 1", areas,
			complaintsWhere(func(f RecordFact) bool { return f.Outcome == heed.OutcomePartiallyUpheld })),
		b.serviceTable("in_time_by_service", "Complaints answered at Stage 1 within the target", areas,
			complaintsWhere(func(f RecordFact) bool { return f.Timing == TimingInTime })),
		b.serviceTable("in_extended_time_by_service", "Complaints answered at Stage 1 after the target but within an agreed extension", areas,
			complaintsWhere(func(f RecordFact) bool { return f.Timing == TimingInExtension })),
		b.serviceTable("compliments_by_service", "Compliments received", areas, ofType(heed.TypeCompliment)),
		b.serviceTable("comments_by_service", "Comments received", areas, ofType(heed.TypeComment)),
		b.serviceTable("mp_enquiries_by_service", "MP enquiries received", areas, ofType(heed.TypeMPEnquiry)),
		b.serviceTable("councillor_enquiries_by_service", "Councillor enquiries received", areas, ofType(heed.TypeCouncillorEnquiry)),
		b.serviceTable("ombudsman_enquiries_by_service", "Ombudsman enquiries received", areas, ofType(heed.TypeOmbudsmanEnquiry)),
		b.themeTable(),
		b.stagesTable(),
		b.outcomesTable(),
		b.youngPeopleTable(),
		b.ombudsmanTable(),
		b.responseDaysTable(),
	}
	ts = append(ts, b.responseTables(areas)...)
	ts[4].Notes = append(ts[4].Notes, "In time means answered on or before the target deadline; an extension or a holding letter does not move it.")
	return ts
}

func (b *builder) themeTable() *Table {
	t := &Table{ID: "complaints_by_theme", Title: "Complaints by theme, with those upheld and partially upheld at Stage 1", Sensitive: true, Chart: len(b.p.Columns)}
	for _, c := range b.p.Columns {
		t.Columns = append(t.Columns, c.Label)
	}
	t.Columns = append(t.Columns, b.p.YearLabel, "Upheld", "Partially upheld")
	n := b.cols()
	var rows [3]map[string][]int
	for i := range rows {
		rows[i] = map[string][]int{}
	}
	for _, f := range b.f.ByTheme {
		y, c := b.p.bucket(f.Bucket)
		theme := f.Theme
		if theme == "" {
			theme = noTheme
		}
		row := rows[y][theme]
		if row == nil {
			row = make([]int, n+3)
			rows[y][theme] = row
		}
		row[c] += f.Count
		row[n] += f.Count
		switch f.Outcome {
		case heed.OutcomeUpheld:
			row[n+1] += f.Count
		case heed.OutcomePartiallyUpheld:
			row[n+2] += f.Count
		}
	}
	total := func(y int) []int {
		tot := make([]int, n+3)
		for _, r := range rows[y] {
			for i, v := range r {
				tot[i] += v
			}
		}
		return tot
	}
	// Every theme the council uses is listed, with a row of noughts when no
	// complaint had it this year, in the order a person reads them.
	seen := map[string]bool{}
	var themes []string
	for _, th := range b.f.Themes {
		seen[th] = true
		themes = append(themes, th)
	}
	for th := range rows[0] {
		if !seen[th] {
			themes = append(themes, th)
		}
	}
	heed.SortNames(themes)
	for _, th := range themes {
		if rows[0][th] == nil {
			rows[0][th] = make([]int, n+3)
		}
	}
	for _, th := range themes {
		t.Rows = append(t.Rows, Row{Key: themeKey(th), Label: th, Values: nums(rows[0][th]...)})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(total(0)...)})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: nums(total(y)...)})
	}
	return t
}

// stageCounts returns, for year y, per procedure: Stage 1, 2 and 3 counts
// and escalation requests not progressed.
// noTheme labels the complaints recorded without a theme; its row's key
// is "none".
const noTheme = "No theme recorded"

func themeKey(theme string) string {
	if theme == noTheme {
		return "none"
	}
	return theme
}

func (b *builder) stageCounts(y int) map[heed.ProcedureID][]int {
	out := map[heed.ProcedureID][]int{}
	row := func(p heed.ProcedureID) []int {
		if out[p] == nil {
			out[p] = make([]int, 4)
		}
		return out[p]
	}
	for _, f := range b.f.Records {
		if yy, _ := b.p.bucket(f.Bucket); yy == y && f.Type == heed.TypeComplaint {
			row(f.Procedure)[0] += f.Count
		}
	}
	for _, f := range b.f.Stages {
		if yy, _ := b.p.bucket(f.Bucket); yy != y {
			continue
		}
		if f.Outcome == heed.OutcomeNotProgressed {
			row(f.Procedure)[3] += f.Count
		} else if f.Number <= 3 {
			row(f.Procedure)[f.Number-1] += f.Count
		}
	}
	return out
}

func (b *builder) procedures() []heed.ProcedureID {
	var out []heed.ProcedureID
	for _, p := range heed.ProcedureIDs {
		if _, ok := b.opts.Rules.Procedures[p]; ok {
			out = append(out, p)
		}
	}
	return out
}

func (b *builder) stagesTable() *Table {
	t := &Table{ID: "stages_by_procedure", Title: "Complaints at each stage, by procedure",
		Columns: []string{"Stage 1", "Stage 2", "Stage 3", "Escalation requests not progressed"}, Chart: -1,
		Notes: []string{"A Stage 2 or Stage 3 is counted in the year its request was received, even when Stage 1 was the year before."}}
	var totals [3][]int
	for y := 0; y < 3; y++ {
		totals[y] = make([]int, 4)
		for _, row := range b.stageCounts(y) {
			for i, v := range row {
				totals[y][i] += v
			}
		}
	}
	counts := b.stageCounts(0)
	for _, p := range b.procedures() {
		row := counts[p]
		if row == nil {
			row = make([]int, 4)
		}
		t.Rows = append(t.Rows, Row{Key: string(p), Label: p.Label(), Values: nums(row...)})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(totals[0]...)})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: nums(totals[y]...)})
	}
	return t
}

var outcomeColumns = []heed.Outcome{heed.OutcomeUpheld, heed.OutcomePartiallyUpheld, heed.OutcomeNotUpheld,
	heed.OutcomeWithdrawn, heed.OutcomeResolvedEarly}

func (b *builder) outcomesTable() *Table {
	t := &Table{ID: "stage1_outcomes_by_procedure", Title: "Stage 1 outcomes, by procedure", Chart: -1,
		Columns: []string{"Upheld", "Partially upheld", "Not upheld", "Withdrawn", "Resolved early", "Pending",
			"Pending: not yet due", "Pending: late and unanswered", "Pending: answered without an outcome"},
		Notes: []string{"Outcomes belong to the complaint's Stage 1 and are counted in the year the complaint was received. " +
			"Pending (no outcome yet) splits into not yet due (or paused), late and unanswered, and answered without an outcome."}}
	const cols = 9
	var totals [3][]int
	counts := map[heed.ProcedureID][]int{}
	for y := range totals {
		totals[y] = make([]int, cols)
	}
	for _, f := range b.f.Records {
		if f.Type != heed.TypeComplaint || f.Outcome == heed.OutcomeRefused { // in the refused table
			continue
		}
		y, _ := b.p.bucket(f.Bucket)
		if y == 0 && counts[f.Procedure] == nil {
			counts[f.Procedure] = make([]int, cols)
		}
		add := func(i, n int) {
			totals[y][i] += n
			if y == 0 {
				counts[f.Procedure][i] += n
			}
		}
		if i := slices.Index(outcomeColumns, f.Outcome); i >= 0 {
			add(i, f.Count)
			continue
		}
		add(5, f.Count) // no outcome yet
		add(8, f.Responded)
		if f.Timing == TimingLate {
			add(7, f.Count-f.Responded)
		} else {
			add(6, f.Count-f.Responded)
		}
	}
	for _, p := range b.procedures() {
		row := counts[p]
		if row == nil {
			row = make([]int, cols)
		}
		t.Rows = append(t.Rows, Row{Key: string(p), Label: p.Label(), Values: nums(row...)})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(totals[0]...)})
	for y := 1; y <= 2; y++ {
		t.Comparisons = append(t.Comparisons, Row{Key: comparisonKeys[y], Label: b.years[y], Values: nums(totals[y]...)})
	}
	return t
}

func (b *builder) ombudsmanTable() *Table {
	t := &Table{ID: "ombudsman_decisions", Title: "Ombudsman enquiries received, by decision", Columns: []string{b.p.YearLabel}, Chart: -1}
	counts := map[heed.OmbudsmanDecision]int{}
	for _, f := range b.f.Records {
		if y, _ := b.p.bucket(f.Bucket); y == 0 && f.Type == heed.TypeOmbudsmanEnquiry {
			counts[f.Decision] += f.Count
		}
	}
	total := 0
	for _, d := range heed.OmbudsmanDecisions {
		t.Rows = append(t.Rows, Row{Key: string(d), Label: d.Label(), Values: nums(counts[d])})
		total += counts[d]
	}
	t.Rows = append(t.Rows, Row{Key: "awaiting", Label: "Awaiting a decision", Values: nums(counts[""])})
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(total + counts[""])})
	return t
}

func (b *builder) responseDaysTable() *Table {
	t := &Table{ID: "average_response_days", Title: "Average working days to respond, by procedure and stage",
		Columns: []string{"Responses", "Average working days"}, Chart: -1,
		Notes: []string{"Counted from the day the stage's clock started (day 0) to the response, in working days."}}
	type acc struct{ n, days int }
	stats := map[string]*acc{}
	get := func(p heed.ProcedureID, n int) *acc {
		k := fmt.Sprintf("%s/%d", p, n)
		if stats[k] == nil {
			stats[k] = &acc{}
		}
		return stats[k]
	}
	for _, f := range b.f.Records {
		if y, _ := b.p.bucket(f.Bucket); y == 0 && f.Type == heed.TypeComplaint {
			a := get(f.Procedure, 1)
			a.n += f.Responded
			a.days += f.ResponseDays
		}
	}
	for _, f := range b.f.Stages {
		if y, _ := b.p.bucket(f.Bucket); y == 0 && f.Outcome != heed.OutcomeNotProgressed {
			a := get(f.Procedure, f.Number)
			a.n += f.Responded
			a.days += f.ResponseDays
		}
	}
	for _, p := range b.procedures() {
		for n := range b.opts.Rules.Procedures[p].Stages {
			a := get(p, n+1)
			avg := NotApplicable() // an average of no responses
			if a.n > 0 {
				avg = ratio(float64(a.days) / float64(a.n))
			}
			t.Rows = append(t.Rows, Row{Key: fmt.Sprintf("%s_stage%d", p, n+1), Label: fmt.Sprintf("%s Stage %d", p.Label(), n+1),
				Values: []Value{{N: float64(a.n)}, avg}})
		}
	}
	return t
}

func (b *builder) learning() LearningState {
	l := b.f.Learning
	return LearningState{Lessons: l.Lessons, NoLearning: l.NoLearning, Actions: l.Actions,
		Completed: l.Completed, Overdue: l.Overdue, Open: l.Actions - l.Completed - l.Overdue}
}

func (b *builder) learningTable(l LearningState) *Table {
	return &Table{ID: "learning", Title: "Lessons learnt and their actions", Columns: []string{b.p.YearLabel}, Chart: -1,
		Rows: []Row{
			{Key: "lessons", Label: "Lessons recorded", Values: nums(l.Lessons)},
			{Key: "no_learning_identified", Label: "No learning identified", Values: nums(l.NoLearning)},
			{Key: "actions", Label: "Actions", Values: nums(l.Actions)},
			{Key: "actions_completed", Label: "Actions completed", Values: nums(l.Completed)},
			{Key: "actions_overdue", Label: "Actions overdue", Values: nums(l.Overdue)},
			{Key: "actions_open", Label: "Actions open, not yet due", Values: nums(l.Open)},
		},
		Notes: []string{"For the records received in the period; an action is overdue when it is not completed by its due date."}}
}
