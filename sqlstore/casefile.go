package sqlstore

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// CaseFile returns the record's notes, correspondence and documents, each
// oldest first.
func (d *DB) CaseFile(ctx context.Context, recordID int64) (heed.CaseFile, error) {
	var f heed.CaseFile
	err := eachRowArgs(ctx, d.db, `SELECT id, record_id, at, author, text FROM notes WHERE record_id = $1 ORDER BY id`,
		[]any{recordID}, func(r *sql.Rows) error {
			var n heed.Note
			err := r.Scan(&n.ID, &n.RecordID, &n.At, &n.Author, &n.Text)
			n.At = n.At.UTC()
			f.Notes = append(f.Notes, n)
			return err
		})
	if err != nil {
		return f, fmt.Errorf("read notes: %w", err)
	}
	err = eachRowArgs(ctx, d.db, `SELECT id, record_id, date, direction, channel, summary, holding, COALESCE(document_id, 0), at, recorded_by
		FROM correspondence WHERE record_id = $1 ORDER BY date, id`, []any{recordID}, func(r *sql.Rows) error {
		var c heed.Correspondence
		var dir, ch string
		err := r.Scan(&c.ID, &c.RecordID, date{&c.Date}, &dir, &ch, &c.Summary, &c.Holding, &c.DocumentID, &c.At, &c.By)
		c.Direction, c.Channel, c.At = heed.Direction(dir), heed.Channel(ch), c.At.UTC()
		f.Correspondence = append(f.Correspondence, c)
		return err
	})
	if err != nil {
		return f, fmt.Errorf("read correspondence: %w", err)
	}
	err = eachRowArgs(ctx, d.db, `SELECT `+documentColumns+` FROM documents WHERE record_id = $1 ORDER BY id`,
		[]any{recordID}, func(r *sql.Rows) error {
			doc, err := scanDocument(r)
			f.Documents = append(f.Documents, doc)
			return err
		})
	if err != nil {
		return f, fmt.Errorf("read documents: %w", err)
	}
	return f, nil
}

const documentColumns = `id, record_id, name, type, size, sha256, at, added_by`

func scanDocument(r rowScanner) (heed.Document, error) {
	var doc heed.Document
	err := r.Scan(&doc.ID, &doc.RecordID, &doc.Name, &doc.Type, &doc.Size, &doc.SHA256, &doc.At, &doc.By)
	doc.At = doc.At.UTC()
	return doc, err
}

// AddNote stores a note, signed by and dated now, with a line of history.
func (d *DB) AddNote(ctx context.Context, by heed.Actor, n *heed.Note) error {
	if errs := heed.CheckNote(n.Text); errs != nil {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	n.At, n.Author = d.now().UTC(), by.Name
	return d.addToCaseFile(ctx, by, n.RecordID, heed.AuditNoteAdded, func(tx *sql.Tx) (int64, error) {
		return insertID(ctx, tx, `INSERT INTO notes (record_id, at, author, text) VALUES ($1, $2, $3, $4) RETURNING id`,
			n.RecordID, n.At, n.Author, n.Text)
	}, &n.ID)
}

// AddCorrespondence stores correspondence, with a line of history. Its
// document, when it names one, must be the same record's.
func (d *DB) AddCorrespondence(ctx context.Context, by heed.Actor, c *heed.Correspondence) error {
	if errs := c.Check(calendar.DateOf(d.now())); errs != nil {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	c.At, c.By = d.now().UTC(), by.Name
	return d.addToCaseFile(ctx, by, c.RecordID, heed.AuditCorrespondenceAdded, func(tx *sql.Tx) (int64, error) {
		var doc any
		if c.DocumentID != 0 {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE id = $1 AND record_id = $2`,
				c.DocumentID, c.RecordID).Scan(&n); err != nil {
				return 0, err
			}
			if n == 0 {
				return 0, heed.Errorf(heed.EINVALID, "The document chosen is not one of this case's.")
			}
			doc = c.DocumentID
		}
		return insertID(ctx, tx, `INSERT INTO correspondence (record_id, date, direction, channel, summary, holding, document_id, at, recorded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			c.RecordID, dateArg(c.Date), string(c.Direction), string(c.Channel), c.Summary, c.Holding, doc, c.At, c.By)
	}, &c.ID)
}

// AddDocument stores a document and its content, read to its end, with a
// line of history; it sets the document's size and SHA-256 from the
// content.
func (d *DB) AddDocument(ctx context.Context, by heed.Actor, doc *heed.Document, content io.Reader) error {
	data, err := io.ReadAll(content)
	if err != nil {
		return fmt.Errorf("read the document: %w", err)
	}
	sum := sha256.Sum256(data)
	doc.Size, doc.SHA256 = int64(len(data)), hex.EncodeToString(sum[:])
	doc.At, doc.By = d.now().UTC(), by.Name
	return d.addToCaseFile(ctx, by, doc.RecordID, heed.AuditDocumentAdded, func(tx *sql.Tx) (int64, error) {
		id, err := insertID(ctx, tx, `INSERT INTO documents (record_id, name, type, size, sha256, at, added_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			doc.RecordID, doc.Name, doc.Type, doc.Size, doc.SHA256, doc.At, doc.By)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_contents (document_id, content) VALUES ($1, $2)`, id, data); err != nil {
			return 0, err
		}
		return id, nil
	}, &doc.ID)
}

// OpenDocument returns a document of the record and its content, and
// records the download in the case's history.
func (d *DB) OpenDocument(ctx context.Context, by heed.Actor, recordID, documentID int64) (*heed.Document, io.ReadCloser, error) {
	doc, err := scanDocument(d.db.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = $1 AND record_id = $2`,
		documentID, recordID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, heed.Errorf(heed.ENOTFOUND, "This case has no such document.")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read document %d: %w", documentID, err)
	}
	var data []byte
	if err := d.db.QueryRowContext(ctx, `SELECT content FROM document_contents WHERE document_id = $1`, documentID).Scan(&data); err != nil {
		return nil, nil, fmt.Errorf("read document %d: %w", documentID, err)
	}
	e := heed.AuditEntry{RecordID: recordID, Actor: by.Name, Action: heed.AuditDocumentDownloaded,
		Note: fmt.Sprintf("document %d", documentID), Changes: []heed.Change{{Field: "document", Old: doc.Name}}}
	if err := d.appendAudit(ctx, d.w, e); err != nil {
		return nil, nil, err
	}
	return &doc, io.NopCloser(bytes.NewReader(data)), nil
}

// addToCaseFile runs insert, which returns the new entry's id, in a
// transaction with a line of the record's history, and sets *id.
func (d *DB) addToCaseFile(ctx context.Context, by heed.Actor, recordID int64, action heed.AuditAction,
	insert func(*sql.Tx) (int64, error), id *int64) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE id = $1`, recordID).Scan(&n); err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	if n == 0 {
		return heed.Errorf(heed.ENOTFOUND, "No such case.")
	}
	newID, err := insert(tx)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	what := map[heed.AuditAction]string{heed.AuditNoteAdded: "note", heed.AuditCorrespondenceAdded: "correspondence",
		heed.AuditDocumentAdded: "document"}[action]
	e := heed.AuditEntry{RecordID: recordID, Actor: by.Name, Action: action, Note: fmt.Sprintf("%s %d", what, newID)}
	if err := d.appendAudit(ctx, tx, e); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: commit: %w", action, err)
	}
	*id = newID
	return nil
}

// insertID runs an INSERT … RETURNING id and returns the id.
func insertID(ctx context.Context, tx *sql.Tx, query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, query, args...).Scan(&id)
	return id, err
}
