package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

var _ report.CodeSource = (*DB)(nil)

// CodeFacts reads the stages of the Code's procedures that started or were
// answered in the year, and the learning actions completed in it on their
// records, for the Complaint Handling Code's annual report.
func (d *DB) CodeFacts(ctx context.Context, q report.CodeQuery) (*report.CodeFacts, error) {
	in := allAreas
	if q.ServiceAreas != nil {
		areas, err := d.idNames(ctx, `SELECT id, name FROM service_areas`)
		if err != nil {
			return nil, err
		}
		in = onlyAreas(areas, q.ServiceAreas)
	}
	in = onlyProcedures(in, q.Procedures)
	to := q.Year.To
	if q.AsOf.Before(to) {
		to = q.AsOf
	}
	f := &report.CodeFacts{}
	args := []any{q.Year.From.String(), to.String()}
	query := `SELECT r.procedure, s.number, s.started, s.acknowledged, s.deadline, s.extended_to, s.responded, s.outcome,
		s.investigator, coalesce(s1.investigator, ''), s.refusal_reason
	FROM stages s
	JOIN records r ON r.id = s.record_id
	LEFT JOIN stages s1 ON s1.record_id = s.record_id AND s1.number = 1 AND s.number = 2
	WHERE r.type = 'complaint' AND r.voided_at IS NULL
		AND (s.started BETWEEN $1 AND $2 OR s.responded BETWEEN $1 AND $2)` + in("r.service_area_id", &args) + `
	ORDER BY r.id, s.number`
	err := eachRowArgs(ctx, d.db, query, args, func(r *sql.Rows) error {
		var cs report.CodeStage
		var proc, outcome, handler, earlier string
		if err := r.Scan(&proc, &cs.Number, date{&cs.Started}, date{&cs.Acknowledged}, date{&cs.Deadline},
			date{&cs.ExtendedTo}, date{&cs.Responded}, &outcome, &handler, &earlier, &cs.RefusalReason); err != nil {
			return err
		}
		cs.Procedure, cs.Outcome = heed.ProcedureID(proc), heed.Outcome(outcome)
		if cs.Number == 2 && handler != "" && earlier != "" {
			cs.DifferentHandler = "yes"
			if heed.NameKey(handler) == heed.NameKey(earlier) {
				cs.DifferentHandler = "no"
			}
		}
		f.Stages = append(f.Stages, cs)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("code stages: %w", err)
	}
	args = []any{q.Year.From.String(), to.String()}
	query = `SELECT coalesce(sa.name, ''), a.description, a.completed
	FROM actions a
	JOIN lessons l ON l.id = a.lesson_id
	JOIN records r ON r.id = l.record_id
	LEFT JOIN service_areas sa ON sa.id = r.service_area_id
	WHERE a.completed BETWEEN $1 AND $2 AND r.voided_at IS NULL` + in("r.service_area_id", &args) + `
	ORDER BY a.completed, r.reference, l.position, a.position`
	err = eachRowArgs(ctx, d.db, query, args, func(r *sql.Rows) error {
		var im report.Improvement
		var completed calendar.Date
		if err := r.Scan(&im.ServiceArea, &im.Action, date{&completed}); err != nil {
			return err
		}
		im.Completed = completed
		f.Improvements = append(f.Improvements, im)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("code improvements: %w", err)
	}
	return f, nil
}
