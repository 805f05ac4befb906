package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/heedhq/heed"
)

var _ heed.DashboardService = (*DB)(nil)

// Dashboard counts the dashboard's figures on q.Today (see heed.Dashboard).
// Each query reads a small range of an index: the records received in the
// two spans (records_received), the Stage 1 responses made in them
// (records_s1_responded, migration 0031), the Stage 2s started in them
// (stages_escalations), the unanswered stages (stages_open) and the actions
// not completed (actions_open). Over 1,000,000 generated records the whole
// dashboard takes milliseconds (BenchmarkDashboard).
func (d *DB) Dashboard(ctx context.Context, q heed.DashboardQuery) (*heed.Dashboard, error) {
	return d.dashboard(ctx, q, nil)
}

// dashboard is Dashboard, calling trace (when not nil) with each query
// before it runs.
func (d *DB) dashboard(ctx context.Context, q heed.DashboardQuery, trace func(query string, args []any)) (*heed.Dashboard, error) {
	this, before := heed.QuarterSoFar(q.Today)
	out := &heed.Dashboard{Today: q.Today, Quarter: this, LastYear: before}
	dq := dashboardQuery{d: d, q: q, spans: [2]heed.Span{this, before}, trace: trace}
	var db querier = d.db
	if d.dialect == Postgres {
		// One snapshot for every figure.
		tx, err := d.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return nil, fmt.Errorf("dashboard: %w", err)
		}
		defer tx.Rollback()
		db = tx
	}
	for _, step := range []func(context.Context, querier, *heed.Dashboard) error{
		dq.received, dq.responses, dq.escalations, dq.stages, dq.actions,
	} {
		if err := step(ctx, db, out); err != nil {
			return nil, fmt.Errorf("dashboard: %w", err)
		}
	}
	return out, nil
}

// dashboardQuery builds the dashboard's queries.
type dashboardQuery struct {
	d     *DB
	q     heed.DashboardQuery
	spans [2]heed.Span // this quarter so far, and the same days last year
	trace func(query string, args []any)
}

// run runs a query, calling fn with each row.
func (dq dashboardQuery) run(ctx context.Context, db querier, query string, args []any, fn func(*sql.Rows) error) error {
	if dq.trace != nil {
		dq.trace(query, args)
	}
	return eachRowArgs(ctx, db, query, args, fn)
}

// where starts a WHERE clause that keeps records r not voided and of the
// query's service areas.
func (dq dashboardQuery) where() *where {
	w := &where{}
	w.add("r.voided_at IS NULL")
	if dq.q.ServiceAreas != nil {
		w.conds = append(w.conds, "r.service_area_id IN (SELECT id FROM service_areas WHERE name_key IN ("+w.in(nameKeys(dq.q.ServiceAreas))+"))")
	}
	return w
}

// inSpan adds to w that col falls in span i, and returns i as the
// query's first column. Each span is a query of its own: a range of an
// index, where SQLite read the whole of stages_escalations for the two
// ranges joined by OR.
func (dq dashboardQuery) inSpan(w *where, col string, i int) string {
	w.add(col+" BETWEEN ? AND ?", dateArg(dq.spans[i].From), dateArg(dq.spans[i].To))
	return fmt.Sprint(i)
}

// eachSpan runs step for each span, this quarter first.
func (dq dashboardQuery) eachSpan(step func(i int) error) error {
	for i := range dq.spans {
		if err := step(i); err != nil {
			return err
		}
	}
	return nil
}

// received counts the complaints received in each span, in all and by
// theme.
func (dq dashboardQuery) received(ctx context.Context, db querier, out *heed.Dashboard) error {
	themes := map[string]*heed.ThemeCount{}
	err := dq.eachSpan(func(i int) error {
		w := dq.where()
		w.add("r.type = 'complaint'")
		span := dq.inSpan(w, "r.received", i)
		query := fmt.Sprintf(`SELECT %s, COALESCE(t.name, ''), count(*)
		FROM records r LEFT JOIN themes t ON t.id = r.theme_id
		WHERE %s GROUP BY 1, 2`, span, w.sql())
		return dq.run(ctx, db, query, w.args, func(rows *sql.Rows) error {
			var i, n int
			var theme string
			if err := rows.Scan(&i, &theme, &n); err != nil {
				return err
			}
			f := &out.This
			if i == 1 {
				f = &out.Before
			}
			f.Received += n
			if theme == "" {
				return nil
			}
			tc := themes[theme]
			if tc == nil {
				tc = &heed.ThemeCount{Theme: theme}
				themes[theme] = tc
			}
			if i == 0 {
				tc.This += n
			} else {
				tc.Before += n
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("count complaints received: %w", err)
	}
	for _, tc := range themes {
		if tc.This > 0 {
			out.Themes = append(out.Themes, *tc)
		}
	}
	slices.SortFunc(out.Themes, func(a, b heed.ThemeCount) int {
		return cmp.Or(cmp.Compare(b.This, a.This), cmp.Compare(a.Theme, b.Theme))
	})
	out.Themes = out.Themes[:min(len(out.Themes), heed.DashboardThemes)]
	return nil
}

// responses counts the Stage 1 responses made in each span, those made by
// the deadline, and those the escalation rate is a share of.
func (dq dashboardQuery) responses(ctx context.Context, db querier, out *heed.Dashboard) error {
	escalating := dq.escalatingProcedures()
	err := dq.eachSpan(func(i int) error {
		w := dq.where()
		w.add("r.type = 'complaint'")
		span := dq.inSpan(w, "r.s1_responded", i)
		query := fmt.Sprintf(`SELECT %s, count(*),
			COALESCE(sum(CASE WHEN r.s1_responded <= r.s1_deadline THEN 1 ELSE 0 END), 0),
			COALESCE(sum(CASE WHEN r.procedure IN (%s) AND r.s1_outcome NOT IN ('withdrawn', 'resolved_early', 'refused') THEN 1 ELSE 0 END), 0)
		FROM records r WHERE %s`, span, w.in(escalating), w.sql())
		return dq.run(ctx, db, query, w.args, func(rows *sql.Rows) error {
			var i, n, inTime, base int
			if err := rows.Scan(&i, &n, &inTime, &base); err != nil {
				return err
			}
			f := &out.This
			if i == 1 {
				f = &out.Before
			}
			f.Responded, f.InTime, f.EscalationBase = n, inTime, base
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("count Stage 1 responses: %w", err)
	}
	return nil
}

// escalatingProcedures are the procedures with a Stage 2, in the rules in
// force.
func (dq dashboardQuery) escalatingProcedures() []string {
	var out []string
	for id, p := range dq.d.rules.get().Procedures {
		if len(p.Stages) >= 2 {
			out = append(out, string(id))
		}
	}
	slices.Sort(out)
	return out
}

// escalations counts the Stage 2s of complaints started in each span.
func (dq dashboardQuery) escalations(ctx context.Context, db querier, out *heed.Dashboard) error {
	err := dq.eachSpan(func(i int) error {
		w := dq.where()
		w.add("r.type = 'complaint'")
		// number >= 2 lets the partial index stages_escalations answer.
		w.add("s.number >= 2")
		w.add("s.number = 2")
		span := dq.inSpan(w, "s.started", i)
		query := fmt.Sprintf(`SELECT %s, count(*) FROM stages s JOIN records r ON r.id = s.record_id
		WHERE %s`, span, w.sql())
		return dq.run(ctx, db, query, w.args, func(rows *sql.Rows) error {
			var i, n int
			if err := rows.Scan(&i, &n); err != nil {
				return err
			}
			if i == 0 {
				out.This.Escalated = n
			} else {
				out.Before.Escalated = n
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("count Stage 2s started: %w", err)
	}
	return nil
}

// stages counts the unanswered stages now, and those past their deadline,
// as "Your work" and the cases list's overdue filter tell them: a stage
// whose clock is paused, with no end yet, is not overdue.
func (dq dashboardQuery) stages(ctx context.Context, db querier, out *heed.Dashboard) error {
	w := dq.where()
	w.add("s.responded IS NULL")
	w.add("s.outcome = ''")
	w.add("s.deadline IS NOT NULL")
	w.args = append(w.args, dateArg(dq.q.Today))
	query := fmt.Sprintf(`SELECT CASE WHEN r.type = 'complaint' THEN s.number ELSE 0 END, count(*),
		COALESCE(sum(CASE WHEN COALESCE(s.extended_to, s.deadline) < $%d AND NOT %s THEN 1 ELSE 0 END), 0)
	FROM stages s JOIN records r ON r.id = s.record_id
	WHERE %s GROUP BY 1 ORDER BY 1`, len(w.args), openPause("s.record_id", "s.number"), w.sql())
	err := dq.run(ctx, db, query, w.args, func(rows *sql.Rows) error {
		var l heed.StageLoad
		if err := rows.Scan(&l.Stage, &l.Open, &l.Overdue); err != nil {
			return err
		}
		out.Stages = append(out.Stages, l)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count open stages: %w", err)
	}
	// Other records come after the complaints' stages.
	if len(out.Stages) > 0 && out.Stages[0].Stage == 0 {
		out.Stages = append(out.Stages[1:], out.Stages[0])
	}
	return nil
}

// actions counts the learning actions not completed, and those of them due
// before today. For the whole council they are counted from the index of
// actions not completed alone (actions_open), less those of the few voided
// records (records_voided, migration 0031): joining each action to its
// lesson and record cost ten times as much over 39,481 actions not
// completed in 1,000,000 generated records. The voided records' actions are
// read from them (CROSS JOIN keeps SQLite to that order; PostgreSQL plans
// it as any join). A manager's actions need each one's record, for its
// service area.
func (dq dashboardQuery) actions(ctx context.Context, db querier, out *heed.Dashboard) error {
	count := `count(*) AS n, COALESCE(sum(CASE WHEN a.due < $1 THEN 1 ELSE 0 END), 0) AS late`
	query := fmt.Sprintf(`SELECT o.n - v.n, o.late - v.late
	FROM (SELECT %[1]s FROM actions a WHERE a.completed IS NULL) o,
		(SELECT %[1]s FROM records r CROSS JOIN lessons l CROSS JOIN actions a
			WHERE l.record_id = r.id AND a.lesson_id = l.id AND r.voided_at IS NOT NULL AND a.completed IS NULL) v`, count)
	args := []any{dateArg(dq.q.Today)}
	if dq.q.ServiceAreas != nil {
		w := &where{args: args}
		w.add("r.voided_at IS NULL")
		w.conds = append(w.conds, "r.service_area_id IN (SELECT id FROM service_areas WHERE name_key IN ("+w.in(nameKeys(dq.q.ServiceAreas))+"))")
		w.add("a.completed IS NULL")
		query = fmt.Sprintf(`SELECT %s FROM actions a JOIN lessons l ON l.id = a.lesson_id JOIN records r ON r.id = l.record_id
		WHERE %s`, count, w.sql())
		args = w.args
	}
	err := dq.run(ctx, db, query, args, func(rows *sql.Rows) error {
		return rows.Scan(&out.OpenActions, &out.OverdueActions)
	})
	if err != nil {
		return fmt.Errorf("count learning actions: %w", err)
	}
	return nil
}
