// Package notify does the queue's work: it sends the outbox's messages by
// email, and runs the daily job that queues reminders, overdue notices and
// digests.
package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/mail"
)

// Store is what the work needs of Heed's store (sqlstore.DB).
type Store interface {
	NoticeToSend(ctx context.Context, id int64) (heed.Notice, bool, error)
	NoticeSent(ctx context.Context, id int64) error
	NoticeNotSent(ctx context.Context, id int64, reason string, final bool) error
	QueueDaily(ctx context.Context, day string) (int, error)
}

// Sender sends email (mail.Sender).
type Sender interface {
	Send(ctx context.Context, msgs ...mail.Message) error
}

// addresses finds email addresses in a mail server's reply.
var addresses = regexp.MustCompile(`[^\s<>"']+@[^\s<>"']+`)

// Worker sends messages.
type Worker struct {
	Store  Store
	Sender Sender
	// Domain ends each message's Message-ID: heed-outbox-<id>@<Domain>.
	Domain string
	Logger *slog.Logger
}

// Deliver sends outbox message id. A failure is recorded on the message
// and returned, so that the queue tries again later; on the final attempt
// the message is marked failed for an officer to send again.
//
// A message is sent at least once: were Heed stopped after the mail server
// took a message but before it was marked sent, it is sent again, with the
// same Message-ID, which mail systems use to tell a message seen already.
func (w *Worker) Deliver(ctx context.Context, id int64, final bool) error {
	n, ok, err := w.Store.NoticeToSend(ctx, id)
	if err != nil || !ok {
		return err
	}
	msg := mail.Message{ID: fmt.Sprintf("heed-outbox-%d@%s", n.ID, w.Domain), To: n.To, Subject: n.Subject, Body: n.Body}
	if err := w.Sender.Send(ctx, msg); err != nil {
		// The server's reply may quote the address: it is kept on the
		// message, for officers, but never logged, and River, which logs
		// a job's errors, is given it without addresses.
		why := reason(err)
		safe := addresses.ReplaceAllString(why, "[address]")
		w.log().Warn("a message was not sent", "message", id, "kind", string(n.Kind), "attempt", n.Attempts, "final", final, "error", safe)
		if rerr := w.Store.NoticeNotSent(ctx, id, why, final); rerr != nil {
			return rerr
		}
		return errors.New(safe)
	}
	return w.Store.NoticeSent(ctx, id)
}

// Daily queues day's reminders, overdue notices and digests. The store
// queues each once, however often it runs.
func (w *Worker) Daily(ctx context.Context, day string) error {
	n, err := w.Store.QueueDaily(ctx, day)
	if err != nil {
		return err
	}
	w.log().Info("queued the day's messages", "day", day, "messages", n)
	return nil
}

func (w *Worker) log() *slog.Logger {
	if w.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Logger
}

// reason is why a message was not sent, for the outbox: the mail server's
// reply, without the message's id.
func reason(err error) string {
	s := err.Error()
	if i := strings.Index(s, ", affected message ID"); i > 0 {
		s = s[:i]
	}
	return s
}
