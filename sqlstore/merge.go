package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/heedhq/heed"
)

// nameTables are the tables of names by kind, with the records' column
// that refers to each.
var nameTables = map[heed.NameKind]struct {
	nameTable
	column string
}{
	heed.NameServiceArea: {areaNames, "service_area_id"},
	heed.NameTeam:        {teamNames, "team_id"},
	heed.NameTheme:       {themeNames, "theme_id"},
}

// mergePage is how many records a merge re-files at a time.
const mergePage = 500

// namedRow is a row of a table of names.
type namedRow struct {
	name  string
	scope int64 // a team's service area, or 0
}

// readName reads row id of the table in tx.
func readName(ctx context.Context, tx *sql.Tx, n nameTable, id int64) (namedRow, error) {
	var row namedRow
	q := `SELECT name, 0 FROM ` + n.table + ` WHERE id = $1`
	if n.scope != "" {
		q = `SELECT name, ` + n.scope + ` FROM ` + n.table + ` WHERE id = $1`
	}
	err := tx.QueryRowContext(ctx, q, id).Scan(&row.name, &row.scope)
	if errors.Is(err, sql.ErrNoRows) {
		return row, heed.Errorf(heed.ENOTFOUND, "There is no such %s.", n.what)
	}
	if err != nil {
		return row, fmt.Errorf("read %s: %w", n.what, err)
	}
	return row, nil
}

// MergeNames files every record under the name from under into instead,
// and removes from, in one transaction; each record gets a new version and
// a line of history, and the report counts follow. It returns how many
// records moved.
func (d *DB) MergeNames(ctx context.Context, by heed.Actor, kind heed.NameKind, from, into int64) (int, error) {
	return retryDeadlocks(func() (int, error) { return d.mergeNames(ctx, by, kind, from, into) })
}

func (d *DB) mergeNames(ctx context.Context, by heed.Actor, kind heed.NameKind, from, into int64) (int, error) {
	n, ok := nameTables[kind]
	if !ok {
		return 0, heed.Errorf(heed.EINVALID, "Heed keeps no list of %s names.", kind)
	}
	if from == into {
		return 0, heed.Errorf(heed.EINVALID, "Choose another %s to merge it into.", n.what)
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("merge %s: %w", n.what, err)
	}
	defer tx.Rollback()
	src, err := readName(ctx, tx, n.nameTable, from)
	if err != nil {
		return 0, err
	}
	dst, err := readName(ctx, tx, n.nameTable, into)
	if err != nil {
		return 0, err
	}
	if kind == heed.NameTeam && src.scope != dst.scope {
		return 0, heed.Errorf(heed.EINVALID, "A team can be merged only into another team of its own service area.")
	}
	if kind == heed.NameServiceArea {
		if err := moveArea(ctx, tx, from, into); err != nil {
			return 0, err
		}
	}
	// The writer reads the names after the teams moved, so that a record
	// keeps its team, now in the other service area.
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer w.close()
	note := fmt.Sprintf("%s %s merged into %s", n.what, src.name, dst.name)
	moved := 0
	for {
		where := `r.` + n.column + ` = $1 ORDER BY r.id LIMIT ` + fmt.Sprint(mergePage)
		old, err := d.loadRecords(ctx, tx, where, from)
		if err != nil {
			return 0, fmt.Errorf("merge %s: %w", n.what, err)
		}
		if len(old) == 0 {
			break
		}
		for _, was := range old {
			rec := was.Clone()
			if rec.Voided != nil {
				// In no count: its name alone moves, with a line of history.
				if err := w.refile(ctx, by, rec, n.column, into, note, heed.Change{Field: n.field, Old: src.name, New: dst.name}); err != nil {
					return 0, err
				}
				if kind == heed.NameServiceArea {
					// Its team: the one of that name in the other area.
					if _, err := tx.ExecContext(ctx, `UPDATE records SET team_id = (SELECT t2.id FROM teams t2
						WHERE t2.service_area_id = $1 AND t2.name_key = (SELECT t1.name_key FROM teams t1 WHERE t1.id = records.team_id))
						WHERE id = $2 AND team_id IS NOT NULL`, into, rec.ID); err != nil {
						return 0, fmt.Errorf("merge service area: %w", err)
					}
				}
				continue
			}
			switch kind {
			case heed.NameServiceArea:
				rec.ServiceArea = dst.name
			case heed.NameTeam:
				rec.Team = dst.name
			case heed.NameTheme:
				rec.Theme = dst.name
			}
			if _, err := w.update(ctx, by, was, rec, note); err != nil {
				return 0, err
			}
		}
		moved += len(old)
	}
	if kind == heed.NameServiceArea {
		// Teams of the same name as one in the other area are left empty.
		if _, err := tx.ExecContext(ctx, `DELETE FROM teams WHERE service_area_id = $1`, from); err != nil {
			return 0, fmt.Errorf("merge service area: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+n.table+` WHERE id = $1`, from); err != nil {
		return 0, fmt.Errorf("merge %s: %w", n.what, err)
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: fmt.Sprintf("%s merged (%d records moved)", n.what, moved), Changes: []heed.Change{{Field: n.field, Old: src.name, New: dst.name}}}); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("merge %s: %w", n.what, err)
	}
	if kind == heed.NameServiceArea {
		d.forgetAreas()
	}
	return moved, nil
}

// moveArea moves service area from's managers and teams to into, ahead of
// its records: a team whose name into has already is left, to be merged
// with into's by name as the records move.
func moveArea(ctx context.Context, tx *sql.Tx, from, into int64) error {
	steps := []struct {
		query string
		args  []any
	}{
		{`INSERT INTO user_service_areas (user_id, service_area_id)
			SELECT u.user_id, $2 FROM user_service_areas u WHERE u.service_area_id = $1
			AND NOT EXISTS (SELECT 1 FROM user_service_areas x WHERE x.user_id = u.user_id AND x.service_area_id = $2)`, []any{from, into}},
		{`DELETE FROM user_service_areas WHERE service_area_id = $1`, []any{from}},
		{`UPDATE teams SET service_area_id = $2 WHERE service_area_id = $1
			AND name_key NOT IN (SELECT name_key FROM teams WHERE service_area_id = $2)`, []any{from, into}},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.query, st.args...); err != nil {
			return fmt.Errorf("merge service area: %w", err)
		}
	}
	return nil
}

// RetireName hides a name from the forms that file new records, or brings
// it back; the records and reports that use it keep it.
func (d *DB) RetireName(ctx context.Context, by heed.Actor, kind heed.NameKind, id int64, retired bool) error {
	n, ok := nameTables[kind]
	if !ok {
		return heed.Errorf(heed.EINVALID, "Heed keeps no list of %s names.", kind)
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("retire %s: %w", n.what, err)
	}
	defer tx.Rollback()
	row, err := readName(ctx, tx, n.nameTable, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+n.table+` SET retired = $1 WHERE id = $2`, retired, id); err != nil {
		return fmt.Errorf("retire %s: %w", n.what, err)
	}
	note := n.what + " retired"
	if !retired {
		note = n.what + " brought back into use"
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged, Note: note,
		Changes: []heed.Change{{Field: n.field, Old: row.name, New: row.name}}}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("retire %s: %w", n.what, err)
	}
	return nil
}

// refile files a voided record, which is in no count, under another name
// by its column alone, with a new version and a line of history.
func (w *writer) refile(ctx context.Context, by heed.Actor, rec *heed.Record, column string, id int64, note string, c heed.Change) error {
	if _, err := w.tx.ExecContext(ctx, `UPDATE records SET `+column+` = $1, version = version + 1 WHERE id = $2`, id, rec.ID); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	return w.audit(ctx, heed.AuditEntry{RecordID: rec.ID, Actor: by.Name, Action: heed.AuditUpdated, Note: note, Changes: []heed.Change{c}})
}
