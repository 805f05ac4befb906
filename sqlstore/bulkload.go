package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"runtime/debug"
)

// bulkLoadFrom is the number of records from which an import is a bulk
// load (see startBulkLoad).
const bulkLoadFrom = 20000

// bulkTables are the tables an import writes.
const bulkTables = `'records', 'stages', 'elements', 'pauses', 'lessons', 'actions', 'audit_log', 'record_counts'`

// bulkLoad is what a large import set aside, to put back before it
// commits.
type bulkLoad struct {
	dialect Dialect
	remake  []string // the statements that make again what was dropped
	lastID  int64    // the largest record id before the import
	// exclusive is set on PostgreSQL when no one else can write records or
	// lessons until the import commits.
	exclusive bool
}

// startBulkLoad prepares tx for an import of n records. When the import is
// at least as large as what is stored, the indexes that only speed up
// reading are dropped and built again at the end: building an index at
// once is cheaper than keeping it in order one row at a time. Partial
// indexes (with WHERE) stay: most hold few rows (open, voided, refused),
// and building each again reads the whole table once more (keeping them
// took a few per cent off a million records' import, measured on SQLite). On
// PostgreSQL the foreign keys of the tables written are dropped too and
// added again at the end, when one query checks every row instead of one
// check for each (the two halved the server's work of an import); the
// tables are then the import's alone until it commits, and pages that
// read them wait. On SQLite, whatever the size, the full-text indexes are
// filled at the end, in one statement, instead of by a trigger for each
// record (FTS5 wrote and merged its index once for every INSERT, a sixth of
// an import's work); its readers meanwhile see the database as it was. A
// failed import rolls all this back.
func startBulkLoad(ctx context.Context, d Dialect, tx *sql.Tx, n int) (*bulkLoad, error) {
	b := &bulkLoad{dialect: d}
	var stored int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(max(id), 0) FROM records`).Scan(&stored, &b.lastID); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	var drops []string
	add := func(what, query string) error {
		err := eachRowArgs(ctx, tx, query, nil, func(r *sql.Rows) error {
			var drop, remake string
			err := r.Scan(&drop, &remake)
			drops, b.remake = append(drops, drop), append(b.remake, remake)
			return err
		})
		if err != nil {
			return fmt.Errorf("import: list the %s: %w", what, err)
		}
		return nil
	}
	if d == SQLite {
		if err := add("search triggers", `SELECT 'DROP TRIGGER "' || name || '"', sql FROM sqlite_master
			WHERE type = 'trigger' AND name IN ('records_search_insert', 'records_search_open_insert')`); err != nil {
			return nil, err
		}
	}
	if int64(n) >= stored {
		indexes := `SELECT 'DROP INDEX "' || name || '"', sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
			AND sql NOT LIKE 'CREATE UNIQUE%' AND replace(replace(sql, char(10), ' '), char(9), ' ') NOT LIKE '% WHERE %'
			AND tbl_name IN (` + bulkTables + `)`
		if d == Postgres {
			// The foreign keys first, so that they are added again last.
			if err := add("foreign keys", `SELECT 'ALTER TABLE ' || conrelid::regclass::text || ' DROP CONSTRAINT ' || quote_ident(conname),
				'ALTER TABLE ' || conrelid::regclass::text || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
				FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
				AND conrelid::regclass::text IN (`+bulkTables+`) ORDER BY conrelid::regclass::text, conname`); err != nil {
				return nil, err
			}
			indexes = `SELECT 'DROP INDEX ' || quote_ident(indexname), indexdef FROM pg_indexes
				WHERE schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%' AND indexdef NOT LIKE '% WHERE %'
				AND tablename IN (` + bulkTables + `)
				ORDER BY indexname`
		}
		if err := add("indexes", indexes); err != nil {
			return nil, err
		}
		if d == Postgres {
			// Dropping their foreign keys (below) takes stronger locks;
			// this one holds whatever the schema.
			if _, err := tx.ExecContext(ctx, `LOCK TABLE records, lessons IN EXCLUSIVE MODE`); err != nil {
				return nil, fmt.Errorf("import: %w", err)
			}
			b.exclusive = true
		}
	}
	if d == Postgres && len(drops) > 0 {
		// The server's memory for sorting each index it builds again, for
		// this transaction alone (the default, 64 MB, sorted a million
		// records' indexes on disk).
		if _, err := tx.ExecContext(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
	}
	for _, drop := range drops {
		if _, err := tx.ExecContext(ctx, drop); err != nil {
			return nil, fmt.Errorf("import: %s: %w", drop, err)
		}
	}
	return b, nil
}

// finish fills SQLite's full-text indexes with the imported records and
// makes again what startBulkLoad dropped, in reverse order. A nil b does
// nothing.
func (b *bulkLoad) finish(ctx context.Context, tx *sql.Tx) error {
	if b == nil {
		return nil
	}
	if b.dialect == SQLite {
		// The heap the writing left is given back before SQLite sorts the
		// indexes in memory: without it the process passed 300 MB here.
		debug.FreeOSMemory()
		// The index of every record is filled without merging its
		// segments as they are written, and merged once at the end (a
		// quarter less work, measured with the sqlite3 command line on a
		// million records); automerge is then FTS5's default again.
		after := []any{b.lastID}
		fill := []struct {
			query string
			args  []any
		}{
			{`INSERT INTO records_search (records_search, rank) VALUES ('automerge', 0)`, nil},
			{`INSERT INTO records_search (rowid, reference, complainant_name, summary)
			SELECT id, reference, complainant_name, summary FROM records WHERE id > $1`, after},
			{`INSERT INTO records_search (records_search) VALUES ('optimize')`, nil},
			{`INSERT INTO records_search (records_search, rank) VALUES ('automerge', 4)`, nil},
			{`INSERT INTO records_search_open (rowid, reference, complainant_name, summary)
			SELECT id, reference, complainant_name, summary FROM records WHERE id > $1 AND closed IS NULL`, after},
		}
		for _, f := range fill {
			if _, err := tx.ExecContext(ctx, f.query, f.args...); err != nil {
				return fmt.Errorf("import: fill the search index: %w", err)
			}
		}
	}
	for i := len(b.remake) - 1; i >= 0; i-- {
		if _, err := tx.ExecContext(ctx, b.remake[i]); err != nil {
			return fmt.Errorf("import: make again what it set aside: %w", err)
		}
	}
	return nil
}
