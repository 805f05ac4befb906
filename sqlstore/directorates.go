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
