package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

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

// OpenCase records that by opened rec, and returns what a case page reads
// besides the record: its history, that opening last, and the page of the
// records linked to it that links selects, as ListCases does (links.LinkedTo
// is set to rec), with whether there are more. Opening a case is itself
// recorded (in record_views: see views.go).
//
// The linked records are not counted: a common name can be a thousand
// records' complainant's. Counting them (166 a name in a million generated
// records) made the linked records' query, under load, 0.80 ms a page where
// counting one past the page makes it 0.28 ms (pg_stat_statements,
// BenchmarkWebLoad in web).
//
// On PostgreSQL the opening is written and the history read in one
// statement, sent with the linked records' in one round trip (see
// pipeline), and committed without waiting for the disk: a statement of its
// own for the line, and the wait for the disk, cost a case page about a
// sixth of its throughput (BenchmarkWebLoad in web). A crash of the database
// server's machine may lose the openings of its last fraction of a second,
// as on SQLite, where commits wait for the disk only at checkpoints
// (synchronous=NORMAL). Every change to a case still waits for the disk.
//
// On SQLite the opening is written and the history read on the writing
// connection: each line written empties every other connection's cache of
// the views file, but not the writer's, and reading a case's openings
// through an emptied cache cost a case page a quarter of its throughput.
func (d *DB) OpenCase(ctx context.Context, by heed.Actor, rec *heed.Record, links heed.CaseFilter) (*heed.CaseView, error) {
	links.LinkedTo = rec
	at := d.now().UTC()
	v := &heed.CaseView{}
	l := d.listQuery(links, true)
	if d.dialect == Postgres {
		err := d.pipeline(ctx,
			piped{openedSQL, []any{rec.ID, at, by.Name}, func(r rowScanner) error {
				e, err := scanAuditEntry(r)
				v.History = append(v.History, e)
				return err
			}},
			piped{l.query, l.args, l.row})
		if err != nil {
			return nil, fmt.Errorf("record that a case was opened, and read its history and linked records: %w", err)
		}
		if v.Linked, v.MoreLinked, err = l.more(ctx); err != nil {
			return nil, err
		}
		return v, nil
	}
	if _, err := d.w.ExecContext(ctx, `INSERT INTO record_views (record_id, at, actor) VALUES ($1, $2, $3)`,
		rec.ID, at, by.Name); err != nil {
		return nil, fmt.Errorf("record that a case was opened: %w", err)
	}
	var err error
	if v.History, err = d.history(ctx, d.w, rec.ID); err != nil {
		return nil, err
	}
	if err := eachRowArgs(ctx, d.db, l.query, l.args, func(r *sql.Rows) error { return l.row(r) }); err != nil {
		return nil, fmt.Errorf("list linked records: %w", err)
	}
	if v.Linked, v.MoreLinked, err = l.more(ctx); err != nil {
		return nil, err
	}
	return v, nil
}

// openedSQL records on PostgreSQL that $3 opened record $1 at $2, and
// returns the record's history, that opening last. set_config(…, true)
// holds for this statement's transaction alone. The statement's snapshot
// does not see the row it inserts: the last arm reads it from the insert.
const openedSQL = `WITH opened AS (
	INSERT INTO record_views (record_id, at, actor)
	SELECT CAST($1 AS BIGINT), CAST($2 AS TIMESTAMPTZ), CAST($3 AS TEXT)
	FROM (SELECT set_config('synchronous_commit', 'off', true)) async
	RETURNING id, record_id, at, actor)
SELECT id, record_id, '', at, actor, action, note, changes FROM (` + historyArms + `
	UNION ALL SELECT o.id, o.record_id, o.at, o.actor, 'viewed', '', '[]', 1 FROM opened o) h
ORDER BY at, source, id`

// viewedEntries are record_views' rows as audit entries, after audit_log's
// of the same moment (source 1, where audit_log's are 0).
const viewedEntries = `SELECT v.id, v.record_id, v.at, v.actor, 'viewed' AS action, '' AS note, '[]' AS changes, 1 AS source FROM record_views v`

// historyArms are the entries of record $1 in both tables.
const historyArms = `SELECT a.id, a.record_id, a.at, a.actor, a.action, a.note, a.changes, 0 AS source FROM audit_log a WHERE a.record_id = $1
	UNION ALL ` + viewedEntries + ` WHERE v.record_id = $1`

// scanAuditEntry reads a row of id, record id, reference, at, actor,
// action, note and changes.
func scanAuditEntry(r rowScanner) (heed.AuditEntry, error) {
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
	return d.history(ctx, d.db, recordID)
}

// history reads a record's audit entries through q.
func (d *DB) history(ctx context.Context, q querier, recordID int64) ([]heed.AuditEntry, error) {
	h, err := auditEntries(ctx, q, `SELECT id, record_id, '', at, actor, action, note, changes FROM (`+historyArms+`) h
		ORDER BY at, source, id`, recordID)
	if err != nil {
		return nil, fmt.Errorf("read history: %w", err)
	}
	return h, nil
}

// auditEntries reads the entries query selects through q: rows of id,
// record id, reference, at, actor, action, note and changes.
func auditEntries(ctx context.Context, q querier, query string, args ...any) ([]heed.AuditEntry, error) {
	var out []heed.AuditEntry
	err := eachRowArgs(ctx, q, query, args, func(r *sql.Rows) error {
		e, err := scanAuditEntry(r)
		out = append(out, e)
		return err
	})
	return out, err
}

func eachRowArgs(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	return scanRows(rows, err, fn)
}

// scanRows calls fn with each of rows, the result of a query that failed
// when err is not nil, and closes them.
func scanRows(rows *sql.Rows, err error, fn func(*sql.Rows) error) error {
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
	a := &where{}
	if f.Actor != "" {
		a.add("a.actor = ?", f.Actor)
	}
	if f.Action != "" {
		a.add("a.action = ?", string(f.Action))
	}
	w.args = a.args
	arms := []string{`SELECT a.id, a.record_id, a.at, a.actor, a.action, a.note, a.changes, 0 AS source FROM audit_log a WHERE ` + a.sql()}
	// Cases opened before migration 0013 are in audit_log.
	if f.Action == heed.AuditViewed || f.Action == "" {
		v := &where{args: w.args}
		if f.Actor != "" {
			v.add("v.actor = ?", f.Actor)
		}
		w.args = v.args
		arms = append(arms, viewedEntries+` WHERE `+v.sql())
	}
	entries := "(" + strings.Join(arms, " UNION ALL ") + ") h"
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM `+entries, w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit log: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	args := append(w.args, limit, f.Offset)
	out, err := auditEntries(ctx, d.db, fmt.Sprintf(`SELECT h.id, COALESCE(h.record_id, 0), COALESCE(r.reference, ''), h.at, h.actor, h.action, h.note, h.changes
		FROM %s LEFT JOIN records r ON r.id = h.record_id
		ORDER BY h.at DESC, h.source DESC, h.id DESC LIMIT $%d OFFSET $%d`, entries, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("read audit log: %w", err)
	}
	return out, total, nil
}
