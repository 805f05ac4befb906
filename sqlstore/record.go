package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var _ heed.RecordService = (*DB)(nil)

// FindRecordByReference returns the record with that reference.
func (d *DB) FindRecordByReference(ctx context.Context, reference string) (*heed.Record, error) {
	return d.findOne(ctx, `r.reference_key = $1`, heed.NameKey(reference), fmt.Sprintf("There is no record with the reference %q.", reference))
}

// FindRecordByID returns the record with that id.
func (d *DB) FindRecordByID(ctx context.Context, id int64) (*heed.Record, error) {
	return d.findOne(ctx, `r.id = $1`, id, fmt.Sprintf("There is no record number %d.", id))
}

func (d *DB) findOne(ctx context.Context, where string, arg any, notFound string) (*heed.Record, error) {
	rec, err := d.loadRecord(ctx, d.db, where, arg)
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, &heed.Error{Code: heed.ENOTFOUND, Message: notFound}
	}
	return rec, nil
}

// FindRecords returns the records the filter selects, by received date then
// reference, and how many match in all.
func (d *DB) FindRecords(ctx context.Context, f heed.RecordFilter) ([]*heed.Record, int, error) {
	where, args := filterSQL(f)
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM records r WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count records: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	q := fmt.Sprintf(`%s ORDER BY r.received, r.reference LIMIT %d OFFSET %d`, where, limit, max(f.Offset, 0))
	recs, err := d.loadRecords(ctx, d.db, q, args...)
	return recs, total, err
}

func filterSQL(f heed.RecordFilter) (string, []any) {
	conds := []string{"r.voided_at IS NULL"}
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, fmt.Sprintf(cond, len(args)))
	}
	if f.Type != "" {
		add("r.type = $%d", string(f.Type))
	}
	if !f.ReceivedFrom.IsZero() {
		add("r.received >= $%d", f.ReceivedFrom.String())
	}
	if !f.ReceivedTo.IsZero() {
		add("r.received <= $%d", f.ReceivedTo.String())
	}
	return strings.Join(conds, " AND "), args
}

// EachRecord calls fn with every record in id order, bar those voided,
// reading a page at a time so that a million records are never held at
// once.
func (d *DB) EachRecord(ctx context.Context, fn func(*heed.Record) error) error {
	return d.eachRecord(ctx, d.db, fn)
}

func (d *DB) eachRecord(ctx context.Context, q querier, fn func(*heed.Record) error) error {
	const page = 2000
	var after int64
	for {
		recs, err := d.loadRecords(ctx, q, fmt.Sprintf(`r.id > $1 AND %s ORDER BY r.id LIMIT %d`, d.notVoided("r.voided_at"), page), after)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(recs) < page {
			return nil
		}
		after = recs[len(recs)-1].ID
	}
}

// CreateRecord validates and stores a new record.
func (d *DB) CreateRecord(ctx context.Context, by heed.Actor, rec *heed.Record) error {
	cal, err := d.Calendar(ctx)
	if err != nil {
		return err
	}
	if err := d.check(cal, nil, rec); err != nil {
		return err
	}
	_, err = d.ImportRecords(ctx, by, []*heed.Record{rec}, heed.ImportOptions{Note: "recorded"})
	if heed.ErrorCode(err) == heed.ECONFLICT {
		return &heed.Error{Code: heed.ECONFLICT, Message: fmt.Sprintf("A record with the reference %s already exists.", rec.Reference),
			Fields: heed.FieldErrors{{Field: "reference", Message: fmt.Sprintf("%s is already the reference of another record", rec.Reference)}}}
	}
	if ps := heed.ErrorProblems(err); ps != nil && heed.ErrorCode(err) == heed.EINVALID {
		// One record's problems are its fields'.
		var fields heed.FieldErrors
		for _, p := range ps {
			fields = append(fields, heed.FieldError{Field: p.Field, Message: p.Message})
		}
		return &heed.Error{Code: heed.EINVALID, Message: fields.Error(), Fields: fields}
	}
	return err
}

// check normalizes rec and returns its broken rules as an EINVALID error
// that lists them by field. was is the record as stored when rec changes
// it, or nil for a new record (see heed.Rules.CheckChange). It takes the
// calendar rather than reading it: inside a write transaction, waiting for
// the calendar's lock could wait for a writer that holds it.
func (d *DB) check(cal *calendar.Calendar, was, rec *heed.Record) error {
	rules := d.rules.get()
	rules.Normalize(rec)
	if errs := rules.CheckChange(cal, was, rec, d.today()); len(errs) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	return nil
}

// UpdateRecord saves rec over the stored version rec.Version, or refuses
// with ECONFLICT when someone else saved it first. It is checked as a
// change to the record stored: what the change brings is refused, not what
// the record already had (see heed.Rules.CheckChange).
func (d *DB) UpdateRecord(ctx context.Context, by heed.Actor, rec *heed.Record) error {
	return d.ChangeRecord(ctx, by, rec, "")
}

// ChangeRecord is UpdateRecord with the reason for the change, which its
// line of history gives.
func (d *DB) ChangeRecord(ctx context.Context, by heed.Actor, rec *heed.Record, reason string) error {
	was := rec.Clone()
	_, err := retryDeadlocks(func() (struct{}, error) {
		*rec = *was.Clone() // a try rolled back leaves the record as given
		return struct{}{}, d.changeRecord(ctx, by, rec, reason)
	})
	return err
}

func (d *DB) changeRecord(ctx context.Context, by heed.Actor, rec *heed.Record, reason string) error {
	note := "edited"
	if reason != "" {
		if msg := heed.CheckReason(reason); msg != "" {
			return &heed.Error{Code: heed.EINVALID, Message: msg, Fields: heed.FieldErrors{{Field: "change_reason", Message: msg}}}
		}
		note = reason
	}
	cal, err := d.Calendar(ctx)
	if err != nil {
		return err
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("update record: %w", err)
	}
	defer tx.Rollback()
	old, err := d.loadRecords(ctx, tx, `r.id = $1`, rec.ID)
	if err != nil {
		return err
	}
	if len(old) == 0 {
		return heed.Errorf(heed.ENOTFOUND, "There is no record number %d.", rec.ID)
	}
	if old[0].Voided != nil {
		return heed.Errorf(heed.EINVALID, "Record %s was voided as entered in error: an administrator must restore it before it can be changed.", old[0].Reference)
	}
	if err := d.check(cal, old[0], rec); err != nil {
		return err
	}
	d.rules.get().ApplyClocksChange(cal, old[0], rec)
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	if errs := w.names.lookalikes(rec); len(errs) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	if _, err := w.update(ctx, by, old[0], rec, note); err != nil {
		return err
	}
	if err := d.allocated(ctx, tx, old[0], rec); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if areas, _, _ := w.names.created(); len(areas) > 0 {
		d.forgetAreas()
	}
	return nil
}

// writer writes records inside one transaction with prepared statements.
type writer struct {
	d     *DB
	tx    *sql.Tx
	names *names
	stmts map[string]*sql.Stmt

	lastIDs map[string]int64 // on SQLite, the last id given out by newIDs, by table
	copier  *sql.Conn        // on PostgreSQL, tx's connection when rows may go by COPY
	// reserveIDs is set on PostgreSQL when tx holds records and lessons
	// alone (see bulkLoad.exclusive): newIDs then takes a batch's ids from
	// their sequences at once.
	reserveIDs bool
	// copyDates are the positions of the date columns of each table and
	// column list copied into (see dateColumns).
	copyDates map[string][]int
	// counts, when not nil, gathers the new records' record_counts across
	// batches, saved once countsHeld are held and by saveHeldCounts.
	counts *counts
}

func (d *DB) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	n, err := d.loadNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &writer{d: d, tx: tx, names: n, stmts: map[string]*sql.Stmt{}, lastIDs: map[string]int64{},
		copyDates: map[string][]int{}}, nil
}

func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// exec runs a statement, preparing it the first time.
func (w *writer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// stmt returns query prepared in the writer's transaction, preparing it
// the first time.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := w.stmts[query]; ok {
		return s, nil
	}
	s, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = s
	return s, nil
}

// updateRecordSQL is the UPDATE of a record's own columns, and of the
// later columns in place, from the arguments recordArgs gives and theirs,
// then its id and the version it was read at.
func updateRecordSQL(later []laterColumn[heed.Record]) string {
	var b strings.Builder
	b.WriteString(`UPDATE records SET reference = $1, type = $2, received = $3, service_area_id = $4, team_id = $5,
	procedure = $6, theme_id = $7, complainant_name = $8, complainant_type = $9, young_person = $10, advocacy = $11,
	channel = $12, summary = $13, related_reference = $14, redirected_to = $15, ombudsman_reference = $16,
	ombudsman_decision = $17, ombudsman_decided = $18, ombudsman_remedy = $19, ombudsman_remedy_pence = $20,
	ombudsman_complied = $21, closed = $22, s1_deadline = $23, s1_extended_to = $24, s1_responded = $25,
	s1_outcome = $26, s1_response_days = $27, reference_key = $28, related_key = $29, complainant_key = $30,
	updated_at = $31, version = version + 1`)
	n := 31
	for _, c := range later {
		n++
		fmt.Fprintf(&b, ", %s = $%d", c.name, n)
	}
	fmt.Fprintf(&b, " WHERE id = $%d AND version = $%d", n+1, n+2)
	return b.String()
}

func (w *writer) recordArgs(ctx context.Context, rec *heed.Record) ([]any, error) {
	area, team, theme, err := w.names.ids(ctx, w.tx, rec)
	if err != nil {
		return nil, err
	}
	o := rec.Ombudsman
	if o == nil {
		o = &heed.OmbudsmanCase{}
	}
	// Before migration 28 a record held one remedy, in its own columns;
	// since, they are left empty.
	var old heed.Remedy
	if !w.d.hasSchema(ombudsmanPartsVersion) && len(o.Remedies) > 0 {
		old = o.Remedies[0]
	}
	var s1 heed.Stage
	if s := rec.Stage(1); s != nil {
		s1 = *s
	}
	return []any{rec.Reference, string(rec.Type), dateArg(rec.Received), area, team, string(rec.Procedure), theme,
		rec.ComplainantName, string(rec.ComplainantType), rec.YoungPerson, string(rec.Advocacy), string(rec.Channel),
		rec.Summary, rec.RelatedReference, string(rec.RedirectedTo),
		o.Reference, string(o.Decision), dateArg(o.Decided), string(old.Type), old.Pence, dateArg(old.Complied),
		dateArg(rec.Closed), dateArg(s1.Deadline), dateArg(s1.ExtendedTo), dateArg(s1.Responded), string(s1.Outcome),
		responseDays(s1), heed.NameKey(rec.Reference), heed.NameKey(rec.RelatedReference), heed.NameKey(rec.ComplainantName),
		w.d.now().UTC()}, nil
}

// responseDays is a stage's working days to respond, or NULL while it is
// unanswered.
func responseDays(s heed.Stage) any {
	if s.Responded.IsZero() {
		return nil
	}
	return s.ResponseDays
}

// update saves rec, read as old, with a line in its history, and says
// whether anything changed: a record given as it is stored keeps its
// version, and has no line.
func (w *writer) update(ctx context.Context, by heed.Actor, old, rec *heed.Record, note string) (changed bool, err error) {
	w.names.canonical(rec)
	changes := heed.Diff(old.Fields(), rec.Fields())
	if len(changes) == 0 && rec.Version == old.Version {
		return false, nil // nothing changed: no new version, no history line
	}
	args, err := w.recordArgs(ctx, rec)
	if err != nil {
		return false, err
	}
	later := recordColumnsWritten(w.d)
	args = append(args, values(later, rec)...)
	res, err := w.exec(ctx, updateRecordSQL(later), append(args, rec.ID, rec.Version)...)
	if err != nil {
		if isUniqueViolation(err) {
			return false, heed.Errorf(heed.ECONFLICT, "A record with the reference %q already exists.", rec.Reference)
		}
		return false, fmt.Errorf("update record: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, heed.Errorf(heed.ECONFLICT,
			"Record %s was changed by someone else (it is now at version %d; you edited version %d). Nothing was saved: reload it to see their changes, then make yours again.",
			old.Reference, old.Version, rec.Version)
	}
	rec.Version++
	if err := w.deleteChildren(ctx, rec.ID); err != nil {
		return false, err
	}
	if err := w.insertParts(ctx, []*heed.Record{rec}); err != nil {
		return false, err
	}
	c := newCounts()
	if err := w.addCount(ctx, c, old, -1); err != nil {
		return false, err
	}
	if err := w.addCount(ctx, c, rec, +1); err != nil {
		return false, err
	}
	if err := w.saveCounts(ctx, c); err != nil {
		return false, err
	}
	return true, w.audit(ctx, heed.AuditEntry{RecordID: rec.ID, Actor: by.Name, Action: heed.AuditUpdated, Note: note, Changes: changes})
}

func (w *writer) deleteChildren(ctx context.Context, id int64) error {
	for _, q := range []string{
		`DELETE FROM actions WHERE lesson_id IN (SELECT id FROM lessons WHERE record_id = $1)`,
		`DELETE FROM lessons WHERE record_id = $1`,
		`DELETE FROM elements WHERE record_id = $1`,
		`DELETE FROM pauses WHERE record_id = $1`,
		`DELETE FROM stages WHERE record_id = $1`,
	} {
		if _, err := w.exec(ctx, q, id); err != nil {
			return fmt.Errorf("replace record parts: %w", err)
		}
	}
	if !w.d.hasSchema(ombudsmanPartsVersion) {
		return nil
	}
	for _, q := range []string{
		`DELETE FROM ombudsman_remedies WHERE record_id = $1`,
		`DELETE FROM ombudsman_recommendations WHERE record_id = $1`,
	} {
		if _, err := w.exec(ctx, q, id); err != nil {
			return fmt.Errorf("replace record parts: %w", err)
		}
	}
	return nil
}
