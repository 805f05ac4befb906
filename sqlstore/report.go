package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

var _ report.Source = (*DB)(nil)

// A dateText writes a date as a column compares with it: a day
// (2014-06-30) or, for record_counts, a month (2014-06).
type dateText func(calendar.Date) string

func dayText(d calendar.Date) string   { return d.String() }
func monthText(d calendar.Date) string { return d.String()[:7] }

// wholeMonths reports whether every bucket runs from the first of a month
// to the last day of one, so that record_counts can answer for it.
func wholeMonths(buckets ...report.Bucket) bool {
	for _, b := range buckets {
		if b.From.Day() != 1 || b.To.AddDays(1).Day() != 1 {
			return false
		}
	}
	return true
}

// bucketSQL returns a CASE expression giving the bucket index of col, and
// appends the bucket ends to args. The buckets are in date order, and the
// query's WHERE (see within) keeps out any day between them, so one
// comparison a bucket is enough: half the work of testing both ends.
func bucketSQL(col string, buckets []report.Bucket, args *[]any, text dateText) string {
	var b strings.Builder
	b.WriteString("CASE")
	for i, bk := range buckets {
		*args = append(*args, text(bk.To))
		fmt.Fprintf(&b, " WHEN %s <= $%d THEN %d", col, len(*args), i)
	}
	b.WriteString(" END")
	return b.String()
}

// within returns a condition that col falls in one of the buckets,
// appending their bounds to args; touching buckets make one range.
func within(col string, buckets []report.Bucket, args *[]any, text dateText) string {
	var ranges []string
	for i := 0; i < len(buckets); {
		j := i
		for j+1 < len(buckets) && buckets[j+1].From.Equal(buckets[j].To.AddDays(1)) {
			j++
		}
		*args = append(*args, text(buckets[i].From), text(buckets[j].To))
		ranges = append(ranges, fmt.Sprintf("%s BETWEEN $%d AND $%d", col, len(*args)-1, len(*args)))
		i = j + 1
	}
	return "(" + strings.Join(ranges, " OR ") + ")"
}

// factsSource is what a report's facts are counted from.
type factsSource int

const (
	fromRecords  factsSource = iota // the records themselves, whose s1_* columns summarise Stage 1
	fromMonths                      // record_counts
	fromQuarters                    // the tallies (reportquarters.go)
)

// ReportFacts counts what a report needs, grouped. A report whose columns
// are financial quarters (every annual and quarterly one, and the Code's)
// reads the tallies; a period of whole months reads record_counts; any
// other period groups the records themselves.
func (d *DB) ReportFacts(ctx context.Context, q report.Query) (*report.Facts, error) {
	all := slices.Concat(q.Buckets, q.Years, []report.Bucket{q.Current})
	switch {
	case wholeQuarters(all...) && d.hasSchema(quarterCountsVersion):
		return d.reportFacts(ctx, q, fromQuarters)
	case wholeMonths(all...):
		return d.reportFacts(ctx, q, fromMonths)
	}
	return d.reportFacts(ctx, q, fromRecords)
}

func (d *DB) reportFacts(ctx context.Context, q report.Query, src factsSource) (*report.Facts, error) {
	if len(q.Buckets) == 0 {
		return nil, fmt.Errorf("report facts: no buckets")
	}
	// As at an earlier day, the records as they stood then (reportasof.go):
	// the counts hold them as they are now.
	earlier := q.AsOf.Before(calendar.DateOf(d.now()))
	if earlier {
		src = fromRecords
	}
	fromCounts := src == fromMonths
	areas, err := d.idNames(ctx, `SELECT id, name FROM service_areas`)
	if err != nil {
		return nil, err
	}
	themes, err := d.idNames(ctx, `SELECT id, name FROM themes`)
	if err != nil {
		return nil, err
	}
	in := allAreas
	if q.ServiceAreas != nil {
		in = onlyAreas(areas, q.ServiceAreas)
	}
	if q.Procedures != nil {
		in = onlyProcedures(in, q.Procedures)
	}
	f := &report.Facts{}
	if d.hasSchema(directorateVersion) {
		f.Directorates = map[string]string{}
		err := eachRow(ctx, d.db, `SELECT name, directorate FROM service_areas WHERE directorate <> ''`, func(r *sql.Rows) error {
			var area, directorate string
			err := r.Scan(&area, &directorate)
			f.Directorates[area] = directorate
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read directorates: %w", err)
		}
	}
	for _, name := range themes {
		f.Themes = append(f.Themes, name)
	}
	var db querier = d.db
	if d.dialect == Postgres {
		// One snapshot for every query, and room to group by hashing in
		// memory rather than sorting on disk (about twice as fast). No
		// compiling of queries (JIT): the correlated look-ups of the stage
		// queries raise their estimated cost above jit_above_cost, and
		// compiling took longer (30 to 100 ms a query) than it saved on a
		// few thousand rows. No parallel workers: starting them cost more
		// than they saved on queries of a tenth of a second (the overdue
		// actions took 170 ms alone, 320 ms with a worker, on 1,000,000
		// records).
		tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("report facts: %w", err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `SET LOCAL work_mem = '64MB'; SET LOCAL jit = off; SET LOCAL max_parallel_workers_per_gather = 0`); err != nil {
			return nil, fmt.Errorf("report facts: %w", err)
		}
		db = tx
	}
	if earlier {
		db = asOfQuerier{q: db, day: q.AsOf}
	}
	// One after another: run at once on two cores, the queries slowed each
	// other more than they gained (measured with BenchmarkAnnualReport).
	facts := []func() error{
		func() error { return d.recordFacts(ctx, db, q, fromCounts, in, areas, f) },
		func() error { return d.themeFacts(ctx, db, q, fromCounts, in, themes, f) },
		func() error { return d.stageFacts(ctx, db, q, in, areas, f) },
		func() error { return d.responseFacts(ctx, db, q, fromCounts, in, areas, f) },
		func() error { return d.laterResponseFacts(ctx, db, q, in, areas, f) },
		func() error { return d.learningFacts(ctx, db, q, fromCounts, in, f) },
		func() error { return d.refusedFacts(ctx, db, q, in, f) },
	}
	if src == fromQuarters {
		facts = []func() error{
			func() error { return d.quarterFacts(ctx, db, q, in, areas, themes, f) },
			func() error { return d.quarterStageFacts(ctx, db, q, in, areas, f) },
			func() error { return d.quarterResponseFacts(ctx, db, q, in, areas, f) },
		}
	}
	facts = append(facts,
		func() error { return lessonExamples(ctx, db, q, in, f) },
		func() error { return d.ombudsmanFacts(ctx, db, q, in, areas, f) })
	for _, count := range facts {
		if err := count(); err != nil {
			return nil, err
		}
	}
	f.Responses = mergeResponses(f.Responses)
	return f, nil
}

// An areaFilter returns a condition (beginning " AND ") that keeps the
// rows whose service area column col is one of a report's, appending its
// arguments to args.
type areaFilter func(col string, args *[]any) string

// onlyProcedures keeps, of the rows in keeps, those of the procedures
// named, read from the procedure column beside col (c.service_area_id:
// c.procedure): every table an areaFilter is given a column of has one.
func onlyProcedures(keep areaFilter, procedures []heed.ProcedureID) areaFilter {
	return func(col string, args *[]any) string {
		where := keep(col, args)
		if len(procedures) == 0 {
			return where + " AND 1 = 0"
		}
		names := make([]string, len(procedures))
		for i, p := range procedures {
			names[i] = string(p)
		}
		procedure := strings.TrimSuffix(col, "service_area_id") + "procedure"
		return where + fmt.Sprintf(" AND %s IN (%s)", procedure, inList(args, names))
	}
}

// allAreas keeps every row: a report on the whole council.
func allAreas(string, *[]any) string { return "" }

// onlyAreas keeps the rows of the service areas named (compared by
// heed.NameKey); of none, when no name is a service area's.
func onlyAreas(areas map[int64]string, names []string) areaFilter {
	want := map[string]bool{}
	for _, n := range names {
		want[heed.NameKey(n)] = true
	}
	var ids []int64
	for id, name := range areas {
		if want[heed.NameKey(name)] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return func(col string, args *[]any) string {
		if len(ids) == 0 {
			return " AND 1 = 0"
		}
		return fmt.Sprintf(" AND %s IN (%s)", col, inList(args, ids))
	}
}

func (d *DB) idNames(ctx context.Context, query string) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachRow(ctx, d.db, query, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		out[id] = name
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read names: %w", err)
	}
	return out, nil
}

func (d *DB) recordFacts(ctx context.Context, db querier, q report.Query, fromCounts bool, in areaFilter,
	areas map[int64]string, f *report.Facts) error {
	var args []any
	var query string
	if fromCounts {
		bucket := bucketSQL("c.month", q.Buckets, &args, monthText)
		args = append(args, q.AsOf.String())
		asOf := len(args)
		where := within("c.month", q.Buckets, &args, monthText) + in("c.service_area_id", &args)
		query = fmt.Sprintf(`SELECT %s AS bucket, c.type, c.service_area_id, c.procedure, c.s1_outcome,
			CASE WHEN c.s1_state <> 'open' THEN c.s1_state WHEN c.open_deadline < $%d THEN 'late' ELSE 'pending' END AS timing,
			c.young_person, c.advocacy, c.ombudsman_decision, sum(c.n), sum(c.responded), sum(c.response_days),
			sum(c.direct), sum(c.uasc)
		FROM record_counts c
		WHERE %s
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
		HAVING sum(c.n) <> 0`, bucket, asOf, where)
	} else {
		bucket := bucketSQL("r.received", q.Buckets, &args, dayText)
		args = append(args, q.AsOf.String())
		asOf := len(args)
		where := within("r.received", q.Buckets, &args, dayText) + in("r.service_area_id", &args)
		query = fmt.Sprintf(`SELECT %s AS bucket, r.type, coalesce(r.service_area_id, 0), r.procedure, r.s1_outcome,
			CASE WHEN r.s1_deadline IS NULL THEN ''
				WHEN r.s1_responded IS NULL THEN
					CASE WHEN r.s1_outcome <> '' THEN 'closed' WHEN %s THEN 'paused'
						WHEN r.s1_deadline < $%d THEN 'late' ELSE 'pending' END
				WHEN r.s1_responded <= r.s1_deadline THEN 'in_time'
				WHEN r.s1_extended_to IS NOT NULL AND r.s1_responded <= r.s1_extended_to THEN 'in_extension'
				ELSE 'late' END AS timing,
			r.young_person, r.advocacy, r.ombudsman_decision,
			count(*), count(r.s1_responded), coalesce(sum(r.s1_response_days), 0),
			sum(CASE WHEN r.complainant_type = 'child_or_young_person' THEN 1 ELSE 0 END), sum(CASE WHEN r.uasc THEN 1 ELSE 0 END)
		FROM records r
		WHERE %s AND r.voided_at IS NULL
		GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`, bucket, openPause("r.id", "1"), asOf, where)
	}
	err := eachRowArgs(ctx, db, query, args, func(r *sql.Rows) error {
		var rf report.RecordFact
		var typ, proc, outcome, timing, adv, dec string
		var area int64
		if err := r.Scan(&rf.Bucket, &typ, &area, &proc, &outcome, &timing, &rf.YoungPerson, &adv, &dec,
			&rf.Count, &rf.Responded, &rf.ResponseDays, &rf.Direct, &rf.UASC); err != nil {
			return err
		}
		rf.Type, rf.Procedure, rf.Outcome = heed.RecordType(typ), heed.ProcedureID(proc), heed.Outcome(outcome)
		rf.Timing, rf.Advocacy, rf.Decision = report.Timing(timing), heed.Advocacy(adv), heed.OmbudsmanDecision(dec)
		rf.ServiceArea = areas[area]
		f.Records = append(f.Records, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count records: %w", err)
	}
	return nil
}

// themeFacts counts the complaints by bucket, theme and Stage 1 outcome.
func (d *DB) themeFacts(ctx context.Context, db querier, q report.Query, fromCounts bool, in areaFilter,
	themes map[int64]string, f *report.Facts) error {
	var args []any
	var query string
	if fromCounts {
		bucket := bucketSQL("c.month", q.Buckets, &args, monthText)
		where := within("c.month", q.Buckets, &args, monthText) + in("c.service_area_id", &args)
		query = fmt.Sprintf(`SELECT %s, c.theme_id, c.s1_outcome, sum(c.n) FROM record_counts c
		WHERE c.type = 'complaint' AND %s GROUP BY 1, 2, 3 HAVING sum(c.n) <> 0`, bucket, where)
	} else {
		bucket := bucketSQL("r.received", q.Buckets, &args, dayText)
		where := within("r.received", q.Buckets, &args, dayText) + in("r.service_area_id", &args)
		query = fmt.Sprintf(`SELECT %s, coalesce(r.theme_id, 0), r.s1_outcome, count(*) FROM records r
		WHERE r.type = 'complaint' AND %s AND r.voided_at IS NULL GROUP BY 1, 2, 3`, bucket, where)
	}
	err := eachRowArgs(ctx, db, query, args, func(r *sql.Rows) error {
		var tf report.ThemeFact
		var theme int64
		var outcome string
		if err := r.Scan(&tf.Bucket, &theme, &outcome, &tf.Count); err != nil {
			return err
		}
		tf.Theme, tf.Outcome = themes[theme], heed.Outcome(outcome)
		f.ByTheme = append(f.ByTheme, tf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count themes: %w", err)
	}
	return nil
}

func (d *DB) stageFacts(ctx context.Context, db querier, q report.Query, in areaFilter, areas map[int64]string, f *report.Facts) error {
	var args []any
	bucket := bucketSQL("x.started", q.Buckets, &args, dayText)
	args = append(args, q.AsOf.String())
	timing := stageTiming("s", len(args))
	where := within("s.started", q.Buckets, &args, dayText)
	area := in("r.service_area_id", &args)
	// Later stages are few: each looks its complaint up by id, rather than
	// joining every record (which PostgreSQL did by reading them all).
	query := fmt.Sprintf(`SELECT %s, x.procedure, x.area, x.number, x.outcome, x.timing, count(*), count(x.responded),
		coalesce(sum(x.response_days), 0)
	FROM (SELECT s.started, s.number, s.outcome, s.responded, s.response_days, %s AS timing,
			(SELECT r.procedure FROM records r WHERE r.id = s.record_id AND r.type = 'complaint' AND r.voided_at IS NULL%s) AS procedure,
			(SELECT coalesce(r.service_area_id, 0) FROM records r WHERE r.id = s.record_id) AS area
		FROM stages s
		WHERE s.number >= 2 AND %s) x
	WHERE x.procedure IS NOT NULL
	GROUP BY 1, 2, 3, 4, 5, 6`, bucket, timing, area, where)
	err := eachRowArgs(ctx, db, query, args, func(r *sql.Rows) error {
		var sf report.StageFact
		var proc, outcome, timing string
		var area int64
		if err := r.Scan(&sf.Bucket, &proc, &area, &sf.Number, &outcome, &timing, &sf.Count, &sf.Responded, &sf.ResponseDays); err != nil {
			return err
		}
		sf.Procedure, sf.Outcome, sf.Timing, sf.ServiceArea = heed.ProcedureID(proc), heed.Outcome(outcome), report.Timing(timing), areas[area]
		f.Stages = append(f.Stages, sf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count stages: %w", err)
	}
	return nil
}

func (d *DB) learningFacts(ctx context.Context, db querier, q report.Query, fromCounts bool, in areaFilter, f *report.Facts) error {
	from, to, asOf := q.Current.From.String(), q.Current.To.String(), q.AsOf.String()
	l := &f.Learning
	var err error
	if fromCounts {
		args := []any{monthText(q.Current.From), monthText(q.Current.To)}
		area := in("service_area_id", &args)
		err = db.QueryRowContext(ctx, `SELECT coalesce(sum(lessons), 0), coalesce(sum(no_learning), 0),
			coalesce(sum(actions), 0), coalesce(sum(actions_completed), 0)
		FROM record_counts WHERE month BETWEEN $1 AND $2`+area, args...).
			Scan(&l.Lessons, &l.NoLearning, &l.Actions, &l.Completed)
	} else {
		args := []any{from, to}
		area := in("r.service_area_id", &args)
		err = db.QueryRowContext(ctx, `SELECT
			coalesce(sum(CASE WHEN l.text <> '' THEN 1 ELSE 0 END), 0),
			coalesce(sum(CASE WHEN l.no_learning THEN 1 ELSE 0 END), 0),
			(SELECT count(*) FROM actions a JOIN lessons l ON l.id = a.lesson_id JOIN records r ON r.id = l.record_id
				WHERE r.received BETWEEN $1 AND $2 AND r.voided_at IS NULL`+area+`),
			(SELECT count(*) FROM actions a JOIN lessons l ON l.id = a.lesson_id JOIN records r ON r.id = l.record_id
				WHERE r.received BETWEEN $1 AND $2 AND a.completed IS NOT NULL AND r.voided_at IS NULL`+area+`)
		FROM lessons l JOIN records r ON r.id = l.record_id
		WHERE r.received BETWEEN $1 AND $2 AND r.voided_at IS NULL`+area, args...).Scan(&l.Lessons, &l.NoLearning, &l.Actions, &l.Completed)
	}
	if err != nil {
		return fmt.Errorf("count lessons: %w", err)
	}
	// Actions still open are few, and indexed by when they are due.
	args := []any{from, to, asOf}
	err = db.QueryRowContext(ctx, `SELECT count(*)
	FROM actions a JOIN lessons l ON l.id = a.lesson_id JOIN records r ON r.id = l.record_id
	WHERE a.completed IS NULL AND a.due < $3 AND r.received BETWEEN $1 AND $2 AND r.voided_at IS NULL`+
		in("r.service_area_id", &args), args...).Scan(&l.Overdue)
	if err != nil {
		return fmt.Errorf("count actions: %w", err)
	}
	return nil
}

// lessonExamples reads the twenty latest lessons of the period.
func lessonExamples(ctx context.Context, db querier, q report.Query, in areaFilter, f *report.Facts) error {
	l := &f.Learning
	args := []any{q.Current.From.String(), q.Current.To.String()}
	err := eachRowArgs(ctx, db, `SELECT r.reference, coalesce(sa.name, ''), l.text,
		(SELECT count(*) FROM actions a WHERE a.lesson_id = l.id),
		(SELECT count(*) FROM actions a WHERE a.lesson_id = l.id AND a.completed IS NOT NULL)
	FROM lessons l JOIN records r ON r.id = l.record_id LEFT JOIN service_areas sa ON sa.id = r.service_area_id
	WHERE r.received BETWEEN $1 AND $2 AND l.text <> '' AND r.voided_at IS NULL`+in("r.service_area_id", &args)+`
	ORDER BY r.received DESC, r.reference, l.position LIMIT 20`, args, func(r *sql.Rows) error {
		var e report.LessonExample
		if err := r.Scan(&e.Reference, &e.ServiceArea, &e.Text, &e.Actions, &e.Completed); err != nil {
			return err
		}
		l.Examples = append(l.Examples, e)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read lessons: %w", err)
	}
	return nil
}

// CountByServiceTypeQuarter is the one plain SQL query a report is
// measured against: records by service area, type and quarter.
func (d *DB) CountByServiceTypeQuarter(ctx context.Context, q report.Query) (int, error) {
	var args []any
	bucket := bucketSQL("received", q.Buckets, &args, dayText)
	where := within("received", q.Buckets, &args, dayText)
	rows := 0
	err := eachRowArgs(ctx, d.db, fmt.Sprintf(`SELECT service_area_id, type, %s, count(*) FROM records WHERE %s AND voided_at IS NULL GROUP BY 1, 2, 3`,
		bucket, where), args, func(r *sql.Rows) error {
		rows++
		return nil
	})
	return rows, err
}
