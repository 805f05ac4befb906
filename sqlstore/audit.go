package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/heedhq/heed"
)

const insertAuditSQL = `INSERT INTO audit_log (record_id, at, actor, action, note, changes) VALUES ($1, $2, $3, $4, $5, $6)`

func auditArgs(e heed.AuditEntry, at any) ([]any, error) {
	changes := e.Changes
	if changes == nil {
		changes = []heed.Change{}
	}
	b, err := json.Marshal(changes)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	var rid any
	if e.RecordID != 0 {
		rid = e.RecordID
	}
	return []any{rid, at, e.Actor, string(e.Action), e.Note, string(b)}, nil
}

// execer runs a statement: the database, or a transaction.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// execFunc makes a function that runs statements an execer.
type execFunc func(ctx context.Context, query string, args ...any) (sql.Result, error)

func (f execFunc) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return f(ctx, query, args...)
}

// appendAudit appends an entry to the audit log, stamped with the store's
// clock.
func (d *DB) appendAudit(ctx context.Context, ex execer, e heed.AuditEntry) error {
	args, err := auditArgs(e, d.now().UTC())
	if err != nil {
		return err
	}
	if _, err := ex.ExecContext(ctx, insertAuditSQL, args...); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// audit appends an entry to the history inside the writer's transaction.
func (w *writer) audit(ctx context.Context, e heed.AuditEntry) error {
	return w.d.appendAudit(ctx, execFunc(w.exec), e) // prepared once per writer
}

// RecordViewed appends a "viewed" entry: opening a case is itself recorded.
func (d *DB) RecordViewed(ctx context.Context, by heed.Actor, recordID int64) error {
	return d.appendAudit(ctx, d.w, heed.AuditEntry{RecordID: recordID, Actor: by.Name, Action: heed.AuditViewed})
}

// scanAuditEntry reads a row of id, record id, reference, at, actor,
// action, note and changes.
func scanAuditEntry(r *sql.Rows) (heed.AuditEntry, error) {
	var e heed.AuditEntry
	var action, changes string
	if err := r.Scan(&e.ID, &e.RecordID, &e.Reference, &e.At, &e.Actor, &action, &e.Note, &changes); err != nil {
		return e, err
	}
	e.Action = heed.AuditAction(action)
	if err := json.Unmarshal([]byte(changes), &e.Changes); err != nil {
		return e, fmt.Errorf("audit entry %d: %w", e.ID, err)
	}
	return e, nil
}

// RecordHistory returns a record's audit entries, oldest first.
func (d *DB) RecordHistory(ctx context.Context, recordID int64) ([]heed.AuditEntry, error) {
	var out []heed.AuditEntry
	err := eachRowArgs(ctx, d.db, `SELECT id, record_id, '', at, actor, action, note, changes FROM audit_log
		WHERE record_id = $1 ORDER BY id`, []any{recordID}, func(r *sql.Rows) error {
		e, err := scanAuditEntry(r)
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return out, nil
}

func eachRowArgs(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AuditLog returns entries of the whole audit log, newest first, and how
// many the filter selects in all.
func (d *DB) AuditLog(ctx context.Context, f heed.AuditFilter) ([]heed.AuditEntry, int, error) {
	w := &where{}
	if f.Actor != "" {
		w.add("a.actor = ?", f.Actor)
	}
	if f.Action != "" {
		w.add("a.action = ?", string(f.Action))
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM audit_log a WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit log: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	args := append(w.args, limit, f.Offset)
	var out []heed.AuditEntry
	err := eachRowArgs(ctx, d.db, fmt.Sprintf(`SELECT a.id, COALESCE(a.record_id, 0), COALESCE(r.reference, ''), a.at, a.actor, a.action, a.note, a.changes
		FROM audit_log a LEFT JOIN records r ON r.id = a.record_id
		WHERE %s ORDER BY a.id DESC LIMIT $%d OFFSET $%d`, w.sql(), len(args)-1, len(args)), args, func(r *sql.Rows) error {
		e, err := scanAuditEntry(r)
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("read audit log: %w", err)
	}
	return out, total, nil
}
