package sqlstore

import (
	"context"

	"github.com/heedhq/heed"
)

// RecordExport writes to the audit log that by exported a list of cases;
// note says which filter, in which format and how many rows, and must hold
// no personal data.
func (d *DB) RecordExport(ctx context.Context, by heed.Actor, note string) error {
	return d.appendAudit(ctx, d.w, heed.AuditEntry{Actor: by.Name, Action: heed.AuditExported, Note: note})
}
