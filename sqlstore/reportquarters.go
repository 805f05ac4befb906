package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// A report whose columns are financial quarters (every annual report)
// reads the tallies (tallies.go): their rows are counted by quarter
// already, so they are read as they are, without grouping, and added up
// here. That is what brings `heed report annual` within three times a
// plain one-year count of the records (issue 17).

// wholeQuarters reports whether every bucket runs from the first day of a
// quarter to the last day of one.
func wholeQuarters(buckets ...report.Bucket) bool {
	starts := func(d calendar.Date) bool { return d.Day() == 1 && (d.Month()-1)%3 == 0 }
	for _, b := range buckets {
		if !starts(b.From) || !starts(b.To.AddDays(1)) {
			return false
		}
	}
	return true
}

// quarterIndex maps each quarter of the buckets (2021-04) to its bucket's
// index.
func quarterIndex(buckets []report.Bucket) map[string]int {
	at := map[string]int{}
	for i, b := range buckets {
		for d := b.From; !d.After(b.To); d = d.AddMonths(3) {
			at[quarterOf(d)] = i
		}
	}
	return at
}

// quarterIn is a condition that col (a quarter) is one of the buckets',
// appending them to args.
func quarterIn(col string, buckets []report.Bucket, args *[]any) string {
	var quarters []string
	for _, b := range buckets {
		for d := b.From; !d.After(b.To); d = d.AddMonths(3) {
			quarters = append(quarters, quarterOf(d))
		}
	}
	return col + " IN (" + inList(args, quarters) + ")"
}

// timing is a stage's timing from its state in a tally: an open stage is
// late once its deadline (openDeadline) is before the report date asOf.
func timing(state, openDeadline, asOf string) report.Timing {
	switch {
	case state != "open":
		return report.Timing(state)
	case openDeadline < asOf:
		return report.TimingLate
	}
	return report.TimingPending
}

// factAt returns the fact of facts whose key is k (a fact with its counts
// at 0), adding k when there is none; at indexes facts by key.
func factAt[T comparable](at map[T]int, facts *[]T, k T) *T {
	i, ok := at[k]
	if !ok {
		i = len(*facts)
		at[k] = i
		*facts = append(*facts, k)
	}
	return &(*facts)[i]
}

// quarterFacts reads quarter_counts: the records by bucket, the learning
// of the period, and the refused complaints by year; then the themes and
// the open actions overdue.
func (d *DB) quarterFacts(ctx context.Context, db querier, q report.Query, in areaFilter,
	areas, themes map[int64]string, f *report.Facts) error {
	buckets, years, current := quarterIndex(q.Buckets), quarterIndex(q.Years), quarterIndex([]report.Bucket{q.Current})
	asOf := q.AsOf.String()
	var args []any
	where := quarterIn("c.quarter", q.Buckets, &args) + in("c.service_area_id", &args)
	at := map[report.RecordFact]int{}
	refused := map[report.RefusedFact]int{}
	err := eachRowArgs(ctx, db, `SELECT c.quarter, c.type, c.service_area_id, c.procedure, c.s1_outcome, c.s1_state,
		c.open_deadline, c.young_person, c.advocacy, c.ombudsman_decision, c.refusal_reason, c.n, c.responded,
		c.response_days, c.direct, c.uasc, c.lessons, c.no_learning, c.actions, c.actions_completed
	FROM quarter_counts c WHERE `+where+` AND c.n <> 0`, args, func(r *sql.Rows) error {
		var quarter, typ, proc, outcome, state, open, adv, dec, reason string
		var area int64
		var yp bool
		var n, responded, days, direct, uasc, lessons, noLearning, actions, completed int
		if err := r.Scan(&quarter, &typ, &area, &proc, &outcome, &state, &open, &yp, &adv, &dec, &reason,
			&n, &responded, &days, &direct, &uasc, &lessons, &noLearning, &actions, &completed); err != nil {
			return err
		}
		if _, ok := current[quarter]; ok {
			l := &f.Learning
			l.Lessons, l.NoLearning, l.Actions, l.Completed = l.Lessons+lessons, l.NoLearning+noLearning, l.Actions+actions, l.Completed+completed
		}
		b, ok := buckets[quarter]
		if !ok {
			return fmt.Errorf("quarter %q is in none of the report's columns", quarter)
		}
		k := report.RecordFact{Bucket: b, Type: heed.RecordType(typ), ServiceArea: areas[area], Procedure: heed.ProcedureID(proc),
			Outcome: heed.Outcome(outcome), Timing: timing(state, open, asOf), YoungPerson: yp, Advocacy: heed.Advocacy(adv),
			Decision: heed.OmbudsmanDecision(dec)}
		rf := factAt(at, &f.Records, k)
		rf.Count, rf.Responded, rf.ResponseDays = rf.Count+n, rf.Responded+responded, rf.ResponseDays+days
		rf.Direct, rf.UASC = rf.Direct+direct, rf.UASC+uasc
		if heed.Outcome(outcome) == heed.OutcomeRefused && heed.RecordType(typ) == heed.TypeComplaint {
			if y, ok := years[quarter]; ok {
				refused[report.RefusedFact{YearsBefore: yearsBefore(q, y), Reason: heed.RefusalReason(reason)}] += n
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("count records: %w", err)
	}
	for rf, n := range refused {
		rf.Count = n
		f.Refused = append(f.Refused, rf)
	}
	if err := quarterThemes(ctx, db, q, buckets, in, themes, f); err != nil {
		return err
	}
	args = []any{asOf}
	where = quarterIn("c.quarter", []report.Bucket{q.Current}, &args) + in("c.service_area_id", &args)
	err = db.QueryRowContext(ctx, `SELECT coalesce(sum(c.n), 0) FROM open_action_counts c WHERE c.due < $1 AND `+where, args...).
		Scan(&f.Learning.Overdue)
	if err != nil {
		return fmt.Errorf("count actions: %w", err)
	}
	return nil
}

// quarterThemes reads theme_counts: the complaints by bucket, theme and
// Stage 1 outcome.
func quarterThemes(ctx context.Context, db querier, q report.Query, buckets map[string]int, in areaFilter,
	themes map[int64]string, f *report.Facts) error {
	var args []any
	where := quarterIn("c.quarter", q.Buckets, &args) + in("c.service_area_id", &args)
	at := map[report.ThemeFact]int{}
	err := eachRowArgs(ctx, db, `SELECT c.quarter, c.theme_id, c.s1_outcome, c.n FROM theme_counts c WHERE `+where+` AND c.n <> 0`, args,
		func(r *sql.Rows) error {
			var quarter, outcome string
			var theme int64
			var n int
			if err := r.Scan(&quarter, &theme, &outcome, &n); err != nil {
				return err
			}
			k := report.ThemeFact{Bucket: buckets[quarter], Theme: themes[theme], Outcome: heed.Outcome(outcome)}
			at[k] += n
			return nil
		})
	if err != nil {
		return fmt.Errorf("count themes: %w", err)
	}
	for k, n := range at {
		k.Count = n
		f.ByTheme = append(f.ByTheme, k)
	}
	return nil
}

// quarterStageFacts reads stage_counts: complaints' Stages 2 and 3 by the
// bucket they started in.
func (d *DB) quarterStageFacts(ctx context.Context, db querier, q report.Query, in areaFilter, areas map[int64]string, f *report.Facts) error {
	buckets, asOf := quarterIndex(q.Buckets), q.AsOf.String()
	var args []any
	where := quarterIn("c.quarter", q.Buckets, &args) + in("c.service_area_id", &args)
	at := map[report.StageFact]int{}
	err := eachRowArgs(ctx, db, `SELECT c.quarter, c.number, c.procedure, c.service_area_id, c.outcome, c.state, c.open_deadline,
		c.n, c.responded, c.response_days
	FROM stage_counts c WHERE `+where+` AND c.n <> 0`, args, func(r *sql.Rows) error {
		var quarter, proc, outcome, state, open string
		var area int64
		var number, n, responded, days int
		if err := r.Scan(&quarter, &number, &proc, &area, &outcome, &state, &open, &n, &responded, &days); err != nil {
			return err
		}
		k := report.StageFact{Bucket: buckets[quarter], Procedure: heed.ProcedureID(proc), ServiceArea: areas[area], Number: number,
			Outcome: heed.Outcome(outcome), Timing: timing(state, open, asOf)}
		sf := factAt(at, &f.Stages, k)
		sf.Count, sf.Responded, sf.ResponseDays = sf.Count+n, sf.Responded+responded, sf.ResponseDays+days
		return nil
	})
	if err != nil {
		return fmt.Errorf("count stages: %w", err)
	}
	return nil
}

// quarterResponseFacts reads response_counts: complaints' stage responses
// by the year of the report they were made in (mergeResponses adds up a
// year's quarters).
func (d *DB) quarterResponseFacts(ctx context.Context, db querier, q report.Query, in areaFilter, areas map[int64]string, f *report.Facts) error {
	years := quarterIndex(q.Years)
	var args []any
	where := quarterIn("c.quarter", q.Years, &args) + in("c.service_area_id", &args)
	err := eachRowArgs(ctx, db, `SELECT c.quarter, c.number, c.procedure, c.service_area_id, c.outcome, c.n, c.corrective_yes,
		c.corrective_no, c.late, c.late_days, c.late_5, c.late_10, c.late_20, c.late_over_20
	FROM response_counts c WHERE `+where+` AND c.n <> 0`, args, func(r *sql.Rows) error {
		var rf report.ResponseFact
		var quarter, proc, outcome string
		var area int64
		l := &rf.Late
		if err := r.Scan(&quarter, &rf.Number, &proc, &area, &outcome, &rf.Count, &rf.CorrectiveYes, &rf.CorrectiveNo,
			&l.N, &l.Days, &l.By[0], &l.By[1], &l.By[2], &l.By[3]); err != nil {
			return err
		}
		y, ok := years[quarter]
		if !ok {
			return fmt.Errorf("response quarter %q is in none of the report's years", quarter)
		}
		rf.YearsBefore, rf.Procedure, rf.ServiceArea, rf.Outcome = yearsBefore(q, y), heed.ProcedureID(proc), areas[area], heed.Outcome(outcome)
		f.Responses = append(f.Responses, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count responses: %w", err)
	}
	return nil
}
