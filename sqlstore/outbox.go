package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Enqueuer puts the job that sends an outbox message into the transaction
// that wrote the message (see package queue): both are kept, or neither.
type Enqueuer interface {
	EnqueueDeliveryTx(ctx context.Context, tx *sql.Tx, id int64, round int) error
}

// Notices are what the store needs to write notices: the council's name
// and Heed's address for the messages, and the queue. Without them (the
// command line) nothing is written to the outbox.
type Notices struct {
	Council   string
	PublicURL string // links in staff messages lead here
	Queue     Enqueuer
	// ReminderDays is how many working days before a stage's deadline its
	// investigator is reminded; 0 for no reminders.
	ReminderDays int
}

// noticeSettings holds the Notices in force (see SetNotices).
type noticeSettings struct{ p atomic.Pointer[Notices] }

// SetNotices turns notices on: from now, a save that causes one writes it
// to the outbox and enqueues its sending, in the save's transaction.
func (d *DB) SetNotices(n Notices) {
	n.PublicURL = strings.TrimRight(n.PublicURL, "/")
	d.notices.p.Store(&n)
}

func (d *DB) noticesOn() *Notices { return d.notices.p.Load() }

// queueNotice writes n to the outbox in tx and enqueues its sending; a
// notice held for a digest (n.Status NoticeHeld) is only written. A notice
// with a once key already used is not written again (false).
func (d *DB) queueNotice(ctx context.Context, tx *sql.Tx, n heed.Notice, onceKey string) (bool, error) {
	on := d.noticesOn()
	if on == nil {
		return false, nil
	}
	var key, rid any
	if onceKey != "" {
		key = onceKey
	}
	if n.RecordID != 0 {
		rid = n.RecordID
	}
	var id int64
	status := heed.NoticeQueued
	if n.Status == heed.NoticeHeld {
		status = heed.NoticeHeld
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, recipient, to_user, record_id, reference, stage, subject, body, status, once_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (once_key) DO NOTHING RETURNING id`,
		string(n.Kind), n.To, n.ToUser, rid, n.Reference, n.Stage, n.Subject, n.Body, string(status), key, d.now().UTC()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("queue a notice: %w", err)
	}
	if status == heed.NoticeHeld {
		return true, nil
	}
	if err := on.Queue.EnqueueDeliveryTx(ctx, tx, id, 0); err != nil {
		return false, err
	}
	return true, nil
}

// render fills kind's template (an administrator's, or Heed's) with data.
func (d *DB) render(ctx context.Context, q querier, kind heed.NoticeKind, data heed.NoticeData) (string, string, error) {
	on := d.noticesOn()
	data.Council = on.Council
	if data.Link == "" {
		data.Link = on.PublicURL + "/"
		if data.Reference != "" {
			data.Link = on.PublicURL + "/cases/" + data.Reference
		}
	}
	text, _, err := d.noticeTemplate(ctx, q, kind)
	if err != nil {
		return "", "", err
	}
	subject, body, err := heed.RenderNotice(text, data)
	if err != nil {
		// A stored template that no longer fills in: Heed's own then.
		subject, body, err = heed.RenderNotice(heed.DefaultNoticeTemplate(kind), data)
	}
	return subject, body, err
}

// acknowledge queues the acknowledgement of rec, just recorded, to email.
func (d *DB) acknowledge(ctx context.Context, tx *sql.Tx, rec *heed.Record, email string) error {
	if d.noticesOn() == nil || email == "" {
		return nil
	}
	subject, body, err := d.render(ctx, tx, heed.NoticeAcknowledgement, heed.AcknowledgementData(rec))
	if err != nil {
		return err
	}
	_, err = d.queueNotice(ctx, tx, heed.Notice{Kind: heed.NoticeAcknowledgement, To: email, RecordID: rec.ID,
		Reference: rec.Reference, Subject: subject, Body: body}, "")
	return err
}

// staffAddress is a user's email address, full name and notice choice.
type staffAddress struct {
	Email, FullName string
	Digest          bool
}

func (d *DB) staffAddress(ctx context.Context, q querier, username string) (staffAddress, bool, error) {
	var a staffAddress
	err := q.QueryRowContext(ctx, `SELECT email, display_name, notice_digest FROM users WHERE username = $1 AND NOT disabled`, username).
		Scan(&a.Email, &a.FullName, &a.Digest)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("read user %s: %w", username, err)
	}
	return a, a.Email != "", nil
}

// allocated queues a message to each investigator newly given a stage of
// rec (was is the record before the change; nil when new), or holds it for
// the daily digest of one who chose that.
func (d *DB) allocated(ctx context.Context, tx *sql.Tx, was, rec *heed.Record) error {
	if d.noticesOn() == nil {
		return nil
	}
	for _, s := range heed.NewlyAllocated(was, rec) {
		to, ok, err := d.staffAddress(ctx, tx, s.Investigator)
		if err != nil {
			return err
		}
		if !ok {
			continue // no such user, or no address
		}
		data := heed.StageData(rec, s)
		data.Investigator = to.FullName
		subject, body, err := d.render(ctx, tx, heed.NoticeAllocation, data)
		if err != nil {
			return err
		}
		n := heed.Notice{Kind: heed.NoticeAllocation, To: to.Email, ToUser: s.Investigator,
			RecordID: rec.ID, Reference: rec.Reference, Stage: s.Number, Subject: subject, Body: body}
		if to.Digest {
			n.Status = heed.NoticeHeld
		}
		if _, err := d.queueNotice(ctx, tx, n, ""); err != nil {
			return err
		}
	}
	return nil
}

const noticeColumns = `id, kind, recipient, to_user, COALESCE(record_id, 0), reference, stage, subject, body, status, attempts, last_error, round, created_at, sent_at`

func scanNotice(r rowScanner) (heed.Notice, error) {
	var n heed.Notice
	var kind, status string
	var sent sql.NullTime
	err := r.Scan(&n.ID, &kind, &n.To, &n.ToUser, &n.RecordID, &n.Reference, &n.Stage, &n.Subject, &n.Body, &status,
		&n.Attempts, &n.LastError, &n.Round, &n.Created, &sent)
	n.Kind, n.Status, n.Sent = heed.NoticeKind(kind), heed.NoticeStatus(status), sent.Time
	return n, err
}

// NoticeToSend returns outbox message id with ok when it is still to be
// sent, counting the attempt; a message sent already gives ok false.
func (d *DB) NoticeToSend(ctx context.Context, id int64) (heed.Notice, bool, error) {
	n, err := scanNotice(d.w.QueryRowContext(ctx, `UPDATE outbox SET attempts = attempts + 1 WHERE id = $1 AND status <> 'sent' RETURNING `+noticeColumns, id))
	if errors.Is(err, sql.ErrNoRows) {
		return n, false, nil
	}
	if err != nil {
		return n, false, fmt.Errorf("read message %d: %w", id, err)
	}
	return n, true, nil
}

// mailActor is who records the messages Heed sent on their cases.
const mailActor = "heed:mail"

// NoticeSent records that message id was sent, and, for a message about a
// case, puts it on the case's correspondence: what, to whom and when.
func (d *DB) NoticeSent(ctx context.Context, id int64) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record message %d sent: %w", id, err)
	}
	defer tx.Rollback()
	now := d.now().UTC()
	n, err := scanNotice(tx.QueryRowContext(ctx, `UPDATE outbox SET status = 'sent', sent_at = $1, last_error = '' WHERE id = $2 AND status <> 'sent' RETURNING `+noticeColumns, now, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("record message %d sent: %w", id, err)
	}
	if n.RecordID != 0 {
		to := "the complainant"
		if n.ToUser != "" {
			to = n.ToUser
		}
		summary := fmt.Sprintf("%s email sent by Heed to %s: %s", n.Kind.Label(), to, n.Subject)
		cid, err := insertID(ctx, tx, `INSERT INTO correspondence (record_id, date, direction, channel, summary, holding, document_id, at, recorded_by)
			VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8) RETURNING id`, n.RecordID, dateArg(calendar.DateOf(now)), string(heed.DirectionOut),
			string(heed.ChannelEmail), summary, false, now, mailActor)
		if err != nil {
			return fmt.Errorf("record message %d as correspondence: %w", id, err)
		}
		if err := d.appendAudit(ctx, tx, heed.AuditEntry{RecordID: n.RecordID, Actor: mailActor, Action: heed.AuditCorrespondenceAdded,
			Note: fmt.Sprintf("correspondence %d", cid)}); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// NoticeNotSent records why an attempt to send message id failed; final
// marks it failed, to be sent again only by an officer.
func (d *DB) NoticeNotSent(ctx context.Context, id int64, reason string, final bool) error {
	status := heed.NoticeQueued
	if final {
		status = heed.NoticeFailed
	}
	if len(reason) > 500 {
		reason = reason[:500]
	}
	if _, err := d.w.ExecContext(ctx, `UPDATE outbox SET status = $1, last_error = $2 WHERE id = $3 AND status <> 'sent'`, string(status), reason, id); err != nil {
		return fmt.Errorf("record message %d not sent: %w", id, err)
	}
	return nil
}

// ResendNotice sends a failed message again: a new round of attempts,
// enqueued in the transaction that records it in the audit log.
func (d *DB) ResendNotice(ctx context.Context, by heed.Actor, id int64) error {
	on := d.noticesOn()
	if on == nil {
		return heed.Errorf(heed.EINVALID, "Heed is not set up to send email: see [mail] in heed.toml.")
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("send message %d again: %w", id, err)
	}
	defer tx.Rollback()
	n, err := scanNotice(tx.QueryRowContext(ctx, `SELECT `+noticeColumns+` FROM outbox WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return heed.Errorf(heed.ENOTFOUND, "There is no message number %d.", id)
	}
	if err != nil {
		return fmt.Errorf("send message %d again: %w", id, err)
	}
	if n.Status != heed.NoticeFailed {
		return heed.Errorf(heed.ECONFLICT, "Message %d is %s: only a failed message can be sent again.", id, strings.ToLower(n.Status.Label()))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'queued', round = round + 1, last_error = '' WHERE id = $1`, id); err != nil {
		return fmt.Errorf("send message %d again: %w", id, err)
	}
	if err := on.Queue.EnqueueDeliveryTx(ctx, tx, id, n.Round+1); err != nil {
		return err
	}
	e := heed.AuditEntry{RecordID: n.RecordID, Actor: by.Name, Action: heed.AuditNoticeResent,
		Note: fmt.Sprintf("message %d (%s)", id, n.Kind.Label())}
	if err := d.appendAudit(ctx, tx, e); err != nil {
		return err
	}
	return tx.Commit()
}

// Notices lists the outbox messages f selects, newest first, with how many
// it selects in all.
func (d *DB) Notices(ctx context.Context, f heed.NoticeFilter) ([]heed.Notice, int, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.Status != "" {
		add("status = ?", string(f.Status))
	}
	if f.Kind != "" {
		add("kind = ?", string(f.Kind))
	}
	if f.RecordID != 0 {
		add("record_id = ?", f.RecordID)
	}
	if !f.From.IsZero() {
		add("created_at >= ?", dayStart(f.From))
	}
	if !f.To.IsZero() {
		add("created_at < ?", dayStart(f.To.AddDays(1)))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := d.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count messages: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 25
	}
	rows, err := d.db.QueryContext(ctx, `SELECT `+noticeColumns+` FROM outbox`+cond+
		fmt.Sprintf(` ORDER BY id DESC LIMIT %d OFFSET %d`, limit, max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []heed.Notice
	for rows.Next() {
		n, err := scanNotice(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list messages: %w", err)
		}
		out = append(out, n)
	}
	return out, total, rows.Err()
}

// dayStart is the first instant of day in Europe/London, in UTC.
func dayStart(day calendar.Date) time.Time {
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		zone = time.UTC
	}
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, zone).UTC()
}

// SetNoticeDigest records a user's choice: their notices as they come
// (false), or gathered in one daily digest (true). The change is in the
// audit log.
func (d *DB) SetNoticeDigest(ctx context.Context, by heed.Actor, userID int64, digest bool) error {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save the choice of messages: %w", err)
	}
	defer tx.Rollback()
	var name string
	var was bool
	err = tx.QueryRowContext(ctx, `SELECT username, notice_digest FROM users WHERE id = $1`, userID).Scan(&name, &was)
	if errors.Is(err, sql.ErrNoRows) {
		return heed.Errorf(heed.ENOTFOUND, "There is no such user.")
	}
	if err != nil {
		return fmt.Errorf("save the choice of messages: %w", err)
	}
	if was == digest {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET notice_digest = $1 WHERE id = $2`, digest, userID); err != nil {
		return fmt.Errorf("save the choice of messages: %w", err)
	}
	choice := map[bool]string{false: "immediate", true: "daily digest"}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditUserChanged, Note: "user " + name + " chose their messages",
		Changes: []heed.Change{{Field: "messages", Old: choice[was], New: choice[digest]}}}); err != nil {
		return err
	}
	return tx.Commit()
}

// NoticeDigest reports whether the user chose a daily digest.
func (d *DB) NoticeDigest(ctx context.Context, userID int64) (bool, error) {
	var digest bool
	if err := d.db.QueryRowContext(ctx, `SELECT notice_digest FROM users WHERE id = $1`, userID).Scan(&digest); err != nil {
		return false, fmt.Errorf("read the choice of messages: %w", err)
	}
	return digest, nil
}
