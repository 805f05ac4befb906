package main

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestServeCreatesAdminOnlyOnceListening: when the port is busy, serve
// fails before creating the first administrator, whose one-time password
// could not have been used; the next run, with the port free, creates it
// and prints its password.
func TestServeCreatesAdminOnlyOnceListening(t *testing.T) {
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			dir := t.TempDir()
			env := map[string]string{"HEED_DB": storetest.DSN(t, d)}
			busy, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer busy.Close()
			r := heedCmd(t, dir, env, "serve", "--addr", busy.Addr().String())
			if r.code != 1 || !strings.Contains(r.stderr, "cannot listen on "+busy.Addr().String()) {
				t.Fatalf("a busy port: exit %d %q", r.code, r.stderr)
			}
			if strings.Contains(r.stdout, "one-time password") {
				t.Errorf("a password was printed although Heed could not start:\n%s", r.stdout)
			}
			db := open(t, env["HEED_DB"])
			if n, err := db.CountUsers(context.Background()); err != nil || n != 0 {
				t.Fatalf("after a busy port there are %d users (%v), want none", n, err)
			}

			password, stop := startServe(t, dir, env)
			u, err := db.FindUserByUsername(context.Background(), "admin")
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := argon2id.ComparePasswordAndHash(password, u.PasswordHash); !ok {
				t.Error("the printed password does not match the administrator's")
			}
			stop()
		})
	}
}

// startServe runs heed serve on a free port until the test stops it, and
// returns the first administrator's one-time password it printed.
func startServe(t *testing.T, dir string, env map[string]string) (password string, stop func()) {
	t.Helper()
	t.Chdir(dir)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &app{stdin: strings.NewReader(""), stdout: pw, stderr: &bytes.Buffer{}, getenv: func(k string) string { return env[k] }}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.run(ctx, []string{"serve", "--addr", "127.0.0.1:0"})
		pw.Close()
	}()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	stop = func() {
		cancel()
		go func() {
			for range lines {
			}
		}()
		wg.Wait()
	}
	deadline := time.After(30 * time.Second)
	pattern := regexp.MustCompile(`one-time password: (\S+)`)
	for password == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("serve stopped before printing a one-time password")
			}
			if m := pattern.FindStringSubmatch(l); m != nil {
				password = m[1]
			}
		case <-deadline:
			stop()
			t.Fatal("serve printed no one-time password in 30 s")
		}
	}
	return password, stop
}
