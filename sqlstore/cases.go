package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

var _ heed.CaseService = (*DB)(nil)

// where builds a WHERE clause from conditions with $n placeholders.
type where struct {
	conds []string
	args  []any
}

// add appends a condition; each ? in it becomes the next placeholder.
func (w *where) add(cond string, args ...any) {
	for _, a := range args {
		w.args = append(w.args, a)
		cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) in(list []string) string { return inList(&w.args, list) }

// inList appends list to args and returns its placeholders, for IN (...):
// "$3, $4" after two arguments; "NULL", which nothing equals, for none.
func inList[T any](args *[]any, list []T) string {
	if len(list) == 0 {
		return "NULL"
	}
	var b strings.Builder
	for i, v := range list {
		*args = append(*args, v)
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(len(*args)))
	}
	return b.String()
}

// nameKeys returns the keys (heed.NameKey) of names.
func nameKeys(names []string) []string {
	keys := make([]string, len(names))
	for i, n := range names {
		keys[i] = heed.NameKey(n)
	}
	return keys
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// caseWhere adds to w the conditions on r of the filter, all but LinkedTo.
func (d *DB) caseWhere(w *where, f heed.CaseFilter) {
	w.conds = append(w.conds, "r.voided_at IS NULL") // entered in error: in no list
	if f.Type != "" {
		w.add("r.type = ?", string(f.Type))
	}
	if f.Procedure != "" {
		w.add("r.procedure = ?", string(f.Procedure))
	}
	if f.ServiceArea != "" {
		w.add("r.service_area_id = (SELECT id FROM service_areas WHERE name_key = ?)", heed.NameKey(f.ServiceArea))
	}
	if f.Team != "" {
		w.add("r.team_id IN (SELECT id FROM teams WHERE name_key = ?)", heed.NameKey(f.Team))
	}
	if f.Theme != "" {
		w.add("r.theme_id = (SELECT id FROM themes WHERE name_key = ?)", heed.NameKey(f.Theme))
	}
	switch f.Status {
	case heed.StatusOpen:
		w.add("r.closed IS NULL")
	case heed.StatusClosed:
		w.add("r.closed IS NOT NULL")
	}
	if f.Stage > 0 {
		w.add("EXISTS (SELECT 1 FROM stages s WHERE s.record_id = r.id AND s.number = ?)", f.Stage)
		w.add("NOT EXISTS (SELECT 1 FROM stages s WHERE s.record_id = r.id AND s.number > ?)", f.Stage)
	}
	if !f.ReceivedFrom.IsZero() {
		w.add("r.received >= ?", dateArg(f.ReceivedFrom))
	}
	if !f.ReceivedTo.IsZero() {
		w.add("r.received <= ?", dateArg(f.ReceivedTo))
	}
	if f.Unallocated {
		w.add(`r.id IN (SELECT s.record_id FROM stages s WHERE s.responded IS NULL AND s.outcome = '' AND s.investigator = '')`)
	}
	if f.Overdue {
		// An extension only moves a deadline later, so deadline < today is
		// necessary, and lets the partial index of open stages answer. A
		// stage whose clock is paused, with no end yet, is not overdue.
		w.add(`r.id IN (SELECT s.record_id FROM stages s WHERE s.responded IS NULL AND s.outcome = ''
			AND s.deadline < ? AND COALESCE(s.extended_to, s.deadline) < ? AND NOT `+openPause("s.record_id", "s.number")+`)`,
			dateArg(f.Today), dateArg(f.Today))
	}
	if terms := searchTerms(f.Search); len(terms) > 0 {
		if d.dialect == Postgres {
			q := make([]string, len(terms))
			for i, t := range terms {
				q[i] = t + ":*"
			}
			// records.search is the stored tsvector of the reference, the
			// name and the summary (migration 0009; written by searchVector
			// since 0046). Open cases have an index of their own (migration
			// 0012), which the planner takes for a subquery that asks for
			// open cases and the words alone, but not when the search is
			// one condition among others.
			if f.Status == heed.StatusOpen {
				w.add(`r.id IN (SELECT o.id FROM records o WHERE o.closed IS NULL AND o.search @@ to_tsquery('simple', ?))`, strings.Join(q, " & "))
			} else {
				w.add(`r.search @@ to_tsquery('simple', ?)`, strings.Join(q, " & "))
			}
		} else {
			q := make([]string, len(terms))
			for i, t := range terms {
				q[i] = `"` + t + `"*`
			}
			// records_search_open holds the open cases alone (migration 0012).
			index := "records_search"
			if f.Status == heed.StatusOpen {
				index = "records_search_open"
			}
			w.add("r.id IN (SELECT rowid FROM "+index+" WHERE "+index+" MATCH ?)", strings.Join(q, " "))
		}
	}
	if f.LimitedAccess || f.OnlyServiceAreas != nil || f.OnlyInvestigator != "" {
		var any []string
		if len(f.OnlyServiceAreas) > 0 {
			any = append(any, "r.service_area_id IN (SELECT id FROM service_areas WHERE name_key IN ("+w.in(nameKeys(f.OnlyServiceAreas))+"))")
		}
		if f.OnlyInvestigator != "" {
			w.args = append(w.args, f.OnlyInvestigator)
			any = append(any, fmt.Sprintf("r.id IN (SELECT record_id FROM stages WHERE investigator = $%d)", len(w.args)))
		}
		if len(any) == 0 {
			any = []string{"1 = 0"}
		}
		w.conds = append(w.conds, "("+strings.Join(any, " OR ")+")")
	}
}

// ListCases returns one page of the cases the filter selects, newest first,
// and how many there are, counted up to heed.CaseMaxTotal+1.
func (d *DB) ListCases(ctx context.Context, f heed.CaseFilter) ([]heed.CaseSummary, int, error) {
	l := d.listQuery(f, false)
	if err := eachRowArgs(ctx, d.db, l.query, l.args, func(r *sql.Rows) error { return l.row(r) }); err != nil {
		return nil, 0, fmt.Errorf("list cases: %w", err)
	}
	return l.total(ctx)
}

// caseList is one page of the cases list as it is read: its query, and
// the rows and count read so far.
type caseList struct {
	d       *DB
	f       heed.CaseFilter
	query   string
	args    []any
	out     []heed.CaseSummary
	counted int // -1 until a row is read
}

// listQuery builds the query of a page of the cases the filter selects.
// With onlyMore, a query that counts the cases as it picks the page counts
// only one past the page: enough to tell whether there are more.
func (d *DB) listQuery(f heed.CaseFilter, onlyMore bool) *caseList {
	limit := f.Limit
	if limit <= 0 {
		limit = 25
	}
	f.Offset = max(f.Offset, 0)
	// The page is chosen first, from the index where the filter allows, and
	// only its rows are then read in full: a million records have about a
	// thousand received on one day, and sorting those by id with every
	// column and stage subquery computed cost 10 ms a page on SQLite.
	//
	// The page's size and place are written into the query, not passed as
	// values: PostgreSQL plans a query anew for each set of values when it
	// guesses that a plan made without them would be worse, and not knowing
	// the limit it always guessed so; planning then cost three times what
	// running the query did.
	//
	// A search's matches come from the full-text index, which costs as much
	// again to count as to choose a page from, and a record's linked records
	// are a union of lookups: both are counted (up to heed.CaseMaxTotal+1)
	// as the page is chosen.
	countAsPicked := len(searchTerms(f.Search)) > 0 || f.LinkedTo != nil
	n := f.Offset + limit
	switch {
	case countAsPicked && onlyMore:
		n = f.Offset + limit + 1
	case countAsPicked:
		n = heed.CaseMaxTotal + 1
	}
	w, from := d.casesFrom(f, n)
	// A page that is not full ends the list, and so tells how many there
	// are; a full one is counted (up to heed.CaseMaxTotal+1) by a subquery
	// that runs only then. On PostgreSQL a query of its own for the count
	// cost the cases list a round trip more.
	if f.LinkedTo != nil {
		f.Sort, f.Descending = "", false // linked records are newest first
	}
	order, key, nullable := d.caseOrder(f)
	// Sorted otherwise than newest first, the page carries its key, k, to
	// be put in order again by it: the key may be of a table joined only
	// to pick the page (see caseJoin).
	pickKey, outerOrder := "", order
	if f.Sort != "" {
		pickKey, outerOrder = ", "+key+" AS k", orderBy("p.k", "r.id", f.Descending, nullable)
	}
	pick := fmt.Sprintf(`SELECT p.*, CASE WHEN count(*) OVER () < %[2]d THEN %[3]d + count(*) OVER ()
		ELSE (SELECT count(*) FROM (SELECT 1 FROM %[1]s LIMIT %[4]d) c) END AS total
		FROM (SELECT r.id%[6]s FROM %[1]s ORDER BY %[5]s LIMIT %[2]d OFFSET %[3]d) p`,
		from, limit, f.Offset, heed.CaseMaxTotal+1, order, pickKey)
	switch {
	case f.LinkedTo != nil:
		// Each arm of the union stops at n already.
		pick = fmt.Sprintf(`SELECT r.*, count(*) OVER () AS total FROM %s
			ORDER BY r.received DESC, r.id DESC LIMIT %d OFFSET %d`, from, limit, f.Offset)
	case countAsPicked:
		pick = fmt.Sprintf(`SELECT r.id, r.k, r.total FROM (SELECT r.id, r.k, count(*) OVER () AS total
			FROM (SELECT r.id, %s AS k FROM %s ORDER BY %s LIMIT %d) r) r
			ORDER BY %s LIMIT %d OFFSET %d`, key, from, order, n, orderBy("r.k", "r.id", f.Descending || f.Sort == "", nullable), limit, f.Offset)
	}
	// Who holds the latest open stage, by their full name (see
	// heed.OpenStage.Holder).
	// Stages whose clock is paused, with no end yet, have no due day.
	stage := `COALESCE((SELECT max(s.number) FROM stages s WHERE s.record_id = r.id), 0),
		(SELECT min(COALESCE(s.extended_to, s.deadline)) FROM stages s WHERE s.record_id = r.id AND s.responded IS NULL AND s.outcome = ''
			AND NOT ` + openPause("s.record_id", "s.number") + `),
		EXISTS (SELECT 1 FROM stages s WHERE s.record_id = r.id AND s.responded IS NULL AND s.outcome = ''
			AND ` + openPause("s.record_id", "s.number") + `),
		COALESCE((SELECT COALESCE(NULLIF(u.display_name, ''), u.username, s.investigator) FROM stages s
			LEFT JOIN users u ON u.username = s.investigator
			WHERE s.record_id = r.id AND s.responded IS NULL AND s.outcome = '' AND s.investigator <> ''
			ORDER BY s.number DESC LIMIT 1), '')`
	rows, totalColumn := fmt.Sprintf(`(%s) p JOIN records r ON r.id = p.id`, pick), "p.total"
	if f.LinkedTo != nil {
		// Linked records are listed without their stages: two fewer
		// lookups a row. On PostgreSQL the union picked them with their
		// columns (see casesFrom).
		stage = `0, NULL, FALSE, ''`
		if d.dialect == Postgres {
			rows, totalColumn = fmt.Sprintf(`(%s) r`, pick), "r.total"
		}
	}
	q := fmt.Sprintf(`SELECT r.id, r.reference, r.type, r.received, COALESCE(a.name, ''), r.procedure, COALESCE(t.name, ''),
		r.complainant_name, r.closed, %s, %s
	FROM %s
	LEFT JOIN service_areas a ON a.id = r.service_area_id
	LEFT JOIN themes t ON t.id = r.theme_id
	ORDER BY %s`, stage, totalColumn, rows, outerOrder)
	return &caseList{d: d, f: f, query: q, args: w.args, out: make([]heed.CaseSummary, 0, limit), counted: -1}
}

// row reads one row of the page.
func (l *caseList) row(r rowScanner) error {
	var c heed.CaseSummary
	var typ, proc string
	if err := r.Scan(&c.ID, &c.Reference, &typ, date{&c.Received}, &c.ServiceArea, &proc, &c.Theme,
		&c.ComplainantName, date{&c.Closed}, &c.Stage, date{&c.Due}, &c.Paused, &c.Holder, &l.counted); err != nil {
		return err
	}
	c.Type, c.Procedure = heed.RecordType(typ), heed.ProcedureID(proc)
	l.out = append(l.out, c)
	return nil
}

// total returns the page read, with how many cases the filter selects.
// Every page's query counts them with its rows; an empty page has no row to
// say it, and past the first page is counted on its own.
func (l *caseList) total(ctx context.Context) ([]heed.CaseSummary, int, error) {
	if l.counted >= 0 {
		return l.out, min(l.counted, heed.CaseMaxTotal+1), nil
	}
	if l.f.Offset == 0 {
		return l.out, 0, nil
	}
	var total int
	w, from := l.d.casesFrom(l.f, heed.CaseMaxTotal+1)
	err := l.d.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM %s LIMIT %d) t`,
		from, heed.CaseMaxTotal+1), w.args...).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("count cases: %w", err)
	}
	return l.out, total, nil
}

// more returns the page read, and whether the filter selects cases after
// it.
func (l *caseList) more(ctx context.Context) ([]heed.CaseSummary, bool, error) {
	out, total, err := l.total(ctx)
	return out, total > l.f.Offset+len(out), err
}

// casesFrom returns what the cases the filter selects are chosen from:
// "records r WHERE ..." with its arguments, for at most the first n in
// order. The records linked to a record are the union of three small
// lookups, each from its own index: the record it names, those naming it,
// and the newest n with the complainant's name, read in order from
// records_complainant (migrations 0010 and 0015) without visiting the rows;
// an OR of the three instead visited every record with that name, about 170
// in a million of the generated records, to sort them.
//
// On PostgreSQL each arm selects linkedColumns, all of them in
// records_complainant, so that the page needs no visit to the rows; on
// SQLite, where a visit to a row is cheap, each arm selects the id and the
// day alone, and the page is joined back to its rows: the union of the
// wider rows made SQLite's linked records twice as slow.
//
// The record's reference, name and id are given as subqueries, (SELECT ?):
// PostgreSQL cannot then plan for the values themselves, so it plans the
// query once and keeps the plan, where with the values as they are it
// planned every case page's query anew, which cost twice what running it
// did.
func (d *DB) casesFrom(f heed.CaseFilter, n int) (*where, string) {
	rec := f.LinkedTo
	if rec == nil {
		w := &where{}
		d.caseWhere(w, f)
		return w, "records r" + caseJoin(f) + " WHERE " + w.sql()
	}
	f.LinkedTo = nil
	w := &where{}
	var arms []string
	columns := "r.id, r.received"
	if d.dialect == Postgres {
		columns = linkedColumns
	}
	arm := func(cond string, arg any, order string) {
		a := &where{args: w.args}
		d.caseWhere(a, f)
		a.add(cond, arg)
		a.add("r.id <> (SELECT CAST(? AS BIGINT))", rec.ID)
		w.args = a.args
		arms = append(arms, fmt.Sprintf("SELECT * FROM (SELECT %s FROM records r WHERE %s%s) a%d", columns, a.sql(), order, len(arms)))
	}
	// related_key <> '' lets records_related answer: it holds the records
	// that name a related reference alone (migration 0045).
	arm("r.related_key = (SELECT CAST(? AS TEXT)) AND r.related_key <> ''", heed.NameKey(rec.Reference), "")
	if rec.RelatedReference != "" {
		arm("r.reference_key = (SELECT CAST(? AS TEXT))", heed.NameKey(rec.RelatedReference), "")
	}
	if name := heed.NameKey(rec.ComplainantName); name != "" {
		arm("r.complainant_key = (SELECT CAST(? AS TEXT))", name, fmt.Sprintf(" ORDER BY r.received DESC, r.id DESC LIMIT %d", n))
	}
	return w, "(" + strings.Join(arms, " UNION ") + ") r"
}

// linkedColumns are what ListCases shows of a linked record, read on
// PostgreSQL from records_complainant alone.
const linkedColumns = `r.id, r.received, r.reference, r.type, r.procedure, r.complainant_name, r.closed, r.service_area_id, r.theme_id`
