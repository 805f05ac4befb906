package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/heedhq/heed"
)

// noticeTemplate returns kind's template: an administrator's, or Heed's
// own (version 0).
func (d *DB) noticeTemplate(ctx context.Context, q querier, kind heed.NoticeKind) (string, int, error) {
	var body string
	var version int
	err := q.QueryRowContext(ctx, `SELECT body, version FROM notice_templates WHERE kind = $1`, string(kind)).Scan(&body, &version)
	if errors.Is(err, sql.ErrNoRows) {
		return heed.DefaultNoticeTemplate(kind), 0, nil
	}
	if err != nil {
		return "", 0, fmt.Errorf("read the %s template: %w", kind, err)
	}
	return body, version, nil
}

// NoticeTemplate returns kind's template in force and its version (0:
// Heed's own).
func (d *DB) NoticeTemplate(ctx context.Context, kind heed.NoticeKind) (string, int, error) {
	return d.noticeTemplate(ctx, d.db, kind)
}

// SaveNoticeTemplate saves an administrator's template for kind over
// version, which they read, or refuses with ECONFLICT when someone saved
// it since; a template that does not fill in is refused (EINVALID) and
// nothing changes. The change is in the audit log.
func (d *DB) SaveNoticeTemplate(ctx context.Context, by heed.Actor, kind heed.NoticeKind, text string, version int) error {
	if kind.Label() == string(kind) {
		return heed.Errorf(heed.EINVALID, "There is no email called %q.", kind)
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if msg := heed.CheckNoticeTemplate(text); msg != "" {
		return &heed.Error{Code: heed.EINVALID, Message: msg, Fields: heed.FieldErrors{{Field: "template", Message: msg}}}
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save the %s template: %w", kind, err)
	}
	defer tx.Rollback()
	old, current, err := d.noticeTemplate(ctx, tx, kind)
	if err != nil {
		return err
	}
	if current != version {
		return heed.Errorf(heed.ECONFLICT, "Someone else changed this template while you were editing it: look at their version and make your change again.")
	}
	now := d.now().UTC()
	if version == 0 {
		_, err = tx.ExecContext(ctx, `INSERT INTO notice_templates (kind, body, version, changed_by, changed_at) VALUES ($1, $2, 1, $3, $4)`,
			string(kind), text, by.Name, now)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE notice_templates SET body = $1, version = version + 1, changed_by = $2, changed_at = $3 WHERE kind = $4`,
			text, by.Name, now, string(kind))
	}
	if err != nil {
		return fmt.Errorf("save the %s template: %w", kind, err)
	}
	e := heed.AuditEntry{Actor: by.Name, Action: heed.AuditNoticeTemplateChanged, Note: kind.Label() + " email",
		Changes: []heed.Change{{Field: "template_" + string(kind), Old: old, New: text}}}
	if err := d.appendAudit(ctx, tx, e); err != nil {
		return err
	}
	return tx.Commit()
}
