package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
)

// youngPersonVersion is the migration (0021; 0020 is the case file's)
// after which every record whose
// complainant is a child or young person has the young-person flag ticked,
// as heed.Rules.Normalize now ensures on every save.
const youngPersonVersion = 21

// tickYoungPersons ticks the young-person flag of the records stored before
// Normalize did, whose complainant is a child or young person and which
// the report's table of complaints from children and young people left
// out: each gets a new version and a line in its history, and the report
// counts are rebuilt when any changed.
func (d *DB) tickYoungPersons(ctx context.Context, tx *sql.Tx) error {
	var ids []int64
	err := eachRowArgs(ctx, tx, `SELECT id FROM records WHERE complainant_type = $1 AND NOT young_person ORDER BY id`,
		[]any{string(heed.ComplainantChild)}, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return fmt.Errorf("find young complainants: %w", err)
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE records SET young_person = TRUE, version = version + 1 WHERE id = $1`, id); err != nil {
			return fmt.Errorf("tick young person: %w", err)
		}
		if err := d.appendAudit(ctx, tx, heed.AuditEntry{RecordID: id, Actor: migrationActor.Name, Action: heed.AuditUpdated,
			Note:    "counted as a complaint from a child or young person: the complainant is one",
			Changes: []heed.Change{{Field: "young_person", Old: "", New: "yes"}}}); err != nil {
			return err
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return d.rebuildCounts(ctx, tx)
}
