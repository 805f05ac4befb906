package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/heedhq/heed"
)

// voidedVersion is the migration that adds the records' void columns.
const voidedVersion = 24

// voidedColumns are the void columns a record is read with, once they
// exist.
const voidedColumns = `, r.voided_at, r.voided_by, r.voided_reason`

// notVoided is the condition that leaves voided records out, once they
// can be.
func (d *DB) notVoided(column string) string {
	if !d.hasSchema(voidedVersion) {
		return "1 = 1"
	}
	return column + " IS NULL"
}

// VoidRecord marks a record entered in error: it leaves every list and
// report (its counts are taken away in the same transaction), keeps its
// history, and gets a line of history with the reason.
func (d *DB) VoidRecord(ctx context.Context, by heed.Actor, id int64, version int, reason string) error {
	return d.setVoided(ctx, by, id, version, reason, true)
}

// RestoreRecord brings a voided record back into the lists and reports.
func (d *DB) RestoreRecord(ctx context.Context, by heed.Actor, id int64, version int, reason string) error {
	return d.setVoided(ctx, by, id, version, reason, false)
}

func (d *DB) setVoided(ctx context.Context, by heed.Actor, id int64, version int, reason string, void bool) error {
	reason = strings.TrimSpace(reason)
	what := map[bool]string{true: "void", false: "restore"}[void]
	if reason == "" {
		msg := "Enter why the record is voided"
		if !void {
			msg = "Enter why the record is restored"
		}
		return &heed.Error{Code: heed.EINVALID, Message: msg, Fields: heed.FieldErrors{{Field: "change_reason", Message: msg}}}
	}
	if msg := heed.CheckReason(reason); msg != "" {
		return &heed.Error{Code: heed.EINVALID, Message: msg, Fields: heed.FieldErrors{{Field: "change_reason", Message: msg}}}
	}
	_, err := retryDeadlocks(func() (struct{}, error) {
		tx, err := d.w.BeginTx(ctx, nil)
		if err != nil {
			return struct{}{}, fmt.Errorf("%s record: %w", what, err)
		}
		defer tx.Rollback()
		recs, err := d.loadRecords(ctx, tx, `r.id = $1`, id)
		if err != nil {
			return struct{}{}, err
		}
		if len(recs) == 0 {
			return struct{}{}, heed.Errorf(heed.ENOTFOUND, "There is no record number %d.", id)
		}
		rec := recs[0]
		switch {
		case rec.Version != version:
			return struct{}{}, heed.Errorf(heed.ECONFLICT, "Record %s was changed by someone else (it is now at version %d; you read version %d). Nothing was saved: reload it and try again.",
				rec.Reference, rec.Version, version)
		case void && rec.Voided != nil:
			return struct{}{}, heed.Errorf(heed.EINVALID, "Record %s is voided already.", rec.Reference)
		case !void && rec.Voided == nil:
			return struct{}{}, heed.Errorf(heed.EINVALID, "Record %s is not voided.", rec.Reference)
		}
		w, err := d.newWriter(ctx, tx)
		if err != nil {
			return struct{}{}, err
		}
		defer w.close()
		now := d.now().UTC()
		var at any
		voidedBy, voidedReason, sign, action := "", "", +1, heed.AuditRestored
		if void {
			at, voidedBy, voidedReason, sign, action = now, by.Name, reason, -1, heed.AuditVoided
		}
		if _, err := tx.ExecContext(ctx, `UPDATE records SET voided_at = $1, voided_by = $2, voided_reason = $3,
			version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6`, at, voidedBy, voidedReason, now, id, version); err != nil {
			return struct{}{}, fmt.Errorf("%s record: %w", what, err)
		}
		if err := w.countOne(ctx, rec, sign); err != nil {
			return struct{}{}, err
		}
		if err := w.audit(ctx, heed.AuditEntry{RecordID: id, Actor: by.Name, Action: action, Note: reason}); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, tx.Commit()
	})
	return err
}
