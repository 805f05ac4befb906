package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/heedhq/heed"
)

var _ heed.NarrativeService = (*DB)(nil)

// Narrative returns the period's report text, or the default sections,
// empty (Version 0), when none was saved.
func (d *DB) Narrative(ctx context.Context, period string) (*heed.Narrative, error) {
	return d.readNarrative(ctx, d.db, period)
}

func (d *DB) readNarrative(ctx context.Context, q querier, period string) (*heed.Narrative, error) {
	n := &heed.Narrative{Period: period}
	err := q.QueryRowContext(ctx, `SELECT version, updated_by, updated_at FROM narratives WHERE period = $1`, period).
		Scan(&n.Version, &n.UpdatedBy, &n.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return heed.NewNarrative(period), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the report's text: %w", err)
	}
	n.UpdatedAt = n.UpdatedAt.UTC()
	err = eachRowArgs(ctx, q, `SELECT heading, body, before_figures FROM narrative_sections
		WHERE period = $1 ORDER BY position`, []any{period}, func(r *sql.Rows) error {
		var s heed.NarrativeSection
		if err := r.Scan(&s.Heading, &s.Text, &s.BeforeFigures); err != nil {
			return err
		}
		n.Sections = append(n.Sections, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the report's text: %w", err)
	}
	return n, nil
}

// SaveNarrative saves the period's text when its Version is the one stored,
// and records what changed in the audit log; a text that changes nothing
// writes nothing.
func (d *DB) SaveNarrative(ctx context.Context, by heed.Actor, n *heed.Narrative) error {
	if errs := n.Validate(); len(errs) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save the report's text: %w", err)
	}
	defer tx.Rollback()
	old, err := d.readNarrative(ctx, tx, n.Period)
	if err != nil {
		return err
	}
	if old.Version != n.Version {
		return heed.Errorf(heed.ECONFLICT,
			"Nothing was saved: %s changed this report's text after you opened it. Open it again to see their changes, then make yours.",
			old.UpdatedBy)
	}
	changes := heed.Diff(old.Fields(), n.Fields())
	if len(changes) == 0 {
		return nil
	}
	now := d.now().UTC()
	if err := saveNarrative(ctx, tx, n, old.Version, by, now); err != nil {
		return err
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: "Report text " + n.Period + " saved", Changes: changes}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save the report's text: %w", err)
	}
	n.Version, n.UpdatedBy, n.UpdatedAt = n.Version+1, by.Name, now
	return nil
}

// saveNarrative writes the text over version (0: none yet) in tx.
func saveNarrative(ctx context.Context, tx *sql.Tx, n *heed.Narrative, version int, by heed.Actor, now time.Time) error {
	var res sql.Result
	var err error
	if version == 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO narratives (period, version, updated_by, updated_at) VALUES ($1, 1, $2, $3)`,
			n.Period, by.Name, now)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE narratives SET version = $1, updated_by = $2, updated_at = $3
			WHERE period = $4 AND version = $5`, version+1, by.Name, now, n.Period, version)
	}
	conflict := heed.Errorf(heed.ECONFLICT,
		"Nothing was saved: someone else saved this report's text at the same moment. Open it again to see their changes, then make yours.")
	if isUniqueViolation(err) {
		return conflict
	}
	if err != nil {
		return fmt.Errorf("save the report's text: %w", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return conflict
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM narrative_sections WHERE period = $1`, n.Period); err != nil {
		return fmt.Errorf("save the report's text: %w", err)
	}
	for i, s := range n.Sections {
		if _, err := tx.ExecContext(ctx, `INSERT INTO narrative_sections (period, position, heading, body, before_figures)
			VALUES ($1, $2, $3, $4, $5)`, n.Period, i+1, s.Heading, s.Text, s.BeforeFigures); err != nil {
			return fmt.Errorf("save the report's text: %w", err)
		}
	}
	return nil
}
