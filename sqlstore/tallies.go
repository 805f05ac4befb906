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

// The tallies are the tables of migration 0043: what an annual report
// reads, counted by financial quarter, in rows it reads as they are (see
// reportquarters.go). Like record_counts, the store keeps them in step in
// the same transaction as every write, taking a record's old contribution
// away and adding its new one.

// quarterCountsVersion is the migration that adds the tallies.
const quarterCountsVersion = 43

// A tally is one of those tables: its key columns and the columns it adds
// up, n (how many) first.
type tally struct {
	table  string
	keys   []string
	values []string
}

var (
	quarterTally = &tally{"quarter_counts",
		[]string{"quarter", "type", "service_area_id", "procedure", "s1_outcome", "s1_state", "open_deadline",
			"young_person", "advocacy", "ombudsman_decision", "refusal_reason"},
		[]string{"n", "responded", "response_days", "direct", "uasc", "lessons", "no_learning", "actions", "actions_completed"}}
	themeTally = &tally{"theme_counts",
		[]string{"quarter", "theme_id", "service_area_id", "procedure", "s1_outcome"}, []string{"n"}}
	stageTally = &tally{"stage_counts",
		[]string{"quarter", "number", "procedure", "service_area_id", "outcome", "state", "open_deadline"},
		[]string{"n", "responded", "response_days"}}
	responseTally = &tally{"response_counts",
		[]string{"quarter", "number", "procedure", "service_area_id", "outcome"},
		[]string{"n", "corrective_yes", "corrective_no", "late", "late_days", "late_5", "late_10", "late_20", "late_over_20"}}
	actionTally = &tally{"open_action_counts", []string{"quarter", "service_area_id", "procedure", "due"}, []string{"n"}}

	tallies = []*tally{quarterTally, themeTally, stageTally, responseTally, actionTally}
)

// tallyKey is a row's key, in the order of its tally's key columns;
// tallyValues are what it adds up.
type (
	tallyKey    [11]any
	tallyValues [9]int
)

// quarterOf names the quarter d falls in by its first month: 2021-04.
// Financial quarters begin in the months calendar quarters do.
func quarterOf(d calendar.Date) string {
	return d.String()[:5] + [...]string{"01", "04", "07", "10"}[(d.Month()-1)/3]
}

// tally adds sign times v to t's row of key.
func (c *counts) tally(t *tally, sign int, v tallyValues, key ...any) {
	rows := c.tallies[t]
	if rows == nil {
		rows = map[tallyKey]*tallyValues{}
		c.tallies[t] = rows
	}
	var k tallyKey
	copy(k[:], key)
	r := rows[k]
	if r == nil {
		r = &tallyValues{}
		rows[k] = r
	}
	for i := range v {
		r[i] += sign * v[i]
	}
}

// addTallies adds sign times rec's contribution to the tallies; k and v are
// its record_counts row, s1 its Stage 1.
func (c *counts) addTallies(rec *heed.Record, k countKey, v countValues, s1 heed.Stage, sign int) {
	quarter := quarterOf(rec.Received)
	reason := ""
	if s1.Outcome == heed.OutcomeRefused && rec.Type == heed.TypeComplaint {
		reason = string(s1.RefusalReason)
	}
	c.tally(quarterTally, sign, tallyValues{v.n, v.responded, v.responseDays, v.direct, v.uasc, v.lessons, v.noLearning, v.actions, v.completed},
		quarter, k.typ, k.area, k.procedure, k.outcome, k.state, k.openDeadline, k.youngPerson, k.advocacy, k.decision, reason)
	for _, l := range rec.Lessons {
		for _, a := range l.Actions {
			if a.Completed.IsZero() && !a.Due.IsZero() {
				c.tally(actionTally, sign, tallyValues{1}, quarter, k.area, k.procedure, a.Due.String())
			}
		}
	}
	if rec.Type != heed.TypeComplaint {
		return
	}
	c.tally(themeTally, sign, tallyValues{1}, quarter, k.theme, k.area, k.procedure, k.outcome)
	for _, s := range rec.Stages {
		if s.Number >= 2 && !s.Started.IsZero() {
			state, open := stateOf(s), ""
			if state == "open" {
				open = s.Deadline.String()
			}
			c.tally(stageTally, sign, stageValues(s), quarterOf(s.Started), s.Number, k.procedure, k.area, string(s.Outcome), state, open)
		}
		if s.Responded.IsZero() || (s.Number >= 2 && s.Outcome == heed.OutcomeNotProgressed) {
			continue
		}
		c.tally(responseTally, sign, responseValues(s), quarterOf(s.Responded), max(s.Number, 1), k.procedure, k.area, string(s.Outcome))
	}
}

// stageValues are a later stage's values in stage_counts.
func stageValues(s heed.Stage) tallyValues {
	v := tallyValues{1}
	if !s.Responded.IsZero() {
		v[1], v[2] = 1, s.ResponseDays
	}
	return v
}

// responseValues are an answered stage's values in response_counts.
func responseValues(s heed.Stage) tallyValues {
	v := tallyValues{1}
	switch s.CorrectiveAction {
	case heed.CorrectiveActionYes:
		v[1] = 1
	case heed.CorrectiveActionNo:
		v[2] = 1
	}
	if stateOf(s) == "late" {
		v[3], v[4] = 1, s.DaysLate
		v[5+report.LateBand(s.DaysLate)] = 1
	}
	return v
}

// saveTallies adds c's tallies to their tables.
func (w *writer) saveTallies(ctx context.Context, c *counts) error {
	for _, t := range tallies {
		var rows [][]any
		for k, v := range c.tallies[t] {
			if *v == (tallyValues{}) {
				continue
			}
			row := make([]any, 0, len(t.keys)+len(t.values))
			row = append(row, k[:len(t.keys)]...)
			for i := range t.values {
				row = append(row, v[i])
			}
			rows = append(rows, row)
		}
		if len(rows) == 0 {
			continue
		}
		set := make([]string, len(t.values))
		for i, col := range t.values {
			set[i] = fmt.Sprintf("%s = %s.%s + excluded.%s", col, t.table, col, col)
		}
		tail := " ON CONFLICT (" + strings.Join(t.keys, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ")
		if err := w.insertMany(ctx, t.table, append(t.keys[:len(t.keys):len(t.keys)], t.values...), rows, tail, nil); err != nil {
			return fmt.Errorf("update report counts: %w", err)
		}
	}
	return nil
}

// fillTallies computes the tallies from every record, when migration 0043
// adds them.
func (d *DB) fillTallies(ctx context.Context, tx *sql.Tx) error {
	return d.countEveryRecord(ctx, tx, (*writer).saveTallies)
}

// clearTallies empties the tallies, for rebuildCounts to fill again.
func (d *DB) clearTallies(ctx context.Context, tx *sql.Tx) error {
	if !d.hasSchema(quarterCountsVersion) {
		return nil
	}
	for _, t := range tallies {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t.table); err != nil {
			return fmt.Errorf("rebuild report counts: %w", err)
		}
	}
	return nil
}
