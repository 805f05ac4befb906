package notify

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/mail"
)

type fakeStore struct {
	n          heed.Notice
	why        string
	final, hit bool
}

func (f *fakeStore) NoticeToSend(context.Context, int64) (heed.Notice, bool, error) {
	return f.n, true, nil
}
func (f *fakeStore) NoticeSent(context.Context, int64) error { return nil }
func (f *fakeStore) NoticeNotSent(_ context.Context, _ int64, why string, final bool) error {
	f.why, f.final, f.hit = why, final, true
	return nil
}
func (f *fakeStore) QueueDaily(context.Context, string) (int, error) { return 0, nil }

type refusing struct{}

func (refusing) Send(context.Context, ...mail.Message) error {
	return errors.New(`mail: send failed: sending SMTP RCPT TO command: 550 5.1.1 <pat.example@example.org>: unknown user, affected message ID: <heed-outbox-1@heed.example>`)
}

// TestDeliverKeepsAddressesOutOfLogs: a reply that quotes the recipient is
// kept on the message for officers, but River (which logs job errors) and
// Heed's log get it without the address.
func TestDeliverKeepsAddressesOutOfLogs(t *testing.T) {
	var log strings.Builder
	s := &fakeStore{n: heed.Notice{ID: 1, Kind: heed.NoticeAcknowledgement, To: "pat.example@example.org"}}
	w := &Worker{Store: s, Sender: refusing{}, Domain: "heed.example", Logger: newTextLogger(&log)}
	err := w.Deliver(context.Background(), 1, true)
	if err == nil || strings.Contains(err.Error(), "@") || !strings.Contains(err.Error(), "550 5.1.1 <[address]>") {
		t.Errorf("error for River: %v", err)
	}
	if strings.Contains(log.String(), "pat.example") || !strings.Contains(log.String(), "unknown user") {
		t.Errorf("log: %s", log.String())
	}
	if !s.hit || !s.final || !strings.Contains(s.why, "<pat.example@example.org>: unknown user") || strings.Contains(s.why, "affected message ID") {
		t.Errorf("kept on the message: %q (final %v)", s.why, s.final)
	}
}

func newTextLogger(w *strings.Builder) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
