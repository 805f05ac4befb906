package sqlstore

import (
	"context"
	"fmt"

	"github.com/heedhq/heed/calendar"
)

// ReceivedRange returns the first and the last day any record was received
// on, both zero when there are no records: the report pages offer the
// financial years between.
func (d *DB) ReceivedRange(ctx context.Context) (first, last calendar.Date, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT min(received), max(received) FROM records WHERE voided_at IS NULL`).Scan(date{&first}, date{&last})
	if err != nil {
		return calendar.Date{}, calendar.Date{}, fmt.Errorf("received range: %w", err)
	}
	return first, last, nil
}
