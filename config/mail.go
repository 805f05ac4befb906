package config

import (
	"net/mail"
	"strings"
	"time"
)

// Mail is how Heed sends email: an SMTP server. Email is off when the file
// names no host.
type Mail struct {
	Host string
	Port int
	// Security is "none", "starttls" (the default) or "tls".
	Security string
	User     string
	// Password comes from the environment variable HEED_SMTP_PASSWORD,
	// never from the file.
	Password string
	From     string // the From address, such as complaints@example.gov.uk
	// ReminderDays is how many working days before a stage's deadline its
	// investigator is reminded (3).
	ReminderDays int
	// PollInterval, RetryBase and RescueAfter tune the queue (see
	// queue.Options): how often it looks for work, the first retry's
	// delay, and how long a message being sent by a process that died is
	// left before another takes it. Zero: the queue's defaults.
	PollInterval, RetryBase, RescueAfter time.Duration
}

// SMTPPasswordVar is the environment variable holding the SMTP password.
const SMTPPasswordVar = "HEED_SMTP_PASSWORD"

// The mail security modes.
var mailSecurity = []string{"none", "starttls", "tls"}

type mailKeys struct {
	Host          *string  `toml:"host"`
	Port          *int     `toml:"port"`
	Security      *string  `toml:"security"`
	User          *string  `toml:"user"`
	Password      *string  `toml:"password"`
	From          *string  `toml:"from"`
	ReminderDays  *int     `toml:"reminder_days"`
	PollSeconds   *float64 `toml:"poll_seconds"`
	RetrySeconds  *float64 `toml:"retry_seconds"`
	RescueSeconds *float64 `toml:"rescue_seconds"`
}

// parseMail reads the [mail] table.
func (c *Config) parseMail(k mailKeys, getenv func(string) string, add func(key, format string, args ...any)) {
	c.Mail = Mail{Port: 587, Security: "starttls", ReminderDays: 3}
	if k.Password != nil {
		add("mail.password", "do not write the password in the file: set the environment variable %s", SMTPPasswordVar)
	}
	if k.ReminderDays != nil {
		if *k.ReminderDays < 0 || *k.ReminderDays > 20 {
			add("mail.reminder_days", "must be between 0 and 20 working days, not %d", *k.ReminderDays)
		} else {
			c.Mail.ReminderDays = *k.ReminderDays
		}
	}
	for _, t := range []struct {
		key      string
		v        *float64
		to       *time.Duration
		min, max float64
	}{
		{"mail.poll_seconds", k.PollSeconds, &c.Mail.PollInterval, 0.01, 60},
		{"mail.retry_seconds", k.RetrySeconds, &c.Mail.RetryBase, 0.01, 3600},
		{"mail.rescue_seconds", k.RescueSeconds, &c.Mail.RescueAfter, 1, 86400},
	} {
		if t.v == nil {
			continue
		}
		if *t.v < t.min || *t.v > t.max {
			add(t.key, "must be between %g and %g seconds, not %g", t.min, t.max, *t.v)
			continue
		}
		*t.to = time.Duration(*t.v * float64(time.Second))
	}
	if k.Host == nil || strings.TrimSpace(*k.Host) == "" {
		return
	}
	c.Mail.Host = strings.TrimSpace(*k.Host)
	if k.Security != nil {
		s := strings.ToLower(strings.TrimSpace(*k.Security))
		switch s {
		case "none", "starttls", "tls":
			c.Mail.Security = s
		default:
			add("mail.security", "must be one of %s, not %q", strings.Join(mailSecurity, ", "), *k.Security)
		}
	}
	if c.Mail.Security == "tls" {
		c.Mail.Port = 465
	}
	if k.Port != nil {
		if *k.Port < 1 || *k.Port > 65535 {
			add("mail.port", "must be a port number from 1 to 65535, not %d", *k.Port)
		} else {
			c.Mail.Port = *k.Port
		}
	}
	if k.User != nil {
		c.Mail.User = strings.TrimSpace(*k.User)
	}
	c.Mail.Password = getenv(SMTPPasswordVar)
	if c.Mail.User != "" && c.Mail.Password == "" {
		add("mail", "signing in to the mail server as %q needs the password in the environment variable %s", c.Mail.User, SMTPPasswordVar)
	}
	if k.From == nil || strings.TrimSpace(*k.From) == "" {
		add("mail.from", "is needed to send email: the address messages come from, such as complaints@example.gov.uk")
		return
	}
	if a, err := mail.ParseAddress(strings.TrimSpace(*k.From)); err != nil {
		add("mail.from", "is not an email address: %q", *k.From)
	} else {
		c.Mail.From = a.Address
	}
}
