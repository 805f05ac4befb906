package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/heedhq/heed"
)

// SetDirectorate puts a service area in a directorate ("" for none) and
// records the change. A directorate another area already has, written
// differently (heed.NameKey), is written as that area writes it, so that a
// directorate is one name in every report.
func (d *DB) SetDirectorate(ctx context.Context, by heed.Actor, areaID int64, directorate string) error {
	if directorate != "" {
		var err error
		if directorate, err = cleanName(directorate, "directorate"); err != nil {
			return err
		}
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set directorate: %w", err)
	}
	defer tx.Rollback()
	var area, old string
	err = tx.QueryRowContext(ctx, `SELECT name, directorate FROM service_areas WHERE id = $1`, areaID).Scan(&area, &old)
	if errors.Is(err, sql.ErrNoRows) {
		return heed.Errorf(heed.ENOTFOUND, "There is no such service area.")
	}
	if err != nil {
		return fmt.Errorf("set directorate: %w", err)
	}
	if directorate != "" {
		key := heed.NameKey(directorate)
		err := eachRowArgs(ctx, tx, `SELECT DISTINCT directorate FROM service_areas WHERE directorate <> '' AND id <> $1`,
			[]any{areaID}, func(r *sql.Rows) error {
				var other string
				if err := r.Scan(&other); err != nil {
					return err
				}
				if heed.NameKey(other) == key {
					directorate = other
				}
				return nil
			})
		if err != nil {
			return fmt.Errorf("read directorates: %w", err)
		}
	}
	if directorate == old {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE service_areas SET directorate = $1 WHERE id = $2`, directorate, areaID); err != nil {
		return fmt.Errorf("set directorate: %w", err)
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note:    "directorate of the service area " + area + " set",
		Changes: []heed.Change{{Field: "directorate", Old: old, New: directorate}}}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set directorate: %w", err)
	}
	return nil
}

// directorateVersion is the migration that adds the service areas'
// directorates.
const directorateVersion = 32

// directorates keeps, within one transaction or import, the directorate of
// each service area, so that a record reads its area's, and an import row
// that names one gives it to an area that has none.
type directorates struct {
	byArea   map[int64]string  // service area id to its directorate
	spelling map[string]string // a directorate's key to how it is written
	named    map[string]string // for an import's check: an area's key to the directorate a row gave it
	// set: rows give their directorate to an area with none (an import);
	// otherwise a record's directorate is its area's, whatever it says.
	set    bool
	placed []heed.Change // Field: the service area; New: the directorate it was put in
}

func newDirectorates() directorates {
	return directorates{byArea: map[int64]string{}, spelling: map[string]string{}, named: map[string]string{}}
}

func (ds *directorates) add(area int64, directorate string) {
	if directorate == "" {
		return
	}
	ds.byArea[area] = directorate
	if _, ok := ds.spelling[heed.NameKey(directorate)]; !ok {
		ds.spelling[heed.NameKey(directorate)] = directorate
	}
}

// spelled writes a directorate as one in use with its key is written.
func (ds *directorates) spelled(directorate string) string {
	if s, ok := ds.spelling[heed.NameKey(directorate)]; ok {
		return s
	}
	return directorate
}

// audit records, in the import's transaction, each service area an import
// put in a directorate, and returns them as "area: directorate".
func (ds *directorates) audit(ctx context.Context, d *DB, tx *sql.Tx, by heed.Actor) ([]string, error) {
	var out []string
	for _, p := range ds.placed {
		if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
			Note:    "directorate of the service area " + p.Field + " set by an import",
			Changes: []heed.Change{{Field: "directorate", New: p.New}}}); err != nil {
			return nil, err
		}
		out = append(out, p.Field+": "+p.New)
	}
	heed.SortNames(out)
	return out, nil
}

// checkDirectorate returns a problem with the directorate an import row names: its
// service area belongs to another, or an earlier row gave it another.
func (n *names) checkDirectorate(rec *heed.Record) *heed.FieldError {
	if rec.Directorate == "" || rec.ServiceArea == "" {
		return nil
	}
	ds := &n.directorates
	key := heed.NameKey(rec.Directorate)
	if a, ok := n.areas.find(rec.ServiceArea); ok && ds.byArea[a.id] != "" {
		if have := ds.byArea[a.id]; heed.NameKey(have) != key {
			return &heed.FieldError{Field: "directorate", Message: fmt.Sprintf(
				"the service area %q belongs to the directorate %q, not %q: write that, or leave the directorate empty (an administrator moves a service area to another directorate under Administration, Service areas)",
				a.name, have, rec.Directorate)}
		}
		return nil
	}
	area := n.areas.key(rec.ServiceArea)
	if earlier, ok := ds.named[area]; ok && heed.NameKey(earlier) != key {
		return &heed.FieldError{Field: "directorate", Message: fmt.Sprintf(
			"an earlier row puts the service area %q in the directorate %q, not %q: one service area belongs to one directorate",
			rec.ServiceArea, earlier, rec.Directorate)}
	}
	ds.named[area] = rec.Directorate
	return nil
}

// place gives the record its service area's directorate; in an import, a
// row's directorate first goes to an area that has none (checked already:
// see checkDirectorate).
func (ds *directorates) place(ctx context.Context, q querier, area int64, rec *heed.Record) error {
	have := ds.byArea[area]
	if ds.set && have == "" && rec.Directorate != "" {
		have = ds.spelled(rec.Directorate)
		if _, err := q.ExecContext(ctx, `UPDATE service_areas SET directorate = $1 WHERE id = $2`, have, area); err != nil {
			return fmt.Errorf("set the directorate of %s: %w", rec.ServiceArea, err)
		}
		ds.add(area, have)
		ds.placed = append(ds.placed, heed.Change{Field: rec.ServiceArea, New: have})
	}
	rec.Directorate = have
	return nil
}
