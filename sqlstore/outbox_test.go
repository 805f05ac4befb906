package sqlstore_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/internal/smtptest"
	"github.com/heedhq/heed/mail"
	"github.com/heedhq/heed/notify"
	"github.com/heedhq/heed/queue"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// sending starts a queue working on db's outbox, sending to srv, stopped
// when the test ends.
func sending(t *testing.T, db *sqlstore.DB, srv *smtptest.Server, maxAttempts int) {
	t.Helper()
	sender, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "none", From: "complaints@example.gov.uk", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	w := &notify.Worker{Store: db, Sender: sender, Domain: "heed.example.gov.uk"}
	q, err := queue.New(string(db.Dialect()), db.SQL(), &queue.Handlers{Deliver: w.Deliver, Daily: w.Daily},
		queue.Options{PollInterval: 20 * time.Millisecond, RetryBase: 50 * time.Millisecond, MaxAttempts: maxAttempts, NoDaily: true})
	if err != nil {
		t.Fatal(err)
	}
	db.SetNotices(sqlstore.Notices{Council: "Example Council", PublicURL: "https://heed.example.gov.uk", Queue: q, ReminderDays: 3})
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
}

func notices(t *testing.T, db *sqlstore.DB, f heed.NoticeFilter) []heed.Notice {
	t.Helper()
	ns, _, err := db.Notices(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return ns
}

// waitStatus waits until message id has the status.
func waitStatus(t *testing.T, db *sqlstore.DB, id int64, want heed.NoticeStatus) heed.Notice {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		for _, n := range notices(t, db, heed.NoticeFilter{Limit: 1000}) {
			if n.ID == id && n.Status == want {
				return n
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("message %d never became %s", id, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestNotificationsDeliveredOnce: an officer's new contact with the
// complainant's email address sends the acknowledgement, with the
// reference, the date they will hear by and the Ombudsman; allocating a
// stage tells its investigator; an import sends nothing. Each is delivered
// once, and is on the case's correspondence.
func TestNotificationsDeliveredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		srv := smtptest.Start(t)
		sending(t, db, srv, 5)
		inv := &heed.User{Username: "sam", DisplayName: "Sam Investigator", Email: "sam@example.gov.uk", Role: heed.RoleInvestigator}
		if err := db.CreateUser(ctx, storetest.Actor, inv); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{complaintIn("OLD-1", "Education", "Delay")}, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		rec := complaintIn("", "Education", "Delay")
		rec.Received = d("2026-11-02")
		rec.ComplainantName = "Jamie Child"
		if err := db.CreateAcknowledged(ctx, storetest.Actor, rec, "CMP", "parent@example.org"); err != nil {
			t.Fatal(err)
		}
		got := srv.WaitFor(t, 1, 15*time.Second)
		ack := got[0]
		if ack.To != "parent@example.org" || !strings.Contains(ack.Subject, rec.Reference) {
			t.Errorf("acknowledgement: to %s, subject %q", ack.To, ack.Subject)
		}
		deadline := rec.Stage(1).Deadline.Long()
		for _, want := range []string{rec.Reference, "2 November 2026", "reply to you by " + deadline, "Local Government and Social Care Ombudsman"} {
			if !strings.Contains(ack.Body, want) {
				t.Errorf("acknowledgement lacks %q:\n%s", want, ack.Body)
			}
		}
		if strings.Contains(ack.Subject+ack.Body, "Jamie") {
			t.Errorf("the acknowledgement names the complainant:\n%s\n%s", ack.Subject, ack.Body)
		}

		rec.Stages[0].Investigator = "sam"
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		rec.Summary = "a change that allocates nobody"
		if err := db.UpdateRecord(ctx, storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		got = srv.WaitFor(t, 2, 15*time.Second)
		if a := got[1]; a.To != "sam@example.gov.uk" || a.Subject != "Stage 1 of "+rec.Reference+" is allocated to you" ||
			!strings.Contains(a.Body, "https://heed.example.gov.uk/cases/"+rec.Reference) {
			t.Errorf("allocation: %+v", a)
		}
		ns := notices(t, db, heed.NoticeFilter{RecordID: rec.ID})
		for _, n := range ns {
			waitStatus(t, db, n.ID, heed.NoticeSent)
		}
		time.Sleep(300 * time.Millisecond) // time for any duplicate to arrive
		if got := srv.Messages(); len(got) != 2 || len(ns) != 2 {
			t.Fatalf("%d messages delivered, %d in the outbox, want 2 each", len(got), len(ns))
		}
		ids := map[string]bool{}
		for _, m := range srv.Messages() {
			ids[m.ID] = true
		}
		if len(ids) != 2 {
			t.Errorf("message ids %v: want two different", ids)
		}
		file, err := db.CaseFile(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		var sent []string
		for _, c := range file.Correspondence {
			if c.Channel == heed.ChannelEmail && c.Direction == heed.DirectionOut {
				sent = append(sent, c.Summary)
			}
		}
		if len(sent) != 2 || !strings.Contains(strings.Join(sent, "|"), "to the complainant") || !strings.Contains(strings.Join(sent, "|"), "to sam") {
			t.Errorf("correspondence: %q", sent)
		}
		history, err := db.RecordHistory(ctx, rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		byMail := 0
		for _, e := range history {
			if e.Actor == "heed:mail" && e.Action == heed.AuditCorrespondenceAdded {
				byMail++
			}
		}
		if byMail != 2 {
			t.Errorf("%d lines of history by heed:mail, want 2", byMail)
		}
	})
}

// TestNotificationRetried: a mail server that is down is tried again, and
// the message delivered once when it is back; one that stays down past
// every attempt leaves the message failed with its error, and an officer
// sends it again.
func TestNotificationRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		srv := smtptest.Start(t)
		srv.SetDown(true)
		sending(t, db, srv, 3)
		rec := complaintIn("R-1", "Education", "Delay")
		rec.Received = d("2026-11-02")
		if err := db.CreateAcknowledged(ctx, storetest.Actor, rec, "", "parent@example.org"); err != nil {
			t.Fatal(err)
		}
		n := waitStatus(t, db, notices(t, db, heed.NoticeFilter{})[0].ID, heed.NoticeFailed)
		if n.Attempts != 3 || !strings.Contains(n.LastError, "Service not available") {
			t.Errorf("failed message: attempts %d, error %q", n.Attempts, n.LastError)
		}
		if len(srv.Messages()) != 0 {
			t.Fatal("a server that is down took a message")
		}
		if err := db.ResendNotice(ctx, storetest.Actor, 9999); !isCode(err, heed.ENOTFOUND) {
			t.Errorf("sending no message again: %v, want not found", err)
		}
		srv.SetDown(false)
		if err := db.ResendNotice(ctx, heed.Actor{Name: "jo.smith"}, n.ID); err != nil {
			t.Fatal(err)
		}
		srv.WaitFor(t, 1, 15*time.Second)
		waitStatus(t, db, n.ID, heed.NoticeSent)
		if err := db.ResendNotice(ctx, storetest.Actor, n.ID); !isCode(err, heed.ECONFLICT) {
			t.Errorf("sending a sent message again: %v, want a conflict", err)
		}
		log, _, err := db.AuditLog(ctx, heed.AuditFilter{Actor: "jo.smith"})
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 1 || log[0].Action != heed.AuditNoticeResent {
			t.Errorf("audit of sending again: %+v", log)
		}

		// Down for the first tries, then back: delivered once.
		srv.SetDown(true)
		rec2 := complaintIn("R-2", "Education", "Delay")
		rec2.Received = d("2026-11-02")
		if err := db.CreateAcknowledged(ctx, storetest.Actor, rec2, "", "carer@example.org"); err != nil {
			t.Fatal(err)
		}
		id := notices(t, db, heed.NoticeFilter{RecordID: rec2.ID})[0].ID
		deadline := time.Now().Add(10 * time.Second)
		for notices(t, db, heed.NoticeFilter{RecordID: rec2.ID})[0].Attempts < 1 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		srv.SetDown(false)
		waitStatus(t, db, id, heed.NoticeSent)
		if got := srv.Messages(); len(got) != 2 || got[1].To != "carer@example.org" {
			t.Errorf("after the server came back: %+v", got)
		}
	})
}

// TestNotificationsUnderConcurrentSaves: on SQLite River shares the
// store's one write connection; saves made at once while messages are
// sent all finish, and every message is delivered.
func TestNotificationsUnderConcurrentSaves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		srv := smtptest.Start(t)
		sending(t, db, srv, 5)
		const n = 40
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := complaintIn("", "Education", "Delay")
				rec.Received = d("2026-11-02")
				if err := db.CreateAcknowledged(ctx, storetest.Actor, rec, "CMP", "p@example.org"); err != nil {
					errs <- err
					return
				}
				rec.Summary = "changed " + string(rune('a'+i%26))
				errs <- db.UpdateRecord(ctx, storetest.Actor, rec)
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		srv.WaitFor(t, n, 30*time.Second)
		time.Sleep(200 * time.Millisecond)
		if got := len(srv.Messages()); got != n {
			t.Errorf("%d messages delivered, want %d", got, n)
		}
	})
}
