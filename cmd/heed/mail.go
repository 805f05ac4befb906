package main

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/heedhq/heed/config"
	"github.com/heedhq/heed/mail"
	"github.com/heedhq/heed/notify"
	"github.com/heedhq/heed/queue"
	"github.com/heedhq/heed/sqlstore"
)

// startMail starts sending email when heed.toml's [mail] names a server:
// the queue works the outbox (see package queue) until stop is called. It
// returns a stop that does nothing when email is off.
func startMail(ctx context.Context, cfg *config.Config, db *sqlstore.DB, publicURL string, log *slog.Logger) (stop func(), err error) {
	m := cfg.Mail
	if m.Host == "" {
		log.Info("email is off: heed.toml names no [mail] host")
		return func() {}, nil
	}
	sender, err := mail.New(mail.Config{Host: m.Host, Port: m.Port, Security: m.Security, User: m.User, Password: m.Password, From: m.From})
	if err != nil {
		return nil, err
	}
	domain := "heed.invalid"
	if u, err := url.Parse(publicURL); err == nil && u.Hostname() != "" {
		domain = u.Hostname()
	}
	w := &notify.Worker{Store: db, Sender: sender, Domain: domain, Logger: log}
	q, err := queue.New(string(db.Dialect()), db.SQL(), &queue.Handlers{Deliver: w.Deliver, Daily: w.Daily},
		queue.Options{Logger: log, PollInterval: m.PollInterval, RetryBase: m.RetryBase, RescueAfter: m.RescueAfter})
	if err != nil {
		return nil, err
	}
	db.SetNotices(sqlstore.Notices{Council: cfg.CouncilName, PublicURL: publicURL, Queue: q, ReminderDays: m.ReminderDays})
	if err := q.Start(ctx); err != nil {
		return nil, err
	}
	log.Info("sending email", "server", m.Host, "port", m.Port, "security", m.Security)
	return func() {
		stopping, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(stopping); err != nil {
			log.Warn("the queue did not stop cleanly", "error", err)
		}
	}, nil
}
