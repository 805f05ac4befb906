package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/internal/smtptest"
	"github.com/heedhq/heed/queue"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// mailRig is a built heed binary, a database, an SMTP server in the test
// and a heed.toml that sends to it quickly.
type mailRig struct {
	bin, dir, dsn string
	smtp          *smtptest.Server
	db            *sqlstore.DB
	recorded      int // contacts recorded so far
}

func newMailRig(t *testing.T, d sqlstore.Dialect) *mailRig {
	t.Helper()
	if testing.Short() {
		t.Skip("builds heed and waits for River to rescue a job: not in -short")
	}
	pkg, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r := &mailRig{dir: t.TempDir(), dsn: storetest.DSN(t, d), smtp: smtptest.Start(t)}
	r.bin = filepath.Join(r.dir, "heed")
	build := exec.Command("go", "build", "-o", r.bin, ".")
	build.Dir = pkg
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	toml := fmt.Sprintf("council_name = \"Example Council\"\n[mail]\nhost = %q\nport = %d\nsecurity = \"none\"\nfrom = \"complaints@example.gov.uk\"\npoll_seconds = 0.05\nretry_seconds = 0.2\nrescue_seconds = 2\n",
		r.smtp.Host, r.smtp.Port)
	if err := os.WriteFile(filepath.Join(r.dir, "heed.toml"), []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	r.db, err = sqlstore.Open(context.Background(), r.dsn, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.db.Close() })
	// The test records contacts as an officer's request would, queueing
	// their messages; a queue without workers only enqueues.
	q, err := queue.New(string(r.db.Dialect()), r.db.SQL(), nil, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.db.SetNotices(sqlstore.Notices{Council: "Example Council", PublicURL: "http://heed.example.gov.uk", Queue: q})
	return r
}

// serve starts heed serve; the test kills it at the end if it still runs.
func (r *mailRig) serve(t *testing.T) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(r.bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Dir = r.dir
	cmd.Env = []string{"HEED_DB=" + r.dsn, "HOME=" + r.dir, "PATH=" + os.Getenv("PATH")}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	started := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		once := false
		for sc.Scan() {
			if !once && strings.Contains(sc.Text(), "Press Ctrl+C to stop.") {
				close(started)
				once = true
			}
		}
		if !once {
			close(started)
		}
	}()
	select {
	case <-started:
	case <-time.After(60 * time.Second):
		t.Fatal("heed serve did not start in 60 s")
	}
	return cmd
}

// record records n contacts, each with an acknowledgement to send.
func (r *mailRig) record(t *testing.T, n int) {
	t.Helper()
	for range n {
		r.recorded++
		rec := &heed.Record{Type: heed.TypeComplaint, Received: calendar.NewDate(2026, time.November, 2), ServiceArea: "Education", Procedure: heed.Corporate}
		if err := r.db.CreateAcknowledged(context.Background(), storetest.Actor, rec, "CMP", fmt.Sprintf("person%d@example.org", r.recorded)); err != nil {
			t.Fatal(err)
		}
	}
}

// deliveredOnce waits for n messages, then checks that no more come, that
// each recipient had one, and that the outbox has them all sent.
func (r *mailRig) deliveredOnce(t *testing.T, n int) {
	t.Helper()
	r.smtp.WaitFor(t, n, 90*time.Second)
	deadline := time.Now().Add(60 * time.Second)
	for {
		ns, _, err := r.db.Notices(context.Background(), heed.NoticeFilter{Status: heed.NoticeSent, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(ns) == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages marked sent, want %d", len(ns), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second) // time for a duplicate to arrive
	got := r.smtp.Messages()
	to := map[string]int{}
	for _, m := range got {
		to[m.To]++
	}
	if len(got) != n || len(to) != n {
		t.Errorf("%d messages delivered to %d people, want %d each: %v", len(got), len(to), n, to)
	}
}

// TestServeKilledWhileSending: heed serve killed (SIGKILL) while the mail
// server holds its message half sent, and started again, loses and
// duplicates nothing: River takes the job back from the dead process and
// the message is delivered once.
func TestServeKilledWhileSending(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			r := newMailRig(t, d)
			r.smtp.Stall(true)
			r.record(t, 3)
			cmd := r.serve(t)
			deadline := time.Now().Add(60 * time.Second)
			for r.smtp.Stalled() == 0 {
				if time.Now().After(deadline) {
					t.Fatal("heed serve never started sending")
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			r.smtp.Stall(false)
			if n := len(r.smtp.Messages()); n != 0 {
				t.Fatalf("%d messages delivered while stalled", n)
			}
			r.record(t, 2)
			r.serve(t)
			r.deliveredOnce(t, 5)
		})
	}
}

// TestTwoServesSendEachOnce: two heed serve processes on one PostgreSQL
// database send each message once.
func TestTwoServesSendEachOnce(t *testing.T) {
	r := newMailRig(t, sqlstore.Postgres)
	r.serve(t)
	r.serve(t)
	// The mail server holds every message until more are waiting than one
	// process works at once (20), so that both must be sending: left to
	// run, one process may fetch them all before the other asks.
	r.smtp.Stall(true)
	r.record(t, 30)
	deadline := time.Now().Add(90 * time.Second)
	for r.smtp.Stalled() <= 20 {
		if time.Now().After(deadline) {
			t.Fatalf("%d messages being sent at once, want more than one process's 20", r.smtp.Stalled())
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.smtp.Stall(false)
	r.deliveredOnce(t, 30)
	// Both worked: River names the client that tried each job.
	var workers int
	if err := r.db.SQL().QueryRow(`SELECT count(DISTINCT a) FROM river_job, unnest(attempted_by) a WHERE kind = 'heed_deliver'`).Scan(&workers); err != nil {
		t.Fatal(err)
	}
	if workers != 2 {
		t.Errorf("%d processes sent messages, want 2", workers)
	}
}
