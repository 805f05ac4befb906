package sqlstore_test

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/internal/smtptest"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestDailyMessages: the daily job reminds an investigator before a
// deadline, tells the investigator and the area's manager the day after
// it passes, and then lists the stage in each one's daily digest; a user
// who chose a digest gets their reminder in it; on the week's first
// working day, overdue learning actions go to their owners, users or
// email addresses. Each is delivered once, however often the job runs.
func TestDailyMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		srv := smtptest.Start(t)
		sending(t, db, srv, 5)
		cal, err := db.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rec, other := complaintIn("DAY-1", "Education", "Delay"), complaintIn("DAY-2", "Education", "Delay")
		rec.Received, other.Received = d("2026-10-05"), d("2026-10-05")
		rec.Stages = []heed.Stage{{Number: 1, Investigator: "sam"}}
		other.Stages = []heed.Stage{{Number: 1, Investigator: "dee"}}
		rec.Lessons = []heed.Lesson{{Text: "Tell families sooner", Actions: []heed.Action{
			{Description: "Brief the team", Owner: "Mia Manager", Due: d("2026-10-20")},
			{Description: "New leaflet", Owner: "comms@example.gov.uk", Due: d("2026-10-21")},
			{Description: "Review", Owner: "The school", Due: d("2026-10-21")},
			{Description: "Done already", Owner: "comms@example.gov.uk", Due: d("2026-10-21"), Completed: d("2026-10-21")},
		}}}
		if _, err := db.ImportRecords(ctx, storetest.Actor, []*heed.Record{rec, other}, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, u := range []*heed.User{
			{Username: "sam", DisplayName: "Sam Investigator", Email: "sam@example.gov.uk", Role: heed.RoleInvestigator},
			{Username: "dee", DisplayName: "Dee Investigator", Email: "dee@example.gov.uk", Role: heed.RoleInvestigator},
			{Username: "mia", DisplayName: "Mia Manager", Email: "mia@example.gov.uk", Role: heed.RoleManager, ServiceAreas: []string{"Education"}},
		} {
			if err := db.CreateUser(ctx, storetest.Actor, u); err != nil {
				t.Fatal(err)
			}
			if u.Username == "dee" {
				if err := db.SetNoticeDigest(ctx, storetest.Actor, u.ID, true); err != nil {
					t.Fatal(err)
				}
			}
		}
		// A stage allocated to dee, who chose a digest, waits for it.
		later := complaintIn("DAY-3", "Education", "Delay")
		later.Received = d("2026-11-16")
		if err := db.CreateAcknowledged(ctx, storetest.Actor, later, "", ""); err != nil {
			t.Fatal(err)
		}
		later.Stages[0].Investigator = "dee"
		if err := db.UpdateRecord(ctx, storetest.Actor, later); err != nil {
			t.Fatal(err)
		}
		held := notices(t, db, heed.NoticeFilter{RecordID: later.ID})
		if len(held) != 1 || held[0].Status != heed.NoticeHeld {
			t.Fatalf("allocation to a user who chose a digest: %+v", held)
		}
		stored, err := db.FindRecordByReference(ctx, "DAY-1")
		if err != nil {
			t.Fatal(err)
		}
		due := heed.DueBy(stored.Stage(1))
		if due.IsZero() {
			t.Fatal("no deadline")
		}
		reminderDay := due
		for cal.WorkingDaysBetween(reminderDay, due) < 3 {
			reminderDay = reminderDay.AddDays(-1)
		}
		overdueDay := cal.AddWorkingDays(due, 1)
		digestDay := cal.AddWorkingDays(due, 2)
		monday := d("2026-10-26") // the week's first working day, after both actions were due

		// Each day's job runs twice at once, as two processes might, and
		// then again: the messages are queued once.
		run := func(day calendar.Date, want int) {
			t.Helper()
			counts := make(chan int, 2)
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					n, err := db.QueueDaily(ctx, day.String())
					if err != nil {
						t.Error(err)
					}
					counts <- n
				})
			}
			wg.Wait()
			close(counts)
			got := 0
			for n := range counts {
				got += n
			}
			if again, err := db.QueueDaily(ctx, day.String()); err != nil || again != 0 {
				t.Errorf("%s run again: %d queued, %v", day, again, err)
			}
			if got != want {
				t.Errorf("%s: %d messages queued, want %d", day, got, want)
			}
		}
		run(reminderDay, 2)     // sam's reminder; dee's digest
		run(overdueDay, 4)      // overdue to sam and mia; dee's digest (she and mia as her manager: mia's digest? no: notice)
		run(digestDay, 3)       // digests to sam, mia and dee
		run(monday, 2)          // learning actions to mia and comms@
		run(d("2026-10-31"), 0) // a Saturday
		total := 2 + 4 + 3 + 2
		got := srv.WaitFor(t, total, 20*time.Second)
		time.Sleep(300 * time.Millisecond)
		if got = srv.Messages(); len(got) != total {
			t.Fatalf("%d messages delivered, want %d", len(got), total)
		}
		if n := notices(t, db, heed.NoticeFilter{RecordID: later.ID}); n[0].Status != heed.NoticeDigested {
			t.Errorf("the held allocation after the digest: %s", n[0].Status)
		}
		var lines []string
		for _, m := range got {
			if m.To == "dee@example.gov.uk" && strings.Contains(m.Subject, reminderDay.Long()) &&
				!strings.Contains(m.Body, "- Stage 1 of DAY-3 is allocated to you\n") {
				t.Errorf("dee's first digest lacks her allocation:\n%s", m.Body)
			}
			if m.To == "mia@example.gov.uk" && strings.HasPrefix(m.Subject, "Heed: your messages") {
				want := "- DAY-1 stage 1 is overdue: it was due by " + due.Long() + "\n- DAY-2 stage 1 is overdue: it was due by " + due.Long() + "\n"
				if !strings.Contains(m.Body, want) {
					t.Errorf("mia's digest:\n%s\nwant it to list\n%s", m.Body, want)
				}
			}
			lines = append(lines, m.To+" | "+m.Subject)
			if strings.Contains(m.Subject+m.Body, rec.ComplainantName) && rec.ComplainantName != "" {
				t.Errorf("a name in %q", m.Subject)
			}
		}
		sort.Strings(lines)
		want := []string{
			"comms@example.gov.uk | Heed: overdue learning actions, " + monday.Long(),
			"dee@example.gov.uk | Heed: your messages for " + digestDay.Long(),
			"dee@example.gov.uk | Heed: your messages for " + overdueDay.Long(),
			"dee@example.gov.uk | Heed: your messages for " + reminderDay.Long(),
			"mia@example.gov.uk | Heed: overdue learning actions, " + monday.Long(),
			"mia@example.gov.uk | Heed: your messages for " + digestDay.Long(),
			"mia@example.gov.uk | Overdue: stage 1 of DAY-1",
			"mia@example.gov.uk | Overdue: stage 1 of DAY-2",
			"sam@example.gov.uk | Heed: your messages for " + digestDay.Long(),
			"sam@example.gov.uk | Overdue: stage 1 of DAY-1",
			"sam@example.gov.uk | Stage 1 of DAY-1 is due by " + due.Long(),
		}
		sort.Strings(want)
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
	})
}
