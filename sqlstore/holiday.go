package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var _ heed.HolidayService = (*DB)(nil)

// Calendar returns the calendar in force: the built-in England and Wales
// list, with any list loaded by LoadHolidays over it.
func (d *DB) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.calendar != nil {
		return d.calendar, nil
	}
	cal, err := d.readCalendar(ctx, d.db)
	if err != nil {
		return nil, err
	}
	d.calendar = cal
	return cal, nil
}

func (d *DB) readCalendar(ctx context.Context, q querier) (*calendar.Calendar, error) {
	var loaded []calendar.Holiday
	err := eachRow(ctx, q, `SELECT day, title, notes FROM bank_holidays ORDER BY day`, func(r *sql.Rows) error {
		var h calendar.Holiday
		if err := r.Scan(date{&h.Date}, &h.Title, &h.Notes); err != nil {
			return err
		}
		loaded = append(loaded, h)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read bank holidays: %w", err)
	}
	cal := calendar.EnglandAndWales()
	if len(loaded) > 0 {
		cal = cal.Merge(loaded)
	}
	return cal, nil
}

// LoadHolidays stores a newer list of bank holidays and moves the deadline
// of every open stage to follow it, each move written to that record's
// history. It returns how many deadlines moved.
func (d *DB) LoadHolidays(ctx context.Context, by heed.Actor, holidays []calendar.Holiday) (int, error) {
	return retryDeadlocks(func() (int, error) { return d.loadHolidays(ctx, by, holidays) })
}

func (d *DB) loadHolidays(ctx context.Context, by heed.Actor, holidays []calendar.Holiday) (int, error) {
	if len(holidays) == 0 {
		return 0, heed.Errorf(heed.EINVALID, "The file holds no bank holidays for England and Wales.")
	}
	// The write transaction first, then the lock (see saveTargets).
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("load bank holidays: %w", err)
	}
	defer tx.Rollback()
	d.mu.Lock()
	defer d.mu.Unlock()
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer w.close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM bank_holidays`); err != nil {
		return 0, fmt.Errorf("load bank holidays: %w", err)
	}
	for _, h := range holidays {
		if _, err := w.exec(ctx, `INSERT INTO bank_holidays (day, title, notes) VALUES ($1, $2, $3)`,
			dateArg(h.Date), h.Title, h.Notes); err != nil {
			return 0, fmt.Errorf("load bank holiday %s: %w", h.Date, err)
		}
	}
	cal, err := d.readCalendar(ctx, tx)
	if err != nil {
		return 0, err
	}
	first, last := holidays[0].Date, holidays[len(holidays)-1].Date
	if err := w.audit(ctx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: fmt.Sprintf("bank holidays loaded: %d holidays from %s to %s", len(holidays), first, last)}); err != nil {
		return 0, err
	}
	moved, err := d.moveDeadlines(ctx, w, by, d.rules.get(), cal, "bank holidays changed")
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("load bank holidays: %w", err)
	}
	d.calendar = cal
	return moved, nil
}

// moveDeadlines recomputes the deadline of every open stage with cal and
// rules, and saves and records those that changed.
func (d *DB) moveDeadlines(ctx context.Context, w *writer, by heed.Actor, rules heed.Rules, cal *calendar.Calendar, why string) (int, error) {
	// A voided record is in no count, and keeps its deadlines.
	recs, err := d.loadRecords(ctx, w.tx,
		`r.id IN (SELECT record_id FROM stages WHERE responded IS NULL AND outcome = '') AND `+d.notVoided("r.voided_at")+` ORDER BY r.id`)
	if err != nil {
		return 0, err
	}
	// The names are read again after the records: on PostgreSQL a record
	// saved meanwhile may have added a service area or theme the writer's
	// names, read when it began, do not hold yet.
	if w.names, err = d.loadNames(ctx, w.tx); err != nil {
		return 0, err
	}
	moved := 0
	c := newCounts()
	for _, rec := range recs {
		before := make([]heed.Stage, len(rec.Stages))
		copy(before, rec.Stages)
		rules.ApplyClocks(cal, rec)
		// saved is the record as stored after the moves: only open stages'
		// deadlines are written.
		saved := *rec
		saved.Stages = slices.Clone(before)
		var changes []heed.Change
		for i, s := range rec.Stages {
			if !s.Open() || (s.Deadline.Equal(before[i].Deadline) && s.TargetDays == before[i].TargetDays) {
				continue
			}
			saved.Stages[i].Deadline, saved.Stages[i].TargetDays = s.Deadline, s.TargetDays
			if _, err := w.exec(ctx, `UPDATE stages SET deadline = $1, target_days = $2 WHERE record_id = $3 AND number = $4`,
				dateArg(s.Deadline), s.TargetDays, rec.ID, s.Number); err != nil {
				return 0, fmt.Errorf("move deadline: %w", err)
			}
			if s.Number == 1 {
				if _, err := w.exec(ctx, `UPDATE records SET s1_deadline = $1 WHERE id = $2`, dateArg(s.Deadline), rec.ID); err != nil {
					return 0, fmt.Errorf("move deadline: %w", err)
				}
			}
			changes = append(changes, heed.Change{Field: fmt.Sprintf("stage%d_deadline", s.Number),
				Old: before[i].Deadline.String(), New: s.Deadline.String()})
			moved++
		}
		if len(changes) > 0 {
			if err := w.audit(ctx, heed.AuditEntry{RecordID: rec.ID, Actor: by.Name, Action: heed.AuditDeadlineMoved,
				Note: why, Changes: changes}); err != nil {
				return 0, err
			}
			was := *rec
			was.Stages = before
			if err := w.addCount(ctx, c, &was, -1); err != nil {
				return 0, err
			}
			if err := w.addCount(ctx, c, &saved, +1); err != nil {
				return 0, err
			}
		}
	}
	return moved, w.saveCounts(ctx, c)
}

// RecomputeDeadlines applies the store's rules (after a change of targets in
// the configuration) to every open stage. It returns how many moved.
func (d *DB) RecomputeDeadlines(ctx context.Context, by heed.Actor) (int, error) {
	return d.recomputeDeadlines(ctx, by, "procedure targets changed")
}

// recomputeDeadlines moves the open stages' deadlines to the store's rules,
// giving why in each record's history.
func (d *DB) recomputeDeadlines(ctx context.Context, by heed.Actor, why string) (int, error) {
	cal, err := d.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("recompute deadlines: %w", err)
	}
	defer tx.Rollback()
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer w.close()
	moved, err := d.moveDeadlines(ctx, w, by, d.rules.get(), cal, why)
	if err != nil {
		return 0, err
	}
	return moved, tx.Commit()
}
