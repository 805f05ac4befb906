// Package mail sends Heed's email over SMTP, with
// github.com/wneessen/go-mail.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Config is the SMTP server's: see config.Mail.
type Config struct {
	Host     string
	Port     int
	Security string // none, starttls or tls
	User     string
	Password string
	From     string
	// TLS, when set, replaces the default TLS configuration (tests that
	// trust their own certificate).
	TLS *tls.Config
	// Timeout bounds connecting and each command (30 seconds).
	Timeout time.Duration
}

// Message is one email, in plain text.
type Message struct {
	// ID makes the Message-ID header, so that a message sent twice (the
	// server took it, but Heed stopped before it could record so) is
	// known by its recipient's system as one.
	ID      string
	To      string
	Subject string
	Body    string
}

// Sender sends messages through one SMTP server.
type Sender struct{ cfg Config }

// New checks cfg and returns its sender.
func New(cfg Config) (*Sender, error) {
	if cfg.Host == "" {
		return nil, errors.New("mail: no SMTP host")
	}
	if cfg.From == "" {
		return nil, errors.New("mail: no From address")
	}
	switch cfg.Security {
	case "", "starttls", "tls", "none":
	default:
		return nil, fmt.Errorf("mail: unknown security %q", cfg.Security)
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Sender{cfg: cfg}, nil
}

func (s *Sender) client() (*gomail.Client, error) {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.Security {
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case "tls":
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.TLS != nil {
		opts = append(opts, gomail.WithTLSConfig(s.cfg.TLS))
	}
	if s.cfg.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(s.cfg.User), gomail.WithPassword(s.cfg.Password))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// Send sends the messages over one connection. An error names the
// server's reply; none of the messages' contents.
func (s *Sender) Send(ctx context.Context, msgs ...Message) error {
	c, err := s.client()
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	out := make([]*gomail.Msg, 0, len(msgs))
	for _, m := range msgs {
		g := gomail.NewMsg()
		if err := g.From(s.cfg.From); err != nil {
			return fmt.Errorf("mail: From address: %w", err)
		}
		if err := g.To(m.To); err != nil {
			return fmt.Errorf("mail: the recipient's address is not one an email can go to")
		}
		g.Subject(m.Subject)
		g.SetDate()
		if m.ID != "" {
			g.SetMessageIDWithValue(m.ID)
		}
		g.SetBodyString(gomail.TypeTextPlain, m.Body)
		out = append(out, g)
	}
	if err := c.DialAndSendWithContext(ctx, out...); err != nil {
		return fmt.Errorf("mail: send through %s:%d: %w", s.cfg.Host, s.cfg.Port, err)
	}
	return nil
}
