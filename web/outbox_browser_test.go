package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/internal/smtptest"
	"github.com/heedhq/heed/mail"
	"github.com/heedhq/heed/notify"
	"github.com/heedhq/heed/queue"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// sendingTo makes app's store send its messages to srv through a real
// queue, trying each maxAttempts times.
func sendingTo(t *testing.T, app *testApp, srv *smtptest.Server, maxAttempts int) {
	t.Helper()
	sender, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "none", From: "complaints@example.gov.uk", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	w := &notify.Worker{Store: app.Store, Sender: sender, Domain: "heed.example.gov.uk"}
	q, err := queue.New(string(app.Store.Dialect()), app.Store.SQL(), &queue.Handlers{Deliver: w.Deliver, Daily: w.Daily},
		queue.Options{PollInterval: 20 * time.Millisecond, RetryBase: 20 * time.Millisecond, MaxAttempts: maxAttempts, NoDaily: true})
	if err != nil {
		t.Fatal(err)
	}
	app.Store.SetNotices(sqlstore.Notices{Council: "Example Council", PublicURL: app.URL, Queue: q})
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
}

// TestOutboxInTheBrowser: the outbox with a failed message and its error,
// its filters' error state, sending the message again; the email
// templates, one in its filled, preview and error states, and saved. axe-core
// finds no violation on any.
func TestOutboxInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite, func(s *Server) { s.SendsEmail = true })
	srv := smtptest.Start(t)
	srv.SetDown(true)
	sendingTo(t, app, srv, 1)
	ctx := context.Background()
	rec := &heed.Record{Type: heed.TypeComplaint, Received: calendar.DateOf(testNow), ServiceArea: "Highways", Procedure: heed.Corporate}
	if err := app.Store.CreateAcknowledged(ctx, storetest.Actor, rec, "CMP", "resident@example.org"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		ns, _, err := app.Store.Notices(ctx, heed.NoticeFilter{Status: heed.NoticeFailed})
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the message never failed")
		}
		time.Sleep(20 * time.Millisecond)
	}

	b := newBrowserSession(t, app)
	b.prefix = "outbox-"
	b.signIn("officer")

	// The new-contact form asks for the address, and refuses a bad one.
	b.do(chromedp.Navigate(app.URL+"/cases/new"), chromedp.WaitVisible(chromedp.CSS("#ack_email")),
		chromedp.SetValue(chromedp.CSS("#service_area"), "Highways"),
		chromedp.SetValue(chromedp.CSS("#ack_email"), "resident at example.org"))
	b.check("new-contact-filled")
	b.submit(true)
	if got := b.main(); !strings.Contains(got, "Enter an email address in the correct format") {
		t.Errorf("a bad address: %q", got)
	}
	b.check("new-contact-error")

	b.visit("failed", "/outbox", rec.Reference, "Failed", "Service not available", "Send again")
	b.visit("filtered", "/outbox?status=sent&kind=acknowledgement", "No messages match these filters.")
	b.do(chromedp.Navigate(app.URL+"/outbox?from-day=yesterday&from-month=1&from-year=2026&kind=letters"), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	if got := b.main(); !strings.Contains(got, "Queued from must be a real date") || !strings.Contains(got, "Choose a kind of email from the list") {
		t.Errorf("outbox filters in error: %q", got)
	}
	b.check("filter-error")
	srv.SetDown(false)
	b.do(chromedp.Navigate(app.URL+"/outbox?status=failed"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	b.leave(chromedp.Click(chromedp.CSS(`main form[action$="/resend"] button`)), ".govuk-notification-banner--success")
	b.check("resent")
	got := srv.WaitFor(t, 1, 10*time.Second)
	if got[0].To != "resident@example.org" || !strings.Contains(got[0].Body, rec.Reference) {
		t.Errorf("sent again: %+v", got[0])
	}

	b.prefix = "messages-"
	b.visit("choice", "/account/messages", "Each as it comes")
	b.do(chromedp.Click(chromedp.CSS("#messages-2")))
	b.leave(chromedp.Click(chromedp.CSS(`main form button[type=submit]`)), ".govuk-notification-banner--success")
	b.check("saved")
	if digest, err := app.Store.NoticeDigest(ctx, mustUser(t, app, "officer").ID); err != nil || !digest {
		t.Errorf("the officer's choice: digest %v, %v", digest, err)
	}

	b.prefix = "emails-"
	b.signIn("admin")
	b.visit("list", "/admin/emails", "Acknowledgement", "Overdue notice")
	b.visit("acknowledgement", "/admin/emails/acknowledgement", "Preview", "CMP-2026-00042", "Local Government and Social Care Ombudsman")
	b.do(chromedp.SetValue(chromedp.CSS("#template"), "Your reference {{.Reference}\n\nBody"))
	b.leave(chromedp.Click(chromedp.CSS(`button[value=save]`)), ".govuk-error-summary")
	if got := b.main(); !strings.Contains(got, "The template cannot be read") {
		t.Errorf("a broken template: %q", got)
	}
	b.check("error")
	b.do(chromedp.SetValue(chromedp.CSS("#template"), "Thank you: {{.Reference}}\n\nWe will reply by {{.ReplyBy}}."))
	b.leave(chromedp.Click(chromedp.CSS(`button[value=preview]`)), "main .govuk-inset-text")
	if got := b.main(); !strings.Contains(got, "Preview of your changes") || !strings.Contains(got, "Thank you: CMP-2026-00042") {
		t.Errorf("preview: %q", got)
	}
	b.check("preview")
	b.leave(chromedp.Click(chromedp.CSS(`button[value=save]`)), ".govuk-notification-banner--success")
	b.check("saved")
	text, version, err := app.Store.NoticeTemplate(ctx, heed.NoticeAcknowledgement)
	if err != nil || version != 1 || !strings.HasPrefix(text, "Thank you: {{.Reference}}") {
		t.Errorf("saved template: version %d, %q, %v", version, text, err)
	}
}
