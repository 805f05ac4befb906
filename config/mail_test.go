package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestMail reads [mail]: off without a host; the password only from the
// environment; a bad value named by its line.
func TestMail(t *testing.T) {
	cfg, err := Load(write(t, Example()), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Mail.Host != "" || cfg.Mail.ReminderDays != 3 {
		t.Errorf("the example's mail: %+v", cfg.Mail)
	}
	cfg, err = Load(write(t, "[mail]\nhost = \"smtp.example.gov.uk\"\nsecurity = \"tls\"\nuser = \"heed\"\nfrom = \"complaints@example.gov.uk\"\nreminder_days = 5\npoll_seconds = 0.5\n"),
		env(map[string]string{SMTPPasswordVar: "secret"}))
	if err != nil {
		t.Fatal(err)
	}
	want := Mail{Host: "smtp.example.gov.uk", Port: 465, Security: "tls", User: "heed", Password: "secret", From: "complaints@example.gov.uk",
		ReminderDays: 5, PollInterval: 500 * time.Millisecond}
	if cfg.Mail != want {
		t.Errorf("mail = %+v, want %+v", cfg.Mail, want)
	}
	for _, tt := range []struct {
		file, key string
		line      int
		says      string
	}{
		{"[mail]\nhost = \"smtp\"\nfrom = \"a@example.org\"\npassword = \"x\"\n", "mail.password", 4, SMTPPasswordVar},
		{"[mail]\nhost = \"smtp\"\nfrom = \"a@example.org\"\nsecurity = \"ssl\"\n", "mail.security", 4, "none, starttls, tls"},
		{"[mail]\nhost = \"smtp\"\nfrom = \"a@example.org\"\nport = 0\n", "mail.port", 4, "1 to 65535"},
		{"[mail]\nhost = \"smtp\"\nfrom = \"not an address\"\n", "mail.from", 3, "not an email address"},
		{"[mail]\nhost = \"smtp\"\n", "mail.from", 0, "is needed"},
		{"[mail]\nreminder_days = 30\n", "mail.reminder_days", 2, "between 0 and 20"},
		{"[mail]\nhost = \"smtp\"\nfrom = \"a@example.org\"\nuser = \"heed\"\n", "mail", 0, SMTPPasswordVar},
	} {
		_, err := Load(write(t, tt.file), env(nil))
		var errs Errors
		if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != tt.key || (tt.line > 0 && errs[0].Line != tt.line) ||
			!strings.Contains(errs[0].Message, tt.says) {
			t.Errorf("%q: %v", tt.file, err)
		}
	}
}
