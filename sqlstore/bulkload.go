package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
)

// bulkLoadFrom is the number of records from which an import on SQLite is
// a bulk load (see startBulkLoad).
const bulkLoadFrom = 20000

// bulkLoad is what a large import on SQLite set aside, to put back before
// it commits.
type bulkLoad struct {
	indexes  []string // the statements that make the dropped indexes
	triggers []string // the statements that make the dropped triggers
	lastID   int64    // the largest record id before the import
}

// startBulkLoad prepares tx for an import of n records on SQLite. The full-text
// indexes are filled at the end, in one statement, instead of by a trigger
// for each record: FTS5 wrote and merged its index once for every INSERT,
// a sixth of an import's work. And when the import is at least as large as
// what is stored, the indexes that only speed up reading are dropped and
// built again at the end: building an index at once is cheaper than
// keeping it in order one row at a time. Readers meanwhile see the database
// as it was, indexes and all; a failed import rolls all this back.
func startBulkLoad(ctx context.Context, tx *sql.Tx, n int) (*bulkLoad, error) {
	b := &bulkLoad{}
	var stored int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(max(id), 0) FROM records`).Scan(&stored, &b.lastID); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	var err error
	b.triggers, err = dropSchema(ctx, tx, "TRIGGER", `type = 'trigger' AND name IN ('records_search_insert', 'records_search_open_insert')`)
	if err != nil {
		return nil, err
	}
	if int64(n) >= stored {
		b.indexes, err = dropSchema(ctx, tx, "INDEX", `type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
			AND tbl_name IN ('records', 'stages', 'audit_log', 'actions', 'record_counts')`)
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

// dropSchema drops, in tx, the schema objects of the kind that where
// selects, and returns the statements that make them again.
func dropSchema(ctx context.Context, tx *sql.Tx, kind, where string) ([]string, error) {
	var names, creates []string
	err := eachRowArgs(ctx, tx, `SELECT name, sql FROM sqlite_master WHERE `+where, nil, func(r *sql.Rows) error {
		var name, create string
		err := r.Scan(&name, &create)
		names, creates = append(names, name), append(creates, create)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("import: list the %ss: %w", kind, err)
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP `+kind+` "`+name+`"`); err != nil {
			return nil, fmt.Errorf("import: drop %s %s: %w", kind, name, err)
		}
	}
	return creates, nil
}

// finish fills the full-text indexes with the imported records and makes
// again what startBulkLoad dropped. A nil b does nothing.
func (b *bulkLoad) finish(ctx context.Context, tx *sql.Tx) error {
	if b == nil {
		return nil
	}
	fill := []string{
		`INSERT INTO records_search (rowid, reference, complainant_name, summary)
			SELECT id, reference, complainant_name, summary FROM records WHERE id > $1`,
		`INSERT INTO records_search_open (rowid, reference, complainant_name, summary)
			SELECT id, reference, complainant_name, summary FROM records WHERE id > $1 AND closed IS NULL`,
	}
	for _, q := range fill {
		if _, err := tx.ExecContext(ctx, q, b.lastID); err != nil {
			return fmt.Errorf("import: fill the search index: %w", err)
		}
	}
	for _, create := range append(b.triggers, b.indexes...) {
		if _, err := tx.ExecContext(ctx, create); err != nil {
			return fmt.Errorf("import: make again what it set aside: %w", err)
		}
	}
	return nil
}
