package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
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

// BenchmarkMorningReminders: 10,000 stages due in three working days, held
// by 100 investigators; the daily job queues their reminders and the
// queue, as heed serve runs it, delivers them to an SMTP server in the
// test (HEED_BENCH_REMINDERS changes the 10,000). It reports the time from the job's start to the last message
// taken, and messages a second. Run it with -benchtime 1x:
//
//	go test -run '^$' -bench MorningReminders -benchtime 1x ./sqlstore
func BenchmarkMorningReminders(b *testing.B) {
	const investigators = 100
	stages := 10000
	if v, err := strconv.Atoi(os.Getenv("HEED_BENCH_REMINDERS")); err == nil && v > 0 {
		stages = v
	}
	for _, backend := range storetest.Backends {
		b.Run(string(backend), func(b *testing.B) {
			ctx := context.Background()
			db := storetest.Open(b, backend, sqlstore.Options{})
			recs := make([]*heed.Record, stages)
			for i := range recs {
				recs[i] = &heed.Record{Reference: fmt.Sprintf("BEN-%05d", i), Type: heed.TypeComplaint, Received: d("2026-10-05"),
					ServiceArea: "Education", Procedure: heed.Corporate, Stages: []heed.Stage{{Number: 1, Investigator: fmt.Sprintf("inv%03d", i%investigators)}}}
			}
			if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
			for i := range investigators {
				u := &heed.User{Username: fmt.Sprintf("inv%03d", i), DisplayName: fmt.Sprintf("Investigator %d", i),
					Email: fmt.Sprintf("inv%03d@example.gov.uk", i), Role: heed.RoleInvestigator}
				if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
					b.Fatal(err)
				}
			}
			srv := smtptest.Start(b)
			sender, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "none", From: "complaints@example.gov.uk"})
			if err != nil {
				b.Fatal(err)
			}
			w := &notify.Worker{Store: db, Sender: sender, Domain: "heed.example.gov.uk"}
			// The server's settings, but for the daily job, which the
			// benchmark runs itself.
			q, err := queue.New(string(db.Dialect()), db.SQL(), &queue.Handlers{Deliver: w.Deliver, Daily: w.Daily}, queue.Options{NoDaily: true})
			if err != nil {
				b.Fatal(err)
			}
			db.SetNotices(sqlstore.Notices{Council: "Example Council", PublicURL: "https://heed.example.gov.uk", Queue: q, ReminderDays: 3})
			if err := q.Start(ctx); err != nil {
				b.Fatal(err)
			}
			defer func() {
				stop, cancel := context.WithTimeout(ctx, 30*time.Second)
				defer cancel()
				q.Stop(stop)
			}()
			// Due 26 October 2026: reminded on 21 October.
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				n, err := db.QueueDaily(ctx, "2026-10-21")
				if err != nil {
					b.Fatal(err)
				}
				queued := time.Since(start)
				if n != stages {
					b.Fatalf("%d reminders queued, want %d", n, stages)
				}
				srv.WaitFor(b, stages, 10*time.Minute)
				all := time.Since(start)
				b.ReportMetric(queued.Seconds(), "s-to-queue")
				b.ReportMetric(all.Seconds(), "s-to-deliver")
				b.ReportMetric(float64(stages)/all.Seconds(), "msgs/s")
			}
		})
	}
}
