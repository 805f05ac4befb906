package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
)

// textOrder makes a text expression sort the same on both databases: by
// its bytes, as SQLite does by default, where PostgreSQL would otherwise
// follow the database's locale.
func (d *DB) textOrder(expr string) string {
	if d.dialect == Postgres {
		return expr + ` COLLATE "C"`
	}
	return expr
}

// direction is the SQL of a sort's direction.
func direction(desc bool) string {
	if desc {
		return "DESC"
	}
	return "ASC"
}

// caseOrder is the ORDER BY of the cases list: the filter's key with the
// record's id after it, so that a page is always the same rows. A key that
// may be NULL (the due day of a case with nothing due) puts those rows last
// either way. key is the sort key alone, which the list selects as k; it
// may name a table of caseJoin.
func (d *DB) caseOrder(f heed.CaseFilter) (order, key string, nullable bool) {
	key, desc := "r.received", f.Descending
	switch f.Sort {
	case "":
		desc = true
	case heed.SortReference:
		key = d.textOrder("r.reference_key")
	case heed.SortArea:
		key = d.textOrder("COALESCE(sa.name_key, '')")
	case heed.SortDue:
		key, nullable = "od.due", true
	}
	return orderBy(key, "r.id", desc, nullable), key, nullable
}

// caseJoin is what the cases list joins to records to sort by the
// filter's key: the service area, or the earliest due day of each record's
// open stages, which are few (the partial index stages_open), grouped once;
// a lookup of each for every record took a second over 200,000 records.
func caseJoin(f heed.CaseFilter) string {
	switch f.Sort {
	case heed.SortArea:
		return " LEFT JOIN service_areas sa ON sa.id = r.service_area_id"
	case heed.SortDue:
		return ` LEFT JOIN (SELECT s.record_id, min(COALESCE(s.extended_to, s.deadline)) AS due FROM stages s
			WHERE s.responded IS NULL AND s.outcome = '' GROUP BY s.record_id) od ON od.record_id = r.id`
	}
	return ""
}

// orderBy orders by key, then id, both in the same direction; rows whose
// key is NULL come last.
func orderBy(key, id string, desc, nullable bool) string {
	dir := direction(desc)
	if nullable {
		return fmt.Sprintf("(%[1]s IS NULL), %[1]s %[2]s, %[3]s %[2]s", key, dir, id)
	}
	return fmt.Sprintf("%s %s, %s %s", key, dir, id, dir)
}

// openStagesPerPage is how many open stages a page lists when the filter
// does not say.
const openStagesPerPage = 50

// OpenStages returns a page of unanswered stages in the filter's order
// (earliest due first by default), and how many the filter selects. Who
// holds each stage is named as people know them (see heed.OpenStage).
func (d *DB) OpenStages(ctx context.Context, f heed.OpenStageFilter) ([]heed.OpenStage, int, error) {
	w := &where{}
	w.add("s.responded IS NULL")
	w.add("s.outcome = ''")
	w.add("s.deadline IS NOT NULL")
	w.add("r.voided_at IS NULL") // entered in error: on no one's list
	if f.Investigator != "" {
		w.add("s.investigator = ?", f.Investigator)
	}
	if f.Unallocated {
		w.add("s.investigator = ''")
	}
	if f.OnlyServiceAreas != nil {
		w.conds = append(w.conds, "r.service_area_id IN (SELECT id FROM service_areas WHERE name_key IN ("+w.in(nameKeys(f.OnlyServiceAreas))+"))")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = openStagesPerPage
	}
	offset := max(f.Offset, 0)
	due := "COALESCE(s.extended_to, s.deadline)"
	order := fmt.Sprintf("%s %s, %s", due, direction(f.Descending), d.textOrder("r.reference_key"))
	switch f.Sort {
	case heed.SortReceived:
		order = fmt.Sprintf("r.received %s, %s, %s", direction(f.Descending), due, d.textOrder("r.reference_key"))
	case heed.SortArea:
		order = fmt.Sprintf("%s %s, %s, %s", d.textOrder("COALESCE(a.name_key, '')"), direction(f.Descending), due, d.textOrder("r.reference_key"))
	}
	// The page's size and place are written into the query (see
	// listQuery). The page is read in order from the index of open stages
	// by holder and due day where it can be; a count with the rows would
	// read every stage the filter selects, so a full page, or one past the
	// first, is counted on its own.
	q := fmt.Sprintf(`SELECT r.id, r.reference, r.type, r.procedure, COALESCE(a.name, ''), s.number, s.investigator,
		COALESCE(NULLIF(u.display_name, ''), u.username, s.investigator), r.received, s.deadline, s.extended_to, %s
	FROM stages s JOIN records r ON r.id = s.record_id
	LEFT JOIN service_areas a ON a.id = r.service_area_id
	LEFT JOIN users u ON u.username = s.investigator AND s.investigator <> ''
	WHERE %s ORDER BY %s, s.number LIMIT %d OFFSET %d`, openPause("s.record_id", "s.number"), w.sql(), order, limit, offset)
	var out []heed.OpenStage
	err := eachRowArgs(ctx, d.db, q, w.args, func(rows *sql.Rows) error {
		var o heed.OpenStage
		var typ, proc string
		if err := rows.Scan(&o.RecordID, &o.Reference, &typ, &proc, &o.ServiceArea, &o.Stage, &o.Investigator,
			&o.Holder, date{&o.Received}, date{&o.Deadline}, date{&o.ExtendedTo}, &o.Paused); err != nil {
			return err
		}
		o.Type, o.Procedure = heed.RecordType(typ), heed.ProcedureID(proc)
		out = append(out, o)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list open stages: %w", err)
	}
	if offset == 0 && len(out) < limit {
		return out, len(out), nil
	}
	var total int
	err = d.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM stages s JOIN records r ON r.id = s.record_id WHERE %s`, w.sql()), w.args...).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("count open stages: %w", err)
	}
	return out, total, nil
}
