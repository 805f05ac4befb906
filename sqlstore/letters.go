package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var _ heed.LetterService = (*DB)(nil)

// LetterTemplate returns the saved template of the kind and audience, or
// one with Body "" and Version 0 when none was saved.
func (d *DB) LetterTemplate(ctx context.Context, k heed.LetterKind, a heed.LetterAudience) (*heed.LetterTemplate, error) {
	return readLetterTemplate(ctx, d.db, k, a)
}

func readLetterTemplate(ctx context.Context, q querier, k heed.LetterKind, a heed.LetterAudience) (*heed.LetterTemplate, error) {
	t := &heed.LetterTemplate{Kind: k, Audience: a}
	err := q.QueryRowContext(ctx, `SELECT body, version, updated_by, updated_at FROM letter_templates WHERE kind = $1 AND audience = $2`,
		string(k), string(a)).Scan(&t.Body, &t.Version, &t.UpdatedBy, &t.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the letter template %s %s: %w", k, a, err)
	}
	t.UpdatedAt = t.UpdatedAt.UTC()
	return t, nil
}

// LetterTemplates returns every saved template.
func (d *DB) LetterTemplates(ctx context.Context) ([]heed.LetterTemplate, error) {
	var out []heed.LetterTemplate
	err := eachRowArgs(ctx, d.db, `SELECT kind, audience, body, version, updated_by, updated_at FROM letter_templates ORDER BY kind, audience`,
		nil, func(r *sql.Rows) error {
			var t heed.LetterTemplate
			var k, a string
			err := r.Scan(&k, &a, &t.Body, &t.Version, &t.UpdatedBy, &t.UpdatedAt)
			t.Kind, t.Audience, t.UpdatedAt = heed.LetterKind(k), heed.LetterAudience(a), t.UpdatedAt.UTC()
			out = append(out, t)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("read the letter templates: %w", err)
	}
	return out, nil
}

// SaveLetterTemplate checks the template's text and saves it when its
// Version is the one stored, with its old and new text in the audit log;
// a text that changes nothing writes nothing.
func (d *DB) SaveLetterTemplate(ctx context.Context, by heed.Actor, t *heed.LetterTemplate) error {
	if !validLetter(t.Kind, t.Audience) {
		return heed.Errorf(heed.ENOTFOUND, "There is no such letter template.")
	}
	if errs := heed.CheckLetterTemplate(t.Body); len(errs) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save the letter template: %w", err)
	}
	defer tx.Rollback()
	old, err := readLetterTemplate(ctx, tx, t.Kind, t.Audience)
	if err != nil {
		return err
	}
	if old.Version != t.Version {
		return heed.Errorf(heed.ECONFLICT,
			"Nothing was saved: %s changed this letter template after you opened it. Open it again to see their changes, then make yours.",
			old.UpdatedBy)
	}
	if old.Version > 0 && old.Body == t.Body {
		return nil
	}
	now := d.now().UTC()
	var res sql.Result
	if old.Version == 0 {
		res, err = tx.ExecContext(ctx, `INSERT INTO letter_templates (kind, audience, body, version, updated_by, updated_at)
			VALUES ($1, $2, $3, 1, $4, $5)`, string(t.Kind), string(t.Audience), t.Body, by.Name, now)
	} else {
		res, err = tx.ExecContext(ctx, `UPDATE letter_templates SET body = $1, version = $2, updated_by = $3, updated_at = $4
			WHERE kind = $5 AND audience = $6 AND version = $7`, t.Body, old.Version+1, by.Name, now, string(t.Kind), string(t.Audience), old.Version)
	}
	conflict := heed.Errorf(heed.ECONFLICT,
		"Nothing was saved: someone else saved this letter template at the same moment. Open it again to see their changes, then make yours.")
	if isUniqueViolation(err) {
		return conflict
	}
	if err != nil {
		return fmt.Errorf("save the letter template: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return conflict
	}
	e := heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note:    fmt.Sprintf("Letter template %s (%s) saved as version %d", t.Kind.Label(), t.Audience.Label(), old.Version+1),
		Changes: []heed.Change{{Field: "letter_template", Old: old.Body, New: t.Body}}}
	if err := d.appendAudit(ctx, tx, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save the letter template: %w", err)
	}
	t.Version, t.UpdatedBy, t.UpdatedAt = old.Version+1, by.Name, now
	return nil
}

func validLetter(k heed.LetterKind, a heed.LetterAudience) bool {
	for _, kk := range heed.LetterKinds {
		for _, aa := range heed.LetterAudiences {
			if k == kk && a == aa {
				return true
			}
		}
	}
	return false
}

// AddLetter stores the letter's files as documents of its case and records
// it as correspondence sent, carrying the first file, in one transaction;
// each is a line of the case's history, as when added one by one.
func (d *DB) AddLetter(ctx context.Context, by heed.Actor, l *heed.Letter) error {
	if len(l.Files) == 0 {
		return heed.Errorf(heed.EINVALID, "A letter needs at least one file.")
	}
	c := &l.Correspondence
	c.RecordID = l.RecordID
	if errs := c.Check(calendar.DateOf(d.now())); errs != nil {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	now := d.now().UTC()
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add a letter: %w", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE id = $1`, l.RecordID).Scan(&n); err != nil {
		return fmt.Errorf("add a letter: %w", err)
	}
	if n == 0 {
		return heed.Errorf(heed.ENOTFOUND, "No such case.")
	}
	for i := range l.Files {
		f := &l.Files[i]
		doc := &f.Document
		sum := sha256.Sum256(f.Content)
		doc.RecordID, doc.Size, doc.SHA256, doc.At, doc.By = l.RecordID, int64(len(f.Content)), hex.EncodeToString(sum[:]), now, by.Name
		doc.ID, err = insertID(ctx, tx, `INSERT INTO documents (record_id, name, type, size, sha256, at, added_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, doc.RecordID, doc.Name, doc.Type, doc.Size, doc.SHA256, doc.At, doc.By)
		if err != nil {
			return fmt.Errorf("add a letter's document: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_contents (document_id, content) VALUES ($1, $2)`, doc.ID, f.Content); err != nil {
			return fmt.Errorf("add a letter's document: %w", err)
		}
		if err := d.caseFileAudit(ctx, tx, by, l.RecordID, heed.AuditDocumentAdded, "document", doc.ID); err != nil {
			return err
		}
	}
	c.DocumentID, c.At, c.By = l.Files[0].Document.ID, now, by.Name
	c.ID, err = insertID(ctx, tx, `INSERT INTO correspondence (record_id, date, direction, channel, summary, holding, document_id, at, recorded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		c.RecordID, dateArg(c.Date), string(c.Direction), string(c.Channel), c.Summary, c.Holding, c.DocumentID, c.At, c.By)
	if err != nil {
		return fmt.Errorf("add a letter's correspondence: %w", err)
	}
	if err := d.caseFileAudit(ctx, tx, by, l.RecordID, heed.AuditCorrespondenceAdded, "correspondence", c.ID); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add a letter: commit: %w", err)
	}
	return nil
}

// caseFileAudit writes the line of history an addition to the case file
// gets, as addToCaseFile writes it.
func (d *DB) caseFileAudit(ctx context.Context, tx *sql.Tx, by heed.Actor, recordID int64, action heed.AuditAction, what string, id int64) error {
	return d.appendAudit(ctx, tx, heed.AuditEntry{RecordID: recordID, Actor: by.Name, Action: action, Note: fmt.Sprintf("%s %d", what, id)})
}
