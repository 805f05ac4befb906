package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"github.com/heedhq/heed"
)

// nameKeysVersion is the migration that adds the keys names and references
// are compared by (heed.NameKey); fillKeys then computes them for the rows
// already stored, before the next migration makes them unique.
const nameKeysVersion = 17

// migrationActor is who a migration's changes are recorded against.
var migrationActor = heed.Actor{Name: "heed:upgrade"}

// fillKeys computes the key of every name and reference already stored.
// Names were compared by their bytes before, so one name may be stored
// several times, written differently ("Children's Social Care",
// "children's social care"): each such set is merged into its first
// (oldest) row, with what was filed under the others, and a line in the
// audit log. Two references that differ only in case cannot be merged, as
// they are two records: the newer is renamed (DC-1 stays, dc-1 becomes
// dc-1-2), and its history says why. A name or reference holding a control
// character has it replaced by a space. The report counts are rebuilt when
// anything was merged.
func (d *DB) fillKeys(ctx context.Context, tx *sql.Tx) error {
	merged := false
	for _, n := range []nameTable{areaNames, teamNames, themeNames} {
		m, err := d.fillNameKeys(ctx, tx, n)
		if err != nil {
			return err
		}
		merged = merged || m
	}
	if err := d.fillRecordKeys(ctx, tx); err != nil {
		return err
	}
	if merged {
		if _, err := tx.ExecContext(ctx, `DELETE FROM record_counts`); err != nil {
			return fmt.Errorf("clear report counts: %w", err)
		}
		return d.rebuildCounts(ctx, tx)
	}
	return nil
}

// repairName is a stored name or reference in its one written form: what
// CleanName gives, once any control character is a space and any byte
// that is not UTF-8 a replacement character.
func repairName(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	c, _ := heed.CleanName(s) // cannot fail now
	return c
}

// fillNameKeys keys the names of one table, merging those that are one
// name (in one scope, for teams). It reports whether it merged any.
func (d *DB) fillNameKeys(ctx context.Context, tx *sql.Tx, n nameTable) (bool, error) {
	scope := "0"
	if n.scope != "" {
		scope = n.scope
	}
	type row struct {
		id, scope int64
		name      string
	}
	var rows []row
	err := eachRow(ctx, tx, `SELECT id, `+scope+`, name FROM `+n.table+` ORDER BY id`, func(r *sql.Rows) error {
		var x row
		err := r.Scan(&x.id, &x.scope, &x.name)
		rows = append(rows, x)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("read %s names: %w", n.what, err)
	}
	first := map[string]row{} // by scope and key: the row the others merge into
	merged := false
	for _, x := range rows {
		name := repairName(x.name)
		key := fmt.Sprint(x.scope) + "\x00" + heed.NameKey(name)
		keep, dup := first[key]
		if !dup {
			first[key] = x
			if _, err := tx.ExecContext(ctx, `UPDATE `+n.table+` SET name = $1, name_key = $2 WHERE id = $3`,
				name, heed.NameKey(name), x.id); err != nil {
				return false, fmt.Errorf("key %s names: %w", n.what, err)
			}
			if name != x.name {
				if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: migrationActor.Name, Action: heed.AuditSettingsChanged,
					Note:    n.what + " renamed: its name held characters a name cannot hold",
					Changes: []heed.Change{{Field: n.field, Old: x.name, New: name}}}); err != nil {
					return false, err
				}
			}
			continue
		}
		if err := d.mergeName(ctx, tx, n, x.id, keep.id); err != nil {
			return false, err
		}
		if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: migrationActor.Name, Action: heed.AuditSettingsChanged,
			Note:    fmt.Sprintf("%s %q merged into %q: the same name written differently", n.what, x.name, keep.name),
			Changes: []heed.Change{{Field: n.field, Old: x.name, New: keep.name}}}); err != nil {
			return false, err
		}
		merged = true
	}
	return merged, nil
}

// mergeName moves everything filed under name row from to row into, then
// deletes row from.
func (d *DB) mergeName(ctx context.Context, tx *sql.Tx, n nameTable, from, into int64) error {
	var stmts []string // each with $1 for from and $2 for into
	switch n {
	case areaNames:
		stmts = []string{
			`UPDATE records SET service_area_id = $2 WHERE service_area_id = $1`,
			// Teams follow their area; two that are then one team are merged
			// when the teams are keyed, after the areas.
			`UPDATE teams SET service_area_id = $2 WHERE service_area_id = $1`,
			`INSERT INTO user_service_areas (user_id, service_area_id)
				SELECT user_id, $2 FROM user_service_areas u WHERE service_area_id = $1
				AND NOT EXISTS (SELECT 1 FROM user_service_areas o WHERE o.user_id = u.user_id AND o.service_area_id = $2)`,
		}
	case teamNames:
		stmts = []string{`UPDATE records SET team_id = $2 WHERE team_id = $1`}
	case themeNames:
		stmts = []string{`UPDATE records SET theme_id = $2 WHERE theme_id = $1`}
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q, from, into); err != nil {
			return fmt.Errorf("merge %s %d into %d: %w", n.what, from, into, err)
		}
	}
	deletes := []string{`DELETE FROM ` + n.table + ` WHERE id = $1`}
	if n == areaNames {
		deletes = []string{`DELETE FROM user_service_areas WHERE service_area_id = $1`, deletes[0]}
	}
	for _, q := range deletes {
		if _, err := tx.ExecContext(ctx, q, from); err != nil {
			return fmt.Errorf("merge %s %d into %d: %w", n.what, from, into, err)
		}
	}
	return nil
}

// fillRecordKeys keys every record's reference, related reference and
// complainant's name, a page at a time, renaming a reference that is
// another's written differently.
func (d *DB) fillRecordKeys(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		id                       int64
		reference, related, name string
	}
	taken := map[string]bool{}
	var after int64
	for {
		var page []row
		err := eachRowArgs(ctx, tx, `SELECT id, reference, related_reference, complainant_name FROM records
			WHERE id > $1 ORDER BY id LIMIT 5000`, []any{after}, func(r *sql.Rows) error {
			var x row
			err := r.Scan(&x.id, &x.reference, &x.related, &x.name)
			page = append(page, x)
			return err
		})
		if err != nil {
			return fmt.Errorf("read references: %w", err)
		}
		for _, x := range page {
			ref, err := d.freeReference(ctx, tx, x.reference, taken)
			if err != nil {
				return err
			}
			taken[heed.NameKey(ref)] = true
			if _, err := tx.ExecContext(ctx, `UPDATE records SET reference = $1, reference_key = $2, related_key = $3,
				complainant_key = $4 WHERE id = $5`, ref, heed.NameKey(ref), heed.NameKey(x.related), heed.NameKey(x.name), x.id); err != nil {
				return fmt.Errorf("key references: %w", err)
			}
			if ref != x.reference {
				if err := d.appendAudit(ctx, tx, heed.AuditEntry{RecordID: x.id, Actor: migrationActor.Name, Action: heed.AuditUpdated,
					Note:    "reference changed: another record's reference differed from it only in case, or it held characters a reference cannot hold",
					Changes: []heed.Change{{Field: "reference", Old: x.reference, New: ref}}}); err != nil {
					return err
				}
			}
		}
		if len(page) < 5000 {
			return nil
		}
		after = page[len(page)-1].id
	}
}

// freeReference is the reference in its one written form, with -2, -3...
// after it when an earlier record has it already (taken holds their keys)
// or, as written, a later one.
func (d *DB) freeReference(ctx context.Context, tx *sql.Tx, reference string, taken map[string]bool) (string, error) {
	clean := repairName(reference)
	for n := 1; ; n++ {
		ref := clean
		if n > 1 {
			ref = fmt.Sprintf("%s-%d", clean, n)
		}
		if taken[heed.NameKey(ref)] {
			continue
		}
		if ref == reference {
			return ref, nil
		}
		var later int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE reference = $1`, ref).Scan(&later); err != nil {
			return "", fmt.Errorf("find a free reference: %w", err)
		}
		if later == 0 {
			return ref, nil
		}
	}
}
