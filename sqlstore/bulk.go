package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// maxParams keeps a statement under both databases' limits on bound
// parameters (SQLite 32,766; PostgreSQL 65,535).
const maxParams = 30000

// insertMany inserts rows into table, many to a statement, with tail (ON
// CONFLICT or RETURNING) after the values. With scan, each statement's
// returned rows are passed to it. The rows go in chunks of a few fixed
// sizes (the most the parameter limit allows, then powers of two), so that
// each size's statement is prepared once in the transaction and run again
// for every batch: compiling a new statement for each batch of an import
// was a tenth of its work. On SQLite the placeholders are positional (?):
// its driver looks $N up by name, which grows with the square of their
// number.
func (w *writer) insertMany(ctx context.Context, table string, cols []string, rows [][]any,
	tail string, scan func(*sql.Rows) error) error {
	if w.copier != nil && tail == "" && scan == nil {
		return w.copyRows(ctx, table, cols, rows)
	}
	per := maxParams / len(cols)
	if w.d.dialect == SQLite {
		per = min(per, maxRowsPerInsert)
	}
	for len(rows) > 0 {
		n := min(per, len(rows))
		if w.d.dialect == SQLite {
			for n = per; n > len(rows); n /= 2 {
			}
			if n == 0 {
				n = len(rows) // per is not a power of two and rows fewer
			}
		}
		chunk := rows[:n]
		rows = rows[n:]
		args := make([]any, 0, n*len(cols))
		for _, row := range chunk {
			args = append(args, row...)
		}
		if err := w.insertRows(ctx, w.d.insertSQL(table, cols, n, tail), args, scan); err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// copyRows writes rows into table with PostgreSQL's COPY, on the
// transaction's own connection: one stream of rows, which the server reads
// without parsing and planning a statement for each batch. An import wrote
// 200,000 records with a third of the server's work it took by INSERT.
func (w *writer) copyRows(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	err := w.copier.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("COPY needs the pgx driver's connection, not %T", dc)
		}
		dates, err := w.dateColumns(ctx, c.Conn(), table, cols)
		if err != nil {
			return err
		}
		if err := datesAsTimes(rows, dates); err != nil {
			return err
		}
		_, err = c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
	if err != nil {
		return fmt.Errorf("copy into %s: %w", table, err)
	}
	return nil
}

// dateColumns returns the positions in cols of table's columns of type
// date, read from the catalogue once per table and writer.
func (w *writer) dateColumns(ctx context.Context, c *pgx.Conn, table string, cols []string) ([]int, error) {
	key := table + "(" + strings.Join(cols, ",") + ")"
	if pos, ok := w.copyDates[key]; ok {
		return pos, nil
	}
	rows, err := c.Query(ctx, `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0
		AND NOT attisdropped AND atttypid = 'date'::regtype`, table)
	if err != nil {
		return nil, fmt.Errorf("copy into %s: %w", table, err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("copy into %s: %w", table, err)
	}
	var pos []int
	for i, col := range cols {
		if slices.Contains(names, col) {
			pos = append(pos, i)
		}
	}
	w.copyDates[key] = pos
	return pos, nil
}

// datesAsTimes turns the dates given as text (dateArg's) at the positions
// of each row into times, which pgx writes to a date column in COPY's
// binary form at once: given text, it failed to encode it, and then parsed
// the text as a date, for every date (a third of an import's COPY work).
func datesAsTimes(rows [][]any, positions []int) error {
	for _, row := range rows {
		for _, i := range positions {
			s, ok := row[i].(string)
			if !ok {
				continue
			}
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				return fmt.Errorf("the date %q: %w", s, err)
			}
			row[i] = t
		}
	}
	return nil
}

// insertRows runs one INSERT: on SQLite as a statement prepared once in
// the transaction; on PostgreSQL as it is, since pgx keeps its own cache
// of prepared statements and each round trip to the server counts there,
// so that the fewest, largest statements are quickest.
func (w *writer) insertRows(ctx context.Context, query string, args []any, scan func(*sql.Rows) error) error {
	if w.d.dialect != SQLite {
		if scan == nil {
			_, err := w.tx.ExecContext(ctx, query, args...)
			return err
		}
		return eachRowArgs(ctx, w.tx, query, args, scan)
	}
	s, err := w.stmt(ctx, query)
	if err != nil {
		return err
	}
	if scan == nil {
		_, err := s.ExecContext(ctx, args...)
		return err
	}
	rows, err := s.QueryContext(ctx, args...)
	return scanRows(rows, err, scan)
}

// maxRowsPerInsert bounds the rows of one INSERT: past a few hundred a
// larger statement saves nothing and takes longer to compile.
const maxRowsPerInsert = 512

// insertSQL is the INSERT of n rows of cols into table.
func (d *DB) insertSQL(table string, cols []string, n int, tail string) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	p := 0
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			p++
			if d.dialect == SQLite {
				b.WriteByte('?')
			} else {
				b.WriteString("$" + strconv.Itoa(p))
			}
		}
		b.WriteByte(')')
	}
	b.WriteString(tail)
	return b.String()
}

var recordInsertColumns = []string{"id", "reference", "type", "received", "service_area_id", "team_id", "procedure", "theme_id",
	"complainant_name", "complainant_type", "young_person", "advocacy", "channel", "summary", "related_reference", "redirected_to",
	"ombudsman_reference", "ombudsman_decision", "ombudsman_decided", "ombudsman_remedy", "ombudsman_remedy_pence",
	"ombudsman_complied", "closed", "s1_deadline", "s1_extended_to", "s1_responded", "s1_outcome", "s1_response_days",
	"reference_key", "related_key", "complainant_key", "updated_at", "version", "created_at"}

// countsHeld is how many rows of record_counts and the tallies an import
// gathers before it saves them: a million generated records make some
// 125,000 of record_counts, and saving each batch's own (a row for nearly
// every record) was 1,000,000 upserts.
const countsHeld = 20000

// saveHeldCounts saves the counts an import gathered (see writer.counts).
func (w *writer) saveHeldCounts(ctx context.Context) error {
	if w.counts == nil || w.counts.rows() == 0 {
		return nil
	}
	err := w.saveCounts(ctx, w.counts)
	w.counts.reset()
	return err
}

// insertNew stores new records, a batch at a time, each with its parts
// and a "created" line in its history.
func (w *writer) insertNew(ctx context.Context, by heed.Actor, recs []*heed.Record, note string) error {
	const batch = 1000
	for start := 0; start < len(recs); start += batch {
		part := recs[start:min(start+batch, len(recs))]
		ids, err := w.newIDs(ctx, "records", len(part))
		if err != nil {
			return err
		}
		later := recordColumnsWritten(w.d)
		cols := slices.Clone(recordInsertColumns)
		for _, c := range later {
			cols = append(cols, c.name)
		}
		rows := make([][]any, len(part))
		for i, rec := range part {
			args, err := w.recordArgs(ctx, rec)
			if err != nil {
				return err
			}
			now := args[len(args)-1]
			row := make([]any, 0, len(cols))
			row = append(row, ids[i])
			row = append(row, args...)
			row = append(row, 1, now)
			rows[i] = append(row, values(later, rec)...)
		}
		err = w.insertMany(ctx, "records", cols, rows, "", nil)
		if isUniqueViolation(err) {
			return heed.Errorf(heed.ECONFLICT, "Nothing was saved: a reference in the batch already exists (someone else saved it meanwhile).")
		}
		if err != nil {
			return err
		}
		for i, rec := range part {
			rec.ID, rec.Version = ids[i], 1
		}
		if err := w.insertParts(ctx, part); err != nil {
			return err
		}
		c := w.counts
		if c == nil {
			c = newCounts()
		}
		for _, rec := range part {
			if err := w.addCount(ctx, c, rec, +1); err != nil {
				return err
			}
		}
		if w.counts == nil || c.rows() >= countsHeld {
			if err := w.saveCounts(ctx, c); err != nil {
				return err
			}
			c.reset()
		}
		if err := w.auditCreated(ctx, by, note, ids); err != nil {
			return err
		}
	}
	return nil
}

// auditCreated writes a "created" line in the history of each of the new
// records ids, in one statement that reads their ids back instead of a row
// of values each: an import of a million records bound six million values
// fewer.
func (w *writer) auditCreated(ctx context.Context, by heed.Actor, note string, ids []int64) error {
	args, err := auditArgs(heed.AuditEntry{Actor: by.Name, Action: heed.AuditCreated, Note: note}, w.d.now().UTC())
	if err != nil {
		return err
	}
	q := `INSERT INTO audit_log (record_id, at, actor, action, note, changes) SELECT id, $1, $2, $3, $4, $5 FROM records WHERE `
	args = args[1:] // the record ids are the SELECT's
	if consecutive(ids) {
		// As newIDs gives them on SQLite, and on PostgreSQL in a bulk
		// load: every id between the first and the last is new.
		q += `id BETWEEN $6 AND $7 ORDER BY id`
		args = append(args, ids[0], ids[len(ids)-1])
	} else {
		q += `id = ANY($6) ORDER BY id`
		args = append(args, ids)
	}
	if _, err := w.tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("write audit history: %w", err)
	}
	return nil
}

// consecutive reports whether ids are each one more than the one before.
func consecutive(ids []int64) bool {
	for i, id := range ids {
		if id != ids[0]+int64(i) {
			return false
		}
	}
	return true
}

// newIDs returns n ids for new rows of table (records or lessons), so that
// their parts can be written without reading the ids back: on PostgreSQL
// from the table's sequence, n at once when no one else can insert (see
// writer.reserveIDs); on SQLite after the largest id, which no other
// writer can take while this transaction holds the write lock.
func (w *writer) newIDs(ctx context.Context, table string, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if n == 0 {
		return ids, nil
	}
	if w.d.dialect == SQLite {
		last, ok := w.lastIDs[table]
		if !ok {
			if err := w.tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM `+table).Scan(&last); err != nil {
				return nil, fmt.Errorf("new ids for %s: %w", table, err)
			}
		}
		for range n {
			last++
			ids = append(ids, last)
		}
		w.lastIDs[table] = last
		return ids, nil
	}
	if w.reserveIDs {
		// No one else can insert meanwhile, so no one else takes a value
		// of the sequence: the n after its next are this batch's. A
		// nextval for each id was a fifteenth of the server's work of a
		// million records' import.
		var last int64
		err := w.tx.QueryRowContext(ctx, `SELECT setval(pg_get_serial_sequence($1, 'id'),
			nextval(pg_get_serial_sequence($1, 'id')) + $2 - 1)`, table, n).Scan(&last)
		if err != nil {
			return nil, fmt.Errorf("new ids for %s: %w", table, err)
		}
		for id := last - int64(n) + 1; id <= last; id++ {
			ids = append(ids, id)
		}
		return ids, nil
	}
	err := eachRowArgs(ctx, w.tx, `SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)`,
		[]any{table, n}, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("new ids for %s: %w", table, err)
	}
	return ids, nil
}

// insertParts stores the stages, elements, pauses, lessons and actions of
// records that already have their ids.
func (w *writer) insertParts(ctx context.Context, recs []*heed.Record) error {
	var stages, elements, pauses, lessons [][]any
	nLessons := 0
	later := inPlace(w.d, stageColumns)
	for _, rec := range recs {
		for _, s := range rec.Stages {
			row := []any{rec.ID, s.Number, dateArg(s.Started), dateArg(s.Acknowledged), s.TargetDays,
				dateArg(s.Deadline), dateArg(s.ExtendedTo), s.ExtensionReason, s.Investigator, dateArg(s.Responded), string(s.Outcome),
				responseDays(s)}
			row = append(row, values(later, &s)...)
			stages = append(stages, row)
			for i, e := range s.Elements {
				elements = append(elements, []any{rec.ID, s.Number, i + 1, e.Summary, string(e.Finding)})
			}
			for i, p := range s.Pauses {
				pauses = append(pauses, []any{rec.ID, s.Number, i + 1, dateArg(p.From), dateArg(p.To), p.Reason})
			}
		}
		nLessons += len(rec.Lessons)
	}
	ids, err := w.newIDs(ctx, "lessons", nLessons)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		for i := range rec.Lessons {
			l := &rec.Lessons[i]
			l.ID, ids = ids[0], ids[1:]
			lessons = append(lessons, []any{l.ID, rec.ID, i + 1, l.Text, l.NoLearning})
		}
	}
	cols := []string{"record_id", "number", "started", "acknowledged", "target_days",
		"deadline", "extended_to", "extension_reason", "investigator", "responded", "outcome", "response_days"}
	for _, c := range later {
		cols = append(cols, c.name)
	}
	if err := w.insertMany(ctx, "stages", cols, stages, "", nil); err != nil {
		return err
	}
	if err := w.insertOmbudsmanParts(ctx, recs); err != nil {
		return err
	}
	if err := w.insertMany(ctx, "elements", []string{"record_id", "stage_number", "position", "summary", "finding"}, elements, "", nil); err != nil {
		return err
	}
	if err := w.insertMany(ctx, "pauses", []string{"record_id", "stage_number", "position", "paused_from", "paused_to", "reason"}, pauses, "", nil); err != nil {
		return err
	}
	if err := w.insertMany(ctx, "lessons", []string{"id", "record_id", "position", "text", "no_learning"}, lessons, "", nil); err != nil {
		return err
	}
	var actions [][]any
	for _, rec := range recs {
		for _, l := range rec.Lessons {
			for j, a := range l.Actions {
				actions = append(actions, []any{l.ID, j + 1, a.Description, a.Owner, dateArg(a.Due), dateArg(a.Completed), a.Evidence})
			}
		}
	}
	return w.insertMany(ctx, "actions", []string{"lesson_id", "position", "description", "owner", "due", "completed", "evidence"}, actions, "", nil)
}
