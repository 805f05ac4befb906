package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/heedhq/heed"

	"github.com/heedhq/heed/report"
)

// ReportFactsFromRecords is ReportFacts grouping the records themselves
// even for whole months, for tests to compare with the counts.
func (d *DB) ReportFactsFromRecords(ctx context.Context, q report.Query) (*report.Facts, error) {
	return d.reportFacts(ctx, q, fromRecords)
}

// ReportFactsFromMonths is ReportFacts reading record_counts even for
// quarters, for tests to compare with the tallies.
func (d *DB) ReportFactsFromMonths(ctx context.Context, q report.Query) (*report.Facts, error) {
	return d.reportFacts(ctx, q, fromMonths)
}

// RebuildCounts computes record_counts afresh from the records.
func (d *DB) RebuildCounts(ctx context.Context) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := d.rebuildCounts(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// CountRows lists the rows of record_counts and of the tallies that count
// anything, in order.
func (d *DB) CountRows(ctx context.Context) ([]string, error) {
	var out []string
	read := func(table string, n int, query string) error {
		return eachRow(ctx, d.db, query, func(r *sql.Rows) error {
			vals := make([]any, n)
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := r.Scan(ptrs...); err != nil {
				return err
			}
			out = append(out, table+" "+fmt.Sprint(vals...))
			return nil
		})
	}
	err := read("record_counts", 19, `SELECT `+countColumns+` FROM record_counts
		WHERE n <> 0 OR responded <> 0 OR response_days <> 0 OR lessons <> 0 OR no_learning <> 0 OR actions <> 0
			OR actions_completed <> 0
		ORDER BY `+countColumns)
	if err != nil || !d.hasSchema(quarterCountsVersion) {
		return out, err
	}
	for _, t := range tallies {
		cols := append(t.keys[:len(t.keys):len(t.keys)], t.values...)
		if err := read(t.table, len(cols), `SELECT `+strings.Join(cols, ", ")+` FROM `+t.table+`
			WHERE `+strings.Join(t.values, " <> 0 OR ")+` <> 0 ORDER BY `+strings.Join(t.keys, ", ")); err != nil {
			return out, err
		}
	}
	return out, nil
}

// OpenMigratedTo opens the database at dsn with the migrations up to
// version applied, and no more, for tests of a later migration.
func OpenMigratedTo(ctx context.Context, dsn string, version int) (*DB, error) {
	d := &DB{dialect: DialectOf(dsn), log: slog.New(slog.DiscardHandler), now: time.Now}
	d.rules.set(heed.DefaultRules())
	if err := d.open(ctx, dsn, false); err != nil {
		return nil, err
	}
	if _, err := d.migrate(ctx, version); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// SearchWords are the words searchVector stores for rec, in order.
func SearchWords(rec *heed.Record) []string {
	var words []string
	for _, l := range searchVector(rec).Lexemes {
		words = append(words, l.Word)
	}
	return words
}
