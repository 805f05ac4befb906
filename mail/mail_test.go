package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed/internal/smtptest"
	"github.com/heedhq/heed/mail"
)

func TestSend(t *testing.T) {
	srv := smtptest.Start(t)
	s, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "none", From: "complaints@example.gov.uk"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []mail.Message{
		{ID: "heed-1@example.gov.uk", To: "pat@example.org", Subject: "Your complaint CMP-2026-00001", Body: "We received it.\nWe will reply by 5 January 2027."},
		{ID: "heed-2@example.gov.uk", To: "sam@example.org", Subject: "Stage 1 of CMP-2026-00002 is yours — due soon", Body: "Line one\nLine two £5"},
	}
	if err := s.Send(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
	got := srv.WaitFor(t, 2, 5*time.Second)
	for i, m := range msgs {
		g := got[i]
		if g.To != m.To || g.ID != m.ID || g.Subject != m.Subject || strings.TrimSpace(g.Body) != m.Body || g.From != "complaints@example.gov.uk" {
			t.Errorf("message %d: got %+v, want %+v", i, g, m)
		}
	}
}

func TestSendDown(t *testing.T) {
	srv := smtptest.Start(t)
	s, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "none", From: "complaints@example.gov.uk", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	msg := mail.Message{To: "pat@example.org", Subject: "s", Body: "b"}
	srv.SetDown(true)
	if err := s.Send(context.Background(), msg); err == nil {
		t.Fatal("a server refusing mail: no error")
	}
	srv.Stop()
	if err := s.Send(context.Background(), msg); err == nil {
		t.Fatal("no server: no error")
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	srv.SetDown(false)
	if err := s.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages taken, want 1", n)
	}
}

func TestNewRefuses(t *testing.T) {
	for _, c := range []mail.Config{
		{From: "a@example.org"},
		{Host: "localhost"},
		{Host: "localhost", From: "a@example.org", Security: "ssl"},
	} {
		if _, err := mail.New(c); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}
