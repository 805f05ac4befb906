package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// SubmissionPrefix starts the references of submissions from the public
// forms, such as WEB-2026-00042; the case triage makes keeps it.
const SubmissionPrefix = "WEB"

const submissionColumns = `id, token, COALESCE(reference, ''), kind, form, status, name, email, phone, service, summary,
	outcome, on_behalf_name, on_behalf_relation, on_behalf_why, advocate, received, submitted_at, decision, refusal_reason,
	record_reference, triaged_at, triaged_by, version, created_at`

func scanSubmission(r rowScanner) (*heed.Submission, error) {
	var s heed.Submission
	var submitted, triaged sql.NullTime
	err := r.Scan(&s.ID, &s.Token, &s.Reference, &s.Kind, &s.Form, &s.Status, &s.Name, &s.Email, &s.Phone,
		&s.Service, &s.Summary, &s.Outcome, &s.OnBehalfName, &s.OnBehalfRelation, &s.OnBehalfWhy, &s.Advocate,
		date{&s.Received}, &submitted, &s.Decision, &s.RefusalReason, &s.RecordReference, &triaged, &s.TriagedBy, &s.Version, &s.CreatedAt)
	s.SubmittedAt, s.TriagedAt, s.CreatedAt = submitted.Time.UTC(), triaged.Time.UTC(), s.CreatedAt.UTC()
	return &s, err
}

// SaveDraft stores a new draft and its attachments, or replaces the
// answers of the draft with the same token (adding any attachments given).
func (d *DB) SaveDraft(ctx context.Context, s *heed.Submission, contents []io.Reader) error {
	if len(contents) != len(s.Attachments) {
		return fmt.Errorf("save draft: %d attachments but %d contents", len(s.Attachments), len(contents))
	}
	datas := make([][]byte, len(contents))
	for i, c := range contents {
		data, err := io.ReadAll(c)
		if err != nil {
			return fmt.Errorf("save draft: read an attachment: %w", err)
		}
		sum := sha256.Sum256(data)
		datas[i] = data
		s.Attachments[i].Size, s.Attachments[i].SHA256 = int64(len(data)), hex.EncodeToString(sum[:])
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	defer tx.Rollback()
	answers := []any{s.Kind, s.Form, s.Name, s.Email, s.Phone, s.Service, s.Summary, s.Outcome,
		s.OnBehalfName, s.OnBehalfRelation, s.OnBehalfWhy, s.Advocate}
	var status heed.SubmissionStatus
	err = tx.QueryRowContext(ctx, `SELECT id, status FROM submissions WHERE token = $1`, s.Token).Scan(&s.ID, &status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		s.Status, s.Version, s.CreatedAt = heed.SubmissionDraft, 1, d.now().UTC()
		if err := purgeDrafts(ctx, tx, s.CreatedAt.Add(-heed.DraftLifetime)); err != nil {
			return err
		}
		s.ID, err = insertID(ctx, tx, `INSERT INTO submissions (token, kind, form, name, email, phone, service, summary,
			outcome, on_behalf_name, on_behalf_relation, on_behalf_why, advocate, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
			append(append([]any{s.Token}, answers...), s.Status, s.CreatedAt)...)
		if err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
	case err != nil:
		return fmt.Errorf("save draft: %w", err)
	case status != heed.SubmissionDraft:
		return heed.Errorf(heed.ECONFLICT, "This form has been sent already, so it cannot be changed.")
	default:
		if _, err := tx.ExecContext(ctx, `UPDATE submissions SET kind = $1, form = $2, name = $3, email = $4, phone = $5,
			service = $6, summary = $7, outcome = $8, on_behalf_name = $9, on_behalf_relation = $10, on_behalf_why = $11,
			advocate = $12, version = version + 1 WHERE id = $13`, append(answers, s.ID)...); err != nil {
			return fmt.Errorf("save draft: %w", err)
		}
	}
	for i := range s.Attachments {
		a := &s.Attachments[i]
		a.ID, err = insertID(ctx, tx, `INSERT INTO submission_attachments (submission_id, name, type, size, sha256, content)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, s.ID, a.Name, a.Type, a.Size, a.SHA256, datas[i])
		if err != nil {
			return fmt.Errorf("save draft: attachment: %w", err)
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM submission_attachments WHERE submission_id = $1`, s.ID).Scan(&n); err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if n > heed.MaxAttachments {
		return &heed.Error{Code: heed.EINVALID, Message: fmt.Sprintf("Send at most %d files.", heed.MaxAttachments),
			Fields: heed.FieldErrors{{Field: "attachment", Message: fmt.Sprintf("Send at most %d files", heed.MaxAttachments)}}}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save draft: commit: %w", err)
	}
	return nil
}

// SubmissionByToken returns the submission with the token.
func (d *DB) SubmissionByToken(ctx context.Context, token string) (*heed.Submission, error) {
	return d.submissionWhere(ctx, d.db, `token = $1`, token)
}

// Submission returns a sent submission by id.
func (d *DB) Submission(ctx context.Context, id int64) (*heed.Submission, error) {
	return d.submissionWhere(ctx, d.db, `id = $1 AND status <> 'draft'`, id)
}

func (d *DB) submissionWhere(ctx context.Context, q querier, where string, arg any) (*heed.Submission, error) {
	s, err := scanSubmission(q.QueryRowContext(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, heed.Errorf(heed.ENOTFOUND, "There is no such form.")
	}
	if err != nil {
		return nil, fmt.Errorf("read submission: %w", err)
	}
	if s.Attachments, err = d.attachments(ctx, q, s.ID); err != nil {
		return nil, err
	}
	return s, nil
}

func (d *DB) attachments(ctx context.Context, q querier, id int64) ([]heed.Attachment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, name, type, size, sha256 FROM submission_attachments
		WHERE submission_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("read attachments: %w", err)
	}
	defer rows.Close()
	var out []heed.Attachment
	for rows.Next() {
		var a heed.Attachment
		if err := rows.Scan(&a.ID, &a.Name, &a.Type, &a.Size, &a.SHA256); err != nil {
			return nil, fmt.Errorf("read attachments: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SendSubmission makes the draft received today, numbering it from
// reference_sequences in the same transaction; it is committed, so
// durable, before this returns. Sending it again returns it as sent.
func (d *DB) SendSubmission(ctx context.Context, token string, today calendar.Date) (*heed.Submission, error) {
	s, err := retryDeadlocks(func() (*heed.Submission, error) { return d.sendSubmission(ctx, token, today) })
	return s, err
}

func (d *DB) sendSubmission(ctx context.Context, token string, today calendar.Date) (*heed.Submission, error) {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("send submission: %w", err)
	}
	defer tx.Rollback()
	s, err := d.submissionWhere(ctx, tx, `token = $1`, token)
	if err != nil {
		return nil, err
	}
	if s.Status != heed.SubmissionDraft {
		return s, nil
	}
	if errs := s.Check(); len(errs) > 0 {
		return nil, &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `INSERT INTO reference_sequences (prefix, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (prefix, year) DO UPDATE SET last = reference_sequences.last + 1 RETURNING last`,
		SubmissionPrefix, today.Year()).Scan(&n); err != nil {
		return nil, fmt.Errorf("number a submission: %w", err)
	}
	s.Reference, s.Received, s.SubmittedAt = heed.NumberedReference(SubmissionPrefix, today.Year(), n), today, d.now().UTC()
	s.Status = heed.SubmissionReceived
	s.Version++
	if _, err := tx.ExecContext(ctx, `UPDATE submissions SET status = $1, reference = $2, received = $3, submitted_at = $4,
		version = $5 WHERE id = $6`, s.Status, s.Reference, dateArg(s.Received), s.SubmittedAt, s.Version, s.ID); err != nil {
		return nil, fmt.Errorf("send submission: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("send submission: commit: %w", err)
	}
	return s, nil
}

// Submissions lists the submissions with the status, oldest first.
func (d *DB) Submissions(ctx context.Context, status heed.SubmissionStatus, limit int) ([]*heed.Submission, error) {
	if limit <= 0 {
		limit = 200
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+submissionColumns+` FROM submissions WHERE status = $1 ORDER BY id LIMIT $2`,
		status, limit)
	if err != nil {
		return nil, fmt.Errorf("list submissions: %w", err)
	}
	var out []*heed.Submission
	for rows.Next() {
		s, err := scanSubmission(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list submissions: %w", err)
		}
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list submissions: %w", err)
	}
	for _, s := range out {
		if s.Attachments, err = d.attachments(ctx, d.db, s.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AttachmentContent returns an attachment's content.
func (d *DB) AttachmentContent(ctx context.Context, submissionID, attachmentID int64) ([]byte, error) {
	var data []byte
	err := d.db.QueryRowContext(ctx, `SELECT content FROM submission_attachments WHERE id = $1 AND submission_id = $2`,
		attachmentID, submissionID).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, heed.Errorf(heed.ENOTFOUND, "There is no such file.")
	}
	if err != nil {
		return nil, fmt.Errorf("read attachment %d: %w", attachmentID, err)
	}
	return data, nil
}

// MarkTriaged records the decision on a received submission as read at
// t.Version, and the case it made.
func (d *DB) MarkTriaged(ctx context.Context, by heed.Actor, id int64, t heed.Triage, recordRef string) error {
	var reason heed.RefusalReason
	if t.Action == heed.TriageRefuse {
		reason = t.RefusalReason
	}
	res, err := d.w.ExecContext(ctx, `UPDATE submissions SET status = $1, decision = $2, refusal_reason = $3, record_reference = $4,
		triaged_at = $5, triaged_by = $6, version = version + 1 WHERE id = $7 AND version = $8 AND status = $9`,
		heed.SubmissionTriaged, t.Action, reason, recordRef, d.now().UTC(), by.Name, id, t.Version, heed.SubmissionReceived)
	if err != nil {
		return fmt.Errorf("triage submission %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return heed.Errorf(heed.ECONFLICT, "Someone else triaged or changed this submission while you were reading it. Open it again to see what they did.")
	}
	return nil
}

// purgeDrafts deletes the drafts made before the time, never sent, with
// their files.
func purgeDrafts(ctx context.Context, tx *sql.Tx, before time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM submission_attachments WHERE submission_id IN
		(SELECT id FROM submissions WHERE status = 'draft' AND created_at < $1)`, before); err != nil {
		return fmt.Errorf("delete old drafts: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM submissions WHERE status = 'draft' AND created_at < $1`, before); err != nil {
		return fmt.Errorf("delete old drafts: %w", err)
	}
	return nil
}
