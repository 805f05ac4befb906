package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
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
	if err := w.update(ctx, by, old[0], rec, note); err != nil {
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
}

func (d *DB) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	n, err := loadNames(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &writer{d: d, tx: tx, names: n, stmts: map[string]*sql.Stmt{}, lastIDs: map[string]int64{}}, nil
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

const updateRecordSQL = `UPDATE records SET reference = $1, type = $2, received = $3, service_area_id = $4, team_id = $5,
	procedure = $6, theme_id = $7, complainant_name = $8, complainant_type = $9, young_person = $10, advocacy = $11,
	channel = $12, summary = $13, related_reference = $14, redirected_to = $15, ombudsman_reference = $16,
	ombudsman_decision = $17, ombudsman_decided = $18, ombudsman_remedy = $19, ombudsman_remedy_pence = $20,
	ombudsman_complied = $21, closed = $22, s1_deadline = $23, s1_extended_to = $24, s1_responded = $25,
	s1_outcome = $26, s1_response_days = $27, reference_key = $28, related_key = $29, complainant_key = $30,
	updated_at = $31, version = version + 1
WHERE id = $32 AND version = $33`

func (w *writer) recordArgs(ctx context.Context, rec *heed.Record) ([]any, error) {
	area, team, theme, err := w.names.ids(ctx, w.tx, rec)
	if err != nil {
		return nil, err
	}
	o := rec.Ombudsman
	if o == nil {
		o = &heed.OmbudsmanCase{}
	}
	var s1 heed.Stage
	if s := rec.Stage(1); s != nil {
		s1 = *s
	}
	return []any{rec.Reference, string(rec.Type), dateArg(rec.Received), area, team, string(rec.Procedure), theme,
		rec.ComplainantName, string(rec.ComplainantType), rec.YoungPerson, string(rec.Advocacy), string(rec.Channel),
		rec.Summary, rec.RelatedReference, string(rec.RedirectedTo),
		o.Reference, string(o.Decision), dateArg(o.Decided), string(o.RemedyType), o.RemedyPence, dateArg(o.Complied),
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

func (w *writer) update(ctx context.Context, by heed.Actor, old, rec *heed.Record, note string) error {
	w.names.canonical(rec)
	changes := heed.Diff(old.Fields(), rec.Fields())
	if len(changes) == 0 && rec.Version == old.Version {
		return nil // nothing changed: no new version, no history line
	}
	args, err := w.recordArgs(ctx, rec)
	if err != nil {
		return err
	}
	res, err := w.exec(ctx, updateRecordSQL, append(args, rec.ID, rec.Version)...)
	if err != nil {
		if isUniqueViolation(err) {
			return heed.Errorf(heed.ECONFLICT, "A record with the reference %q already exists.", rec.Reference)
		}
		return fmt.Errorf("update record: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return heed.Errorf(heed.ECONFLICT,
			"Record %s was changed by someone else (it is now at version %d; you edited version %d). Nothing was saved: reload it to see their changes, then make yours again.",
			old.Reference, old.Version, rec.Version)
	}
	rec.Version++
	if err := w.deleteChildren(ctx, rec.ID); err != nil {
		return err
	}
	if err := w.insertParts(ctx, []*heed.Record{rec}); err != nil {
		return err
	}
	c := counts{}
	if err := w.addCount(ctx, c, old, -1); err != nil {
		return err
	}
	if err := w.addCount(ctx, c, rec, +1); err != nil {
		return err
	}
	if err := w.saveCounts(ctx, c); err != nil {
		return err
	}
	return w.audit(ctx, heed.AuditEntry{RecordID: rec.ID, Actor: by.Name, Action: heed.AuditUpdated, Note: note, Changes: changes})
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
	return nil
}

// recordColumns are a record's columns, after the names of its service
// area, team and theme: recordNames with recordFrom's joins for many
// records, recordNamesLookedUp for one. For one record three lookups by key
// cost PostgreSQL about a tenth less than the joins, which read the three
// small tables whole; for a page of records the joins cost far less.
const recordColumns = `r.id, r.reference, r.type, r.received, r.procedure,
	r.complainant_name, r.complainant_type, r.young_person, r.advocacy, r.channel, r.summary,
	r.related_reference, r.redirected_to, r.ombudsman_reference, r.ombudsman_decision, r.ombudsman_decided,
	r.ombudsman_remedy, r.ombudsman_remedy_pence, r.ombudsman_complied, r.closed, r.version, r.created_at, r.updated_at`

const recordNames = `coalesce(sa.name, ''), coalesce(tm.name, ''), coalesce(th.name, ''), `

const recordFrom = ` FROM records r
	LEFT JOIN service_areas sa ON sa.id = r.service_area_id
	LEFT JOIN teams tm ON tm.id = r.team_id
	LEFT JOIN themes th ON th.id = r.theme_id`

const recordNamesLookedUp = `coalesce((SELECT sa.name FROM service_areas sa WHERE sa.id = r.service_area_id), ''),
	coalesce((SELECT tm.name FROM teams tm WHERE tm.id = r.team_id), ''),
	coalesce((SELECT th.name FROM themes th WHERE th.id = r.theme_id), ''), `

// loadRecords reads the records matching where (a condition on r, possibly
// with ORDER BY and LIMIT) with all their parts.
func (d *DB) loadRecords(ctx context.Context, q querier, where string, args ...any) ([]*heed.Record, error) {
	return d.readRecords(ctx, q, false, where, args...)
}

// loadRecord reads the record where (a condition on r alone) selects, if
// there is one. The query that reads it also reads its stages, and tells
// which of its other parts it has, so that the parts it lacks are not asked
// for: most records have no elements, pauses or lessons (in the generated
// records, seven in eight), and on PostgreSQL each query costs a round
// trip. Every case page reads its record so.
func (d *DB) loadRecord(ctx context.Context, q querier, where string, args ...any) (*heed.Record, error) {
	recs, err := d.readRecords(ctx, q, true, where, args...)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return recs[0], nil
}

// partsPresent tells which of a record's parts are to be read: those it
// has, and not yet read.
type partsPresent struct{ stages, elements, pauses, lessons bool }

// withStagesColumns are, for loadRecord, which of a record's other parts it
// has, and one of its stages (a row for each, by number).
const withStagesColumns = `, EXISTS (SELECT 1 FROM elements p WHERE p.record_id = r.id),
	EXISTS (SELECT 1 FROM pauses p WHERE p.record_id = r.id),
	EXISTS (SELECT 1 FROM lessons p WHERE p.record_id = r.id),
	s.number, s.started, s.acknowledged, COALESCE(s.target_days, 0), s.deadline, s.extended_to,
	COALESCE(s.extension_reason, ''), COALESCE(s.investigator, ''), s.responded, COALESCE(s.outcome, ''),
	COALESCE(s.response_days, 0)`

// readRecords reads the records where selects, with their parts; with
// present, where is a condition alone, and the stages and which other parts
// each record has are read with it (for loadRecord).
func (d *DB) readRecords(ctx context.Context, q querier, present bool, where string, args ...any) ([]*heed.Record, error) {
	columns := recordColumns
	if d.hasSchema(voidedVersion) {
		columns += voidedColumns
	}
	stageColumns := withStagesColumns
	if d.hasSchema(statutoryStagesVersion) {
		// A record without stages joins none: its text columns are NULL.
		stageColumns += `, s.statement_agreed, COALESCE(s.independent_person, ''), COALESCE(s.adjudicator, ''), s.panel_met, s.panel_reported`
	}
	query := `SELECT ` + recordNames + columns + recordFrom + ` WHERE ` + where
	if present {
		query = `SELECT ` + recordNamesLookedUp + columns + stageColumns + ` FROM records r
	LEFT JOIN stages s ON s.record_id = r.id WHERE ` + where + ` ORDER BY r.id, s.number`
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	defer rows.Close()
	var recs []*heed.Record
	byID := map[int64]*heed.Record{}
	var has *partsPresent
	for rows.Next() {
		r := &heed.Record{}
		o := &heed.OmbudsmanCase{}
		var typ, proc, ctype, adv, ch, redir, dec, remedy string
		dest := []any{&r.ServiceArea, &r.Team, &r.Theme, &r.ID, &r.Reference, &typ, date{&r.Received}, &proc,
			&r.ComplainantName, &ctype, &r.YoungPerson, &adv, &ch, &r.Summary,
			&r.RelatedReference, &redir, &o.Reference, &dec, date{&o.Decided},
			&remedy, &o.RemedyPence, date{&o.Complied}, date{&r.Closed}, &r.Version, &r.CreatedAt, &r.UpdatedAt}
		var voidedAt sql.NullTime
		var void heed.Void
		if d.hasSchema(voidedVersion) {
			dest = append(dest, &voidedAt, &void.By, &void.Reason)
		}
		var stage sql.NullInt64
		var st heed.Stage
		var outcome string
		if present {
			has = &partsPresent{}
			dest = append(dest, &has.elements, &has.pauses, &has.lessons,
				&stage, date{&st.Started}, date{&st.Acknowledged}, &st.TargetDays, date{&st.Deadline}, date{&st.ExtendedTo},
				&st.ExtensionReason, &st.Investigator, date{&st.Responded}, &outcome, &st.ResponseDays)
			if d.hasSchema(statutoryStagesVersion) {
				dest = append(dest, statutoryStageFields(&st)...)
			}
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("read record: %w", err)
		}
		if present && len(recs) > 0 && recs[len(recs)-1].ID == r.ID {
			r = recs[len(recs)-1] // the record's next stage
		} else {
			r.Type, r.Procedure, r.ComplainantType = heed.RecordType(typ), heed.ProcedureID(proc), heed.ComplainantType(ctype)
			r.Advocacy, r.Channel, r.RedirectedTo = heed.Advocacy(adv), heed.Channel(ch), heed.Redirection(redir)
			o.Decision, o.RemedyType = heed.OmbudsmanDecision(dec), heed.RemedyType(remedy)
			if !o.IsZero() {
				r.Ombudsman = o
			}
			if voidedAt.Valid {
				void.At = voidedAt.Time.UTC()
				r.Voided = &void
			}
			recs = append(recs, r)
			byID[r.ID] = r
		}
		if stage.Valid {
			st.Number, st.Outcome = int(stage.Int64), heed.Outcome(outcome)
			r.Stages = append(r.Stages, st)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	rows.Close()
	if len(recs) == 0 {
		return recs, nil
	}
	if present && len(recs) > 1 {
		has = &partsPresent{elements: true, pauses: true, lessons: true} // one record's flags say nothing of the rest
	}
	if err := d.loadParts(ctx, q, recs, byID, has); err != nil {
		return nil, err
	}
	return recs, nil
}

// loadParts reads the stages, elements, pauses, lessons and actions of recs:
// with has, only those it says there are. On PostgreSQL, reading through
// the pool, the queries go together in one round trip (see pipeline): a
// record with elements and lessons cost four after its own.
func (d *DB) loadParts(ctx context.Context, q querier, recs []*heed.Record, byID map[int64]*heed.Record, has *partsPresent) error {
	if has == nil {
		has = &partsPresent{true, true, true, true}
	}
	// One record's parts are read with its id as an argument, so that the
	// queries of every case page are the same five statements, kept
	// prepared; a page of records has its ids written in.
	in, arg := "= $1", []any{recs[0].ID}
	if len(recs) > 1 {
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i] = strconv.FormatInt(r.ID, 10) // integers from the database: safe to write in
		}
		in, arg = "IN ("+strings.Join(ids, ",")+")", nil
	}
	var parts []piped
	// part queues the query of one kind of part, when present: a record
	// that has none of it is not asked for it.
	part := func(present bool, query string, row func(rowScanner) error) {
		if present {
			parts = append(parts, piped{query, arg, row})
		}
	}
	statutory := ""
	if d.hasSchema(statutoryStagesVersion) {
		statutory = statutoryStageColumns
	}
	part(has.stages, `SELECT record_id, number, started, acknowledged, target_days, deadline, extended_to,
		extension_reason, investigator, responded, outcome, coalesce(response_days, 0)`+statutory+` FROM stages WHERE record_id `+in+` ORDER BY record_id, number`,
		func(r rowScanner) error {
			var id int64
			var s heed.Stage
			var outcome string
			dest := []any{&id, &s.Number, date{&s.Started}, date{&s.Acknowledged}, &s.TargetDays, date{&s.Deadline},
				date{&s.ExtendedTo}, &s.ExtensionReason, &s.Investigator, date{&s.Responded}, &outcome, &s.ResponseDays}
			if statutory != "" {
				dest = append(dest, statutoryStageFields(&s)...)
			}
			if err := r.Scan(dest...); err != nil {
				return fmt.Errorf("read stages: %w", err)
			}
			s.Outcome = heed.Outcome(outcome)
			byID[id].Stages = append(byID[id].Stages, s)
			return nil
		})
	part(has.elements, `SELECT record_id, stage_number, summary, finding FROM elements
		WHERE record_id `+in+` ORDER BY record_id, stage_number, position`,
		func(r rowScanner) error {
			var id int64
			var n int
			var e heed.Element
			var finding string
			if err := r.Scan(&id, &n, &e.Summary, &finding); err != nil {
				return fmt.Errorf("read elements: %w", err)
			}
			e.Finding = heed.Finding(finding)
			if s := byID[id].Stage(n); s != nil {
				s.Elements = append(s.Elements, e)
			}
			return nil
		})
	part(has.pauses, `SELECT record_id, stage_number, paused_from, paused_to, reason FROM pauses
		WHERE record_id `+in+` ORDER BY record_id, stage_number, position`,
		func(r rowScanner) error {
			var id int64
			var n int
			var p heed.Pause
			if err := r.Scan(&id, &n, date{&p.From}, date{&p.To}, &p.Reason); err != nil {
				return fmt.Errorf("read pauses: %w", err)
			}
			if s := byID[id].Stage(n); s != nil {
				s.Pauses = append(s.Pauses, p)
			}
			return nil
		})
	// The actions are read after the lessons, which they are put in.
	lessons := map[int64]*heed.Record{}
	part(has.lessons, `SELECT record_id, id, text, no_learning FROM lessons
		WHERE record_id `+in+` ORDER BY record_id, position`,
		func(r rowScanner) error {
			var rid int64
			var l heed.Lesson
			if err := r.Scan(&rid, &l.ID, &l.Text, &l.NoLearning); err != nil {
				return fmt.Errorf("read lessons: %w", err)
			}
			byID[rid].Lessons = append(byID[rid].Lessons, l)
			lessons[l.ID] = byID[rid]
			return nil
		})
	part(has.lessons, `SELECT a.lesson_id, a.id, a.description, a.owner, a.due, a.completed, a.evidence
		FROM actions a JOIN lessons l ON l.id = a.lesson_id
		WHERE l.record_id `+in+` ORDER BY a.lesson_id, a.position`,
		func(r rowScanner) error {
			var lid int64
			var a heed.Action
			if err := r.Scan(&lid, &a.ID, &a.Description, &a.Owner, date{&a.Due}, date{&a.Completed}, &a.Evidence); err != nil {
				return fmt.Errorf("read actions: %w", err)
			}
			rec := lessons[lid]
			for i := range rec.Lessons {
				if rec.Lessons[i].ID == lid {
					rec.Lessons[i].Actions = append(rec.Lessons[i].Actions, a)
				}
			}
			return nil
		})
	if d.dialect == Postgres && q == querier(d.db) && len(parts) > 1 {
		if err := d.pipeline(ctx, parts...); err != nil {
			return fmt.Errorf("read a record's parts: %w", err)
		}
		return nil
	}
	for _, p := range parts {
		if err := eachRowArgs(ctx, q, p.query, p.args, func(r *sql.Rows) error { return p.row(r) }); err != nil {
			return fmt.Errorf("read a record's parts: %w", err)
		}
	}
	return nil
}

func eachRow(ctx context.Context, q querier, query string, fn func(*sql.Rows) error) error {
	return eachRowArgs(ctx, q, query, nil, fn)
}
