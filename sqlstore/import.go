package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// importBatch is how many records an import writes at a time: it holds no
// more than that in memory, however large the file.
const importBatch = 1000

// analyzeAfter is the number of new records after which an import on
// PostgreSQL refreshes the planner's statistics.
const analyzeAfter = 10000

// ImportRecords stores every record in one transaction, or none.
func (d *DB) ImportRecords(ctx context.Context, by heed.Actor, recs []*heed.Record, opts heed.ImportOptions) (heed.ImportSummary, error) {
	return d.ImportFrom(ctx, by, heed.RecordList(recs), opts)
}

// ImportFrom reads src twice: first it checks every record (the rules of
// each, references used twice or already stored, names that look like
// others) and, when any is wrong, saves nothing and returns every problem
// by row; then it reads the records again and stores them all in one
// transaction, a batch at a time, or none of them.
func (d *DB) ImportFrom(ctx context.Context, by heed.Actor, src heed.ImportSource, opts heed.ImportOptions) (heed.ImportSummary, error) {
	cal, err := d.Calendar(ctx)
	if err != nil {
		return heed.ImportSummary{}, err
	}
	rules := d.rules.get() // the same rules for both readings
	n, err := d.checkImport(ctx, src, rules, cal, opts)
	if err != nil {
		return heed.ImportSummary{}, err
	}
	return d.writeImport(ctx, by, src, n, rules, cal, opts)
}

// importCheck gathers an import's problems while its source is read.
type importCheck struct {
	d        *DB
	rows     map[uint64]int32 // each reference's key's hash, to the first row with it
	seed     maphash.Seed
	pending  []pendingRef // references yet to be looked up in the store
	problems heed.ProblemList
	stored   []string // the first references found stored already, with their rows
	nStored  int      // how many references are stored already
	updates  []checkLater
}

// checkLater is a record of an import with --update, checked once the
// record it may replace is read.
type checkLater struct {
	rec *heed.Record
	row int
}

// addProblems adds a record's broken rules as problems of its row.
func (c *importCheck) addProblems(row int, rec *heed.Record, errs heed.FieldErrors) {
	for _, fe := range errs {
		c.problems.Add(heed.Problem{Row: row, Reference: rec.Reference, Field: fe.Field, Message: fe.Message})
	}
}

// checkUpdates checks the records waiting in c.updates: one that replaces
// a stored record as a change to it (Rules.CheckChange), so that what
// was valid when it was recorded, such as an extension within a maximum
// since lowered, stays valid; a new one as a new record.
func (c *importCheck) checkUpdates(ctx context.Context, rules heed.Rules, cal *calendar.Calendar) error {
	if len(c.updates) == 0 {
		return nil
	}
	keys := make([]string, len(c.updates))
	for i, u := range c.updates {
		keys[i] = heed.NameKey(u.rec.Reference)
	}
	var args []any
	recs, err := c.d.loadRecords(ctx, c.d.db, `r.reference_key IN (`+inList(&args, keys)+`)`, args...)
	if err != nil {
		return err
	}
	stored := make(map[string]*heed.Record, len(recs))
	for _, r := range recs {
		stored[heed.NameKey(r.Reference)] = r
	}
	today := c.d.today()
	for i, u := range c.updates {
		if was, ok := stored[keys[i]]; ok && was.Voided != nil {
			c.problems.Add(heed.Problem{Row: u.row, Reference: u.rec.Reference, Field: "reference", Message: fmt.Sprintf(
				"the record %s was voided as entered in error: an administrator must restore it before it can be replaced", was.Reference)})
		} else if ok {
			c.addProblems(u.row, u.rec, rules.CheckChange(cal, was, u.rec, today))
		} else {
			c.addProblems(u.row, u.rec, rules.Check(cal, u.rec, today))
		}
	}
	c.updates = c.updates[:0]
	return nil
}

type pendingRef struct {
	key, reference string
	row            int
}

// checkImport reads src once and returns how many records it holds, and
// the import's problems, if any, as an *heed.Error; it writes nothing.
func (d *DB) checkImport(ctx context.Context, src heed.ImportSource, rules heed.Rules, cal *calendar.Calendar, opts heed.ImportOptions) (int, error) {
	n, err := d.loadNames(ctx, d.db)
	if err != nil {
		return 0, err
	}
	n.newNames = opts.NewNames
	c := &importCheck{d: d, rows: map[uint64]int32{}, seed: maphash.MakeSeed()}
	// Into an empty store no reference is stored already: a first import
	// looks none up (a record saved by someone else meanwhile is refused
	// by the unique index when the import writes, as insertNew says).
	var empty bool
	if err := d.db.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM records)`).Scan(&empty); err != nil {
		return 0, fmt.Errorf("import: %w", err)
	}
	records := 0
	check := func(rec *heed.Record, row int) error {
		records++
		if opts.Update && rec.Reference != "" {
			// Checked as a change to the record it replaces, once that is
			// read (see checkUpdates).
			c.updates = append(c.updates, checkLater{rec, row})
		} else {
			c.addProblems(row, rec, rules.Check(cal, rec, d.today()))
		}
		if len(c.updates) == 500 {
			if err := c.checkUpdates(ctx, rules, cal); err != nil {
				return err
			}
		}
		for _, fe := range n.lookalikes(rec) {
			c.problems.Add(heed.Problem{Row: row, Reference: rec.Reference, Field: fe.Field, Message: fe.Message})
		}
		if fe := n.checkDirectorate(rec); fe != nil {
			c.problems.Add(heed.Problem{Row: row, Reference: rec.Reference, Field: fe.Field, Message: fe.Message})
		}
		if rec.Reference == "" {
			return nil
		}
		key := heed.NameKey(rec.Reference)
		// A hash, not the key, keeps a million references in a few MB; two
		// keys share one by chance about once in 10^7 imports of a million.
		hash := maphash.String(c.seed, key)
		if first, ok := c.rows[hash]; ok {
			c.problems.Add(heed.Problem{Row: row, Reference: rec.Reference, Field: "reference",
				Message: fmt.Sprintf("the reference %s is already used on row %d: each record needs its own", rec.Reference, first)})
			return nil
		}
		c.rows[hash] = int32(row)
		if !opts.Update && !empty {
			c.pending = append(c.pending, pendingRef{key, rec.Reference, row})
			if len(c.pending) == 500 {
				return c.lookUp(ctx)
			}
		}
		return nil
	}
	err = readAhead(ctx, src, rules.Normalize, func(batch []numbered) error {
		for _, r := range batch {
			if err := check(r.rec, r.row); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		err = c.lookUp(ctx)
	}
	if err == nil {
		err = c.checkUpdates(ctx, rules, cal)
	}
	if !c.problems.AddError(err) && err != nil {
		return 0, err
	}
	if c.nStored > 0 {
		list := strings.Join(c.stored, ", ")
		if c.nStored > len(c.stored) {
			list += fmt.Sprintf(" and %d more", c.nStored-len(c.stored))
		}
		what := "records with these references already exist"
		if c.nStored == 1 {
			what = "a record with this reference already exists"
		}
		c.problems.Add(heed.Problem{Field: "reference", Message: fmt.Sprintf("%s: %s. Give --update to replace them, or remove those rows", what, list)})
	}
	if err := c.problems.Err(c.nStored > 0 && len(c.problems.Problems) == 1); err != nil {
		return 0, err
	}
	return records, nil
}

// lookUp finds which pending references are stored already: each is a
// problem, as the import would replace that record without --update.
func (c *importCheck) lookUp(ctx context.Context) error {
	if len(c.pending) == 0 {
		return nil
	}
	keys := make([]string, len(c.pending))
	for i, p := range c.pending {
		keys[i] = p.key
	}
	stored, err := existingKeys(ctx, c.d.db, keys)
	if err != nil {
		return err
	}
	for _, p := range c.pending {
		if _, ok := stored[p.key]; ok {
			if c.nStored++; len(c.stored) < 10 {
				c.stored = append(c.stored, fmt.Sprintf("%s (row %d)", p.reference, p.row))
			}
		}
	}
	c.pending = c.pending[:0]
	return nil
}

// existingKeys maps each of the reference keys that is stored to its
// record's id.
func existingKeys(ctx context.Context, q querier, keys []string) (map[string]int64, error) {
	found := map[string]int64{}
	const chunk = 500
	for i := 0; i < len(keys); i += chunk {
		var args []any
		in := inList(&args, keys[i:min(i+chunk, len(keys))])
		err := eachRowArgs(ctx, q, `SELECT reference_key, id FROM records WHERE reference_key IN (`+in+`)`, args,
			func(r *sql.Rows) error {
				var key string
				var id int64
				err := r.Scan(&key, &id)
				found[key] = id
				return err
			})
		if err != nil {
			return nil, fmt.Errorf("look up references: %w", err)
		}
	}
	return found, nil
}

// writeImport reads src again and stores its records in one transaction,
// a batch at a time. They were checked by checkImport, under the same
// rules: the source gives the same records again, or fails.
func (d *DB) writeImport(ctx context.Context, by heed.Actor, src heed.ImportSource, n int, rules heed.Rules, cal *calendar.Calendar, opts heed.ImportOptions) (heed.ImportSummary, error) {
	var sum heed.ImportSummary
	conn, err := d.w.Conn(ctx) // the transaction's own, for COPY
	if err != nil {
		return sum, fmt.Errorf("import: %w", err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return sum, fmt.Errorf("import: %w", err)
	}
	defer tx.Rollback()
	var bulk *bulkLoad
	if n >= bulkLoadFrom {
		if bulk, err = startBulkLoad(ctx, d.dialect, tx, n); err != nil {
			return sum, err
		}
	}
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return sum, err
	}
	defer w.close()
	if d.dialect == Postgres {
		w.copier = conn
		w.reserveIDs = bulk != nil && bulk.exclusive
	}
	w.names.newNames = true // checked already
	w.names.directorates.set = true
	w.counts = newCounts()
	// On PostgreSQL the reading overlaps the server's work too.
	err = readAhead(ctx, src, func(rec *heed.Record) {
		rules.Normalize(rec)
		rules.ApplyClocks(cal, rec)
	}, func(batch []numbered) error {
		return w.importBatch(ctx, by, batch, rules, cal, opts, &sum)
	})
	if err != nil {
		return heed.ImportSummary{}, err
	}
	if err := w.saveHeldCounts(ctx); err != nil {
		return heed.ImportSummary{}, err
	}
	if err := bulk.finish(ctx, tx); err != nil {
		return heed.ImportSummary{}, err
	}
	if sum.Directorates, err = w.names.directorates.audit(ctx, d, tx, by); err != nil {
		return heed.ImportSummary{}, err
	}
	if err := tx.Commit(); err != nil {
		return heed.ImportSummary{}, fmt.Errorf("import: commit: %w", err)
	}
	sum.NewServiceAreas, sum.NewTeams, sum.NewThemes = w.names.created()
	if len(sum.NewServiceAreas) > 0 {
		d.forgetAreas()
	}
	if d.dialect == Postgres && sum.Created >= analyzeAfter {
		// PostgreSQL plans from table statistics that autovacuum refreshes
		// only a minute or so later; a second large import straight after
		// the first was planned as if the tables were still empty, and ran
		// fifteen times slower (measured with 50,000-record batches).
		if _, err := d.w.ExecContext(ctx, `ANALYZE records, stages, elements, pauses, lessons, actions, audit_log, record_counts,
			quarter_counts, theme_counts, stage_counts, response_counts, open_action_counts`); err != nil {
			return sum, fmt.Errorf("import: saved, but refreshing the table statistics failed: %w", err)
		}
	}
	return sum, nil
}

// importBatch stores a batch of an import: it replaces the records whose
// reference is stored (the import was checked to allow that) and inserts
// the rest.
func (w *writer) importBatch(ctx context.Context, by heed.Actor, rows []numbered, rules heed.Rules, cal *calendar.Calendar,
	opts heed.ImportOptions, sum *heed.ImportSummary) error {
	if len(rows) == 0 {
		return nil
	}
	batch := make([]*heed.Record, len(rows))
	for i, r := range rows {
		batch[i] = r.rec
	}
	// Without Update the check found no reference stored; one stored since
	// is refused by the unique index, as insertNew says.
	existing := map[string]int64{}
	keys := make([]string, len(batch))
	if opts.Update {
		for i, rec := range batch {
			keys[i] = heed.NameKey(rec.Reference)
		}
		var err error
		if existing, err = existingKeys(ctx, w.tx, keys); err != nil {
			return err
		}
	}
	stored, err := w.storedRecords(ctx, existing)
	if err != nil {
		return err
	}
	fresh := batch[:0:0]
	for i, rec := range batch {
		id, ok := existing[keys[i]]
		if !ok {
			fresh = append(fresh, rec)
			continue
		}
		old := stored[id]
		rec.ID, rec.Version = id, old.Version
		rules.ApplyClocksChange(cal, old, rec) // an answered stage keeps the deadline it was judged by
		changed, err := w.update(ctx, by, old, rec, opts.Note)
		if err != nil {
			return err
		}
		if changed {
			sum.Updated++
		} else {
			sum.Unchanged++
		}
	}
	if err := w.insertNew(ctx, by, fresh, opts.Note); err != nil {
		return err
	}
	sum.Created += len(fresh)
	return nil
}

// storedRecords reads the records of the ids (an import batch's references
// found stored) in one query, by id: one query a record took 18 s to read
// 100,000 of them.
func (w *writer) storedRecords(ctx context.Context, ids map[string]int64) (map[int64]*heed.Record, error) {
	byID := make(map[int64]*heed.Record, len(ids))
	if len(ids) == 0 {
		return byID, nil
	}
	var args []any
	recs, err := w.d.loadRecords(ctx, w.tx, `r.id IN (`+inList(&args, slices.Collect(maps.Values(ids)))+`)`, args...)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		byID[r.ID] = r
	}
	if len(byID) != len(ids) {
		return nil, heed.Errorf(heed.ECONFLICT, "Nothing was saved: a record the import replaces was removed meanwhile.")
	}
	return byID, nil
}
