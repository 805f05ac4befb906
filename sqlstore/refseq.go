package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
)

// maxNumberTries bounds how many numbers of a sequence are tried past
// references already stored (typed or imported with Heed's pattern).
const maxNumberTries = 1000

// CreateNumbered validates and stores a new record, giving it the next
// reference of its prefix and the year it was received (see
// heed.NumberedReference). The number is taken from reference_sequences in
// the same transaction as the insert: two records saved at once never get
// the same number, and a record that is not saved gives its number back. A
// number whose reference is already stored is passed over.
//
// On PostgreSQL a try ended to break a deadlock runs again (see
// retryDeadlocks).
func (d *DB) CreateNumbered(ctx context.Context, by heed.Actor, rec *heed.Record, prefix string) error {
	return d.CreateAcknowledged(ctx, by, rec, prefix, "")
}

// CreateAcknowledged is CreateNumbered, or, with prefix "", stores rec
// with the reference it has, that sends the complainant's acknowledgement
// to email (when not "") and tells any investigator given a stage, queued
// in the same transaction as the record (see SetNotices). It is for a
// contact recorded by an officer, never for historic records imported.
func (d *DB) CreateAcknowledged(ctx context.Context, by heed.Actor, rec *heed.Record, prefix, email string) error {
	was := rec.Clone()
	_, err := retryDeadlocks(func() (struct{}, error) {
		*rec = *was.Clone() // a try rolled back leaves the record as given
		return struct{}{}, d.createNumbered(ctx, by, rec, prefix, email)
	})
	return err
}

func (d *DB) createNumbered(ctx context.Context, by heed.Actor, rec *heed.Record, prefix, email string) error {
	if prefix == "" {
		return d.create(ctx, by, rec, email, typedReference)
	}
	if !heed.ReferencePrefixPattern.MatchString(prefix) {
		return heed.Errorf(heed.EINVALID, "%q cannot start a reference: a prefix is 1 to 10 capital letters or digits.", prefix)
	}
	year := rec.Received.Year()
	rec.Reference = heed.NumberedReference(prefix, year, 0) // checked as a reference of the pattern
	return d.create(ctx, by, rec, email, func(ctx context.Context, tx *sql.Tx, rec *heed.Record) error {
		for try := 0; try < maxNumberTries; try++ {
			var n int
			if err := tx.QueryRowContext(ctx, `INSERT INTO reference_sequences (prefix, year, last) VALUES ($1, $2, 1)
				ON CONFLICT (prefix, year) DO UPDATE SET last = reference_sequences.last + 1 RETURNING last`, prefix, year).Scan(&n); err != nil {
				return fmt.Errorf("number a reference: %w", err)
			}
			rec.Reference = heed.NumberedReference(prefix, year, n)
			taken, err := referenceTaken(ctx, tx, rec.Reference)
			if err != nil || !taken {
				return err
			}
		}
		return heed.Errorf(heed.ECONFLICT, "Heed could not find a free reference starting %s-%d: type one.", prefix, year)
	})
}

// typedReference refuses the reference typed for rec when another record
// has it.
func typedReference(ctx context.Context, tx *sql.Tx, rec *heed.Record) error {
	taken, err := referenceTaken(ctx, tx, rec.Reference)
	if err != nil || !taken {
		return err
	}
	return &heed.Error{Code: heed.ECONFLICT, Message: fmt.Sprintf("A record with the reference %s already exists.", rec.Reference),
		Fields: heed.FieldErrors{{Field: "reference", Message: fmt.Sprintf("%s is already the reference of another record", rec.Reference)}}}
}

// referenceTaken reports whether a record has the reference ref.
func referenceTaken(ctx context.Context, tx *sql.Tx, ref string) (bool, error) {
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE reference_key = $1`, heed.NameKey(ref)).Scan(&taken); err != nil {
		return false, fmt.Errorf("check the reference: %w", err)
	}
	return taken > 0, nil
}

// create checks rec, new, and stores it with its notices, in one
// transaction in which reference gives it its reference.
func (d *DB) create(ctx context.Context, by heed.Actor, rec *heed.Record, email string,
	reference func(context.Context, *sql.Tx, *heed.Record) error) error {
	cal, err := d.Calendar(ctx)
	if err != nil {
		return err
	}
	if err := d.check(cal, nil, rec); err != nil {
		return err
	}
	d.rules.get().ApplyClocks(cal, rec)
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create record: %w", err)
	}
	defer tx.Rollback()
	if err := reference(ctx, tx, rec); err != nil {
		return err
	}
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	if errs := w.names.lookalikes(rec); len(errs) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	if err := w.insertNew(ctx, by, []*heed.Record{rec}, "recorded"); err != nil {
		return err
	}
	if err := d.acknowledge(ctx, tx, rec, email); err != nil {
		return err
	}
	if err := d.allocated(ctx, tx, nil, rec); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create record: %w", err)
	}
	if areas, _, _ := w.names.created(); len(areas) > 0 {
		d.forgetAreas()
	}
	return nil
}
