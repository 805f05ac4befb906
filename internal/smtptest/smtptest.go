// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) in
// a test's process and keeps what it is sent.
package smtptest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one message the server took.
type Message struct {
	From, To string
	ID       string // the Message-ID, without its angle brackets
	Subject  string
	Body     string
}

// Server is an SMTP server on a loopback port, without TLS.
type Server struct {
	Host string
	Port int

	mu   sync.Mutex
	msgs []Message
	down bool // refuse every message, as a server in trouble does
	wait chan struct{}

	stall   chan struct{} // while not nil, MAIL FROM waits until it is closed
	stalled int           // how many sessions have waited so
	srv     *smtp.Server
	ln      net.Listener
	addr    string
}

// Start starts a server that t stops.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{wait: make(chan struct{})}
	if err := s.listen("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Stop() })
	return s
}

func (s *Server) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	a := ln.Addr().(*net.TCPAddr)
	s.mu.Lock()
	s.srv, s.ln, s.addr = srv, ln, ln.Addr().String()
	s.Host, s.Port = "127.0.0.1", a.Port
	s.mu.Unlock()
	go srv.Serve(ln)
	return nil
}

// Stop closes the server: connections to its port are refused.
func (s *Server) Stop() {
	s.Stall(false)
	s.mu.Lock()
	srv := s.srv
	s.srv = nil
	s.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// Restart opens the server again on the same port.
func (s *Server) Restart() error {
	return s.listen(s.addr)
}

// SetDown makes the server refuse (down) or take messages.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

// Stall makes every session wait at MAIL FROM (on) until Stall(false),
// and then refuse the message: a sender caught in the middle of sending.
func (s *Server) Stall(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case on && s.stall == nil:
		s.stall = make(chan struct{})
	case !on && s.stall != nil:
		close(s.stall)
		s.stall = nil
	}
}

// Stalled returns how many sessions have waited at MAIL FROM.
func (s *Server) Stalled() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stalled
}

// Messages returns a copy of what the server took, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// WaitFor waits until the server has taken n messages, or fails t after
// timeout.
func (s *Server) WaitFor(t testing.TB, n int, timeout time.Duration) []Message {
	t.Helper()
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		got, wait := len(s.msgs), s.wait
		s.mu.Unlock()
		if got >= n {
			return s.Messages()
		}
		select {
		case <-wait:
		case <-deadline:
			t.Fatalf("the SMTP server took %d messages in %s, want %d", got, timeout, n)
		}
	}
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s        *Server
	from, to string
}

func (x *session) AuthMechanisms() []string { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.s.mu.Lock()
	down, stall := x.s.down, x.s.stall
	if stall != nil {
		x.s.stalled++
	}
	x.s.mu.Unlock()
	if stall != nil {
		<-stall
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Service not available"}
	}
	if down {
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Service not available"}
	}
	x.from = from
	return nil
}
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error { x.to = to; return nil }
func (x *session) Reset()                                    { x.from, x.to = "", "" }
func (x *session) Logout() error                             { return nil }

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return errors.New("unreadable message")
	}
	var body io.Reader = m.Body
	switch strings.ToLower(m.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return errors.New("unreadable body")
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		subject = m.Header.Get("Subject")
	}
	msg := Message{From: x.from, To: x.to, ID: strings.Trim(m.Header.Get("Message-Id"), "<>"), Subject: subject,
		Body: strings.ReplaceAll(string(text), "\r\n", "\n")}
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, msg)
	close(x.s.wait)
	x.s.wait = make(chan struct{})
	x.s.mu.Unlock()
	return nil
}
