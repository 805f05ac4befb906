package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// record_counts holds, for each month of receipt, how many records share
// every field the report splits by, with their Stage 1 response figures and
// learning. The store keeps it in step in the same transaction as every
// write: it takes a record's old contribution away and adds the new one.
// Reports of whole months read it instead of grouping every record.

// countColumns are record_counts' columns: the twelve of the key, then the
// values; countColumnsLater are the values added by migration 0029
// (countsResponsesVersion), written once it is in place.
const (
	countColumns = "month, type, service_area_id, procedure, theme_id, s1_outcome, s1_state, open_deadline, " +
		"responded_month, young_person, advocacy, ombudsman_decision, " +
		"n, responded, response_days, lessons, no_learning, actions, actions_completed"
	countColumnsLater = ", direct, uasc, s1_corrective_yes, s1_corrective_no, " +
		"s1_late, s1_late_days, s1_late_5, s1_late_10, s1_late_20, s1_late_over_20"
)

// countsResponsesVersion is the migration that adds countColumnsLater to
// record_counts, which are then filled by rebuilding the counts.
const countsResponsesVersion = 29

// countKey is one row of record_counts: the fields a report splits by.
type countKey struct {
	month          string // of receipt, 2014-06
	typ            string
	area, theme    int64 // 0 for none
	procedure      string
	outcome        string // Stage 1's
	state          string // Stage 1's timing where the report date does not matter; see stateOf
	openDeadline   string // Stage 1's deadline while it is open, to tell late from pending
	respondedMonth string // of Stage 1's response
	youngPerson    bool
	advocacy       string
	decision       string
}

// countValues are what record_counts adds up for a key.
type countValues struct {
	n, responded, responseDays, lessons, noLearning, actions, completed int
	// direct: made by a child or young person; uasc: by an unaccompanied
	// asylum-seeking child; caYes, caNo: Stage 1 answered with corrective
	// action, or with explicitly none; late: Stage 1 answered late, lateDays
	// its working days late, lateBy in the report's bands.
	direct, uasc, caYes, caNo, late, lateDays int
	lateBy                                    [4]int
}

func (v *countValues) add(o countValues, sign int) {
	v.n += sign * o.n
	v.responded += sign * o.responded
	v.responseDays += sign * o.responseDays
	v.lessons += sign * o.lessons
	v.noLearning += sign * o.noLearning
	v.actions += sign * o.actions
	v.completed += sign * o.completed
	v.direct += sign * o.direct
	v.uasc += sign * o.uasc
	v.caYes += sign * o.caYes
	v.caNo += sign * o.caNo
	v.late += sign * o.late
	v.lateDays += sign * o.lateDays
	for i := range v.lateBy {
		v.lateBy[i] += sign * o.lateBy[i]
	}
}

// counts are changes to record_counts and to the tallies (tallies.go),
// gathered before they are saved.
type counts struct {
	months  map[countKey]*countValues
	tallies map[*tally]map[tallyKey]*tallyValues
}

func newCounts() *counts {
	return &counts{months: map[countKey]*countValues{}, tallies: map[*tally]map[tallyKey]*tallyValues{}}
}

// rows is how many rows c would save.
func (c *counts) rows() int {
	n := len(c.months)
	for _, rows := range c.tallies {
		n += len(rows)
	}
	return n
}

// reset empties c, once saved.
func (c *counts) reset() {
	clear(c.months)
	clear(c.tallies)
}

// stateOf is Stage 1's timing as far as it is settled: "" with no clock,
// in_time, in_extension or late once answered, closed when ended without a
// response, and open while unanswered (late or pending by the report date).
// An unanswered stage whose pause has not ended is paused, whatever its
// deadline: not late.
func stateOf(s heed.Stage) string {
	switch {
	case s.Deadline.IsZero():
		return ""
	case s.Responded.IsZero() && s.Outcome != "":
		return "closed"
	case s.Responded.IsZero() && s.Paused():
		return "paused"
	case s.Responded.IsZero():
		return "open"
	case !s.Responded.After(s.Deadline):
		return "in_time"
	case !s.ExtendedTo.IsZero() && !s.Responded.After(s.ExtendedTo):
		return "in_extension"
	}
	return "late"
}

// addResponses adds what migration 0029's columns count of rec to v.
func addResponses(v *countValues, rec *heed.Record, s1 heed.Stage) {
	if rec.ComplainantType == heed.ComplainantChild {
		v.direct = 1
	}
	if rec.UASC {
		v.uasc = 1
	}
	if s1.Responded.IsZero() {
		return
	}
	switch s1.CorrectiveAction {
	case heed.CorrectiveActionYes:
		v.caYes = 1
	case heed.CorrectiveActionNo:
		v.caNo = 1
	}
	if stateOf(s1) == "late" {
		v.late, v.lateDays = 1, s1.DaysLate
		v.lateBy[report.LateBand(s1.DaysLate)] = 1
	}
}

// add adds sign (+1 or -1) times rec's contribution to c.
func (w *writer) addCount(ctx context.Context, c *counts, rec *heed.Record, sign int) error {
	area, _, theme, err := w.names.ids(ctx, w.tx, rec)
	if err != nil {
		return err
	}
	var s1 heed.Stage
	if s := rec.Stage(1); s != nil {
		s1 = *s
	}
	k := countKey{month: rec.Received.String()[:7], typ: string(rec.Type), procedure: string(rec.Procedure),
		outcome: string(s1.Outcome), state: stateOf(s1), youngPerson: rec.YoungPerson, advocacy: string(rec.Advocacy)}
	k.area, _ = area.(int64)
	k.theme, _ = theme.(int64)
	if k.state == "open" {
		k.openDeadline = s1.Deadline.String()
	}
	if !s1.Responded.IsZero() {
		k.respondedMonth = s1.Responded.String()[:7]
	}
	if rec.Ombudsman != nil {
		k.decision = string(rec.Ombudsman.Decision)
	}
	v := countValues{n: 1}
	if !s1.Responded.IsZero() {
		v.responded, v.responseDays = 1, s1.ResponseDays
	}
	if w.d.hasSchema(countsResponsesVersion) {
		addResponses(&v, rec, s1)
	}
	for _, l := range rec.Lessons {
		if l.Text != "" {
			v.lessons++
		}
		if l.NoLearning {
			v.noLearning++
		}
		for _, a := range l.Actions {
			v.actions++
			if !a.Completed.IsZero() {
				v.completed++
			}
		}
	}
	row := c.months[k] // one lookup of its long key, where there were three
	if row == nil {
		row = &countValues{}
		c.months[k] = row
	}
	row.add(v, sign)
	if w.d.hasSchema(quarterCountsVersion) {
		c.addTallies(rec, k, v, s1, sign)
	}
	return nil
}

// saveCounts adds c to record_counts and the tallies.
func (w *writer) saveCounts(ctx context.Context, c *counts) error {
	later := w.d.hasSchema(countsResponsesVersion)
	names := countColumns
	if later {
		names += countColumnsLater
	}
	cols := strings.Split(names, ", ")
	rows := make([][]any, 0, len(c.months))
	for k, v := range c.months {
		if *v == (countValues{}) {
			continue
		}
		row := []any{k.month, k.typ, k.area, k.procedure, k.theme, k.outcome, k.state, k.openDeadline,
			k.respondedMonth, k.youngPerson, k.advocacy, k.decision,
			v.n, v.responded, v.responseDays, v.lessons, v.noLearning, v.actions, v.completed}
		if later {
			row = append(row, v.direct, v.uasc, v.caYes, v.caNo, v.late, v.lateDays, v.lateBy[0], v.lateBy[1], v.lateBy[2], v.lateBy[3])
		}
		rows = append(rows, row)
	}
	var set []string
	for _, c := range cols[12:] {
		set = append(set, fmt.Sprintf("%s = record_counts.%s + excluded.%s", c, c, c))
	}
	tail := " ON CONFLICT (" + strings.Join(cols[:12], ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
	if err := w.insertMany(ctx, "record_counts", cols, rows, tail, nil); err != nil {
		return fmt.Errorf("update report counts: %w", err)
	}
	return w.saveTallies(ctx, c)
}

// countOne adds sign times one record's contribution to record_counts.
func (w *writer) countOne(ctx context.Context, rec *heed.Record, sign int) error {
	c := newCounts()
	if err := w.addCount(ctx, c, rec, sign); err != nil {
		return err
	}
	return w.saveCounts(ctx, c)
}

// rebuildCounts computes record_counts afresh from every record, a page of
// records at a time.
func (d *DB) rebuildCounts(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM record_counts`); err != nil {
		return fmt.Errorf("rebuild report counts: %w", err)
	}
	if err := d.clearTallies(ctx, tx); err != nil {
		return err
	}
	return d.countEveryRecord(ctx, tx, (*writer).saveCounts)
}

// countEveryRecord counts every record, a page of records at a time, and
// saves the counts with save.
func (d *DB) countEveryRecord(ctx context.Context, tx *sql.Tx, save func(*writer, context.Context, *counts) error) error {
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	c := newCounts()
	err = d.eachRecord(ctx, tx, func(rec *heed.Record) error { return w.addCount(ctx, c, rec, +1) })
	if err != nil {
		return fmt.Errorf("count the records for the report: %w", err)
	}
	return save(w, ctx, c)
}

// fillLateDays computes, with the calendar, the working days late of the
// stages answered late before migration 0029 kept them.
func (d *DB) fillLateDays(ctx context.Context, tx *sql.Tx) error {
	cal, err := d.readCalendar(ctx, tx)
	if err != nil {
		return err
	}
	type late struct {
		record   int64
		number   int
		last, on calendar.Date
	}
	var lates []late
	err = eachRow(ctx, tx, `SELECT record_id, number, CASE WHEN extended_to > deadline THEN extended_to ELSE deadline END, responded
	FROM stages
	WHERE responded IS NOT NULL AND deadline IS NOT NULL AND responded > deadline AND (extended_to IS NULL OR responded > extended_to)`,
		func(r *sql.Rows) error {
			var l late
			err := r.Scan(&l.record, &l.number, date{&l.last}, date{&l.on})
			lates = append(lates, l)
			return err
		})
	if err != nil {
		return fmt.Errorf("find late stages: %w", err)
	}
	for _, l := range lates {
		if _, err := tx.ExecContext(ctx, `UPDATE stages SET late_days = $1 WHERE record_id = $2 AND number = $3`,
			cal.WorkingDaysBetween(l.last, l.on), l.record, l.number); err != nil {
			return fmt.Errorf("fill days late: %w", err)
		}
	}
	return nil
}
