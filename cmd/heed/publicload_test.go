package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestPublicLoad is the public forms' load test, run only when asked:
//
//	HEED_PUBLIC_LOAD=1 go test -count=1 -v -timeout 20m -run TestPublicLoad ./cmd/heed
//
// It builds heed, serves a new database on loopback, and sends
// HEED_PUBLIC_LOAD_RATE submissions a second (default 200) for
// HEED_PUBLIC_LOAD_SECONDS (default 60), each as a visitor does: the
// details form posted, then sent, then the confirmation page read with its
// reference. Then it kills the server with SIGKILL, with submissions still
// in flight, starts it again on the same database, and checks that every
// submission whose reference a visitor was shown is stored, sent, with that
// reference and exactly the answers posted. It runs on SQLite and, with
// HEED_TEST_POSTGRES, on PostgreSQL.
func TestPublicLoad(t *testing.T) {
	if os.Getenv("HEED_PUBLIC_LOAD") == "" {
		t.Skip("the public forms' load test runs only with HEED_PUBLIC_LOAD=1")
	}
	rate, seconds := envInt(t, "HEED_PUBLIC_LOAD_RATE", 200), envInt(t, "HEED_PUBLIC_LOAD_SECONDS", 60)
	dir := t.TempDir()
	bin := filepath.Join(dir, "heed")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v %s", err, out)
	}
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			if d == sqlstore.Postgres {
				storetest.PostgresURL(t)
			}
			publicLoad(t, bin, storetest.DSN(t, d), rate, seconds)
		})
	}
}

func envInt(t *testing.T, key string, def int) int {
	s := os.Getenv(key)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", key, s)
	}
	return n
}

// sent is a submission a visitor was shown the reference of.
type sent struct {
	i          int
	token, ref string
}

func publicLoad(t *testing.T, bin, dsn string, rate, seconds int) {
	dir := t.TempDir()
	// Loopback is a trusted proxy, so that each visitor comes from an
	// address of its own (X-Forwarded-For) and the per-address limit,
	// which is not what is measured, refuses none of them.
	conf := filepath.Join(dir, "heed.toml")
	if err := os.WriteFile(conf, []byte("council_name = \"Loadshire Council\"\ntrusted_proxies = [\"127.0.0.1/32\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	server := startHeed(t, bin, dir, conf, dsn, addr)
	base := "http://" + addr

	tr := &http.Transport{MaxIdleConnsPerHost: 512, MaxConnsPerHost: 512}
	defer tr.CloseIdleConnections()
	var shown []sent
	var mu sync.Mutex
	var failures sync.Map // status or error → count
	var latencies []time.Duration
	fail := func(what string) {
		v, _ := failures.LoadOrStore(what, new(atomic.Int64))
		v.(*atomic.Int64).Add(1)
	}
	refRe := regexp.MustCompile(`id="reference">([A-Z]+-\d{4}-\d+)<`)
	csrfRe := regexp.MustCompile(`name="csrf" value="([^"]+)"`)

	// One visitor's journey: its own cookie, its own address.
	visit := func(ctx context.Context, i int) {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Transport: tr, Jar: jar, Timeout: 30 * time.Second}
		ip := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		do := func(method, path string, form url.Values) (*http.Response, string, error) {
			var body io.Reader
			if form != nil {
				body = strings.NewReader(form.Encode())
			}
			req, _ := http.NewRequestWithContext(ctx, method, base+path, body)
			req.Header.Set("X-Forwarded-For", ip)
			if form != nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			res, err := c.Do(req)
			if err != nil {
				return nil, "", err
			}
			b, err := io.ReadAll(res.Body)
			res.Body.Close()
			return res, string(b), err
		}
		start := time.Now()
		res, body, err := do(http.MethodGet, "/public/complaint/adult", nil)
		if err != nil || res.StatusCode != http.StatusOK {
			fail(fmt.Sprintf("details page: %v %v", status(res), errText(err)))
			return
		}
		m := csrfRe.FindStringSubmatch(body)
		if m == nil {
			fail("no form code")
			return
		}
		form := loadAnswers(i)
		form.Set("csrf", m[1])
		res, _, err = do(http.MethodPost, "/public/complaint/adult", form)
		if err != nil || res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Request.URL.Path, "/public/check/") {
			fail(fmt.Sprintf("details: %v %v", status(res), errText(err)))
			return
		}
		token := strings.TrimPrefix(res.Request.URL.Path, "/public/check/")
		res, body, err = do(http.MethodPost, "/public/check/"+token, url.Values{"csrf": {m[1]}})
		if err != nil || res.StatusCode != http.StatusOK {
			fail(fmt.Sprintf("send: %v %v", status(res), errText(err)))
			return
		}
		ref := refRe.FindStringSubmatch(body)
		if ref == nil {
			fail("no reference shown")
			return
		}
		mu.Lock()
		shown = append(shown, sent{i, token, ref[1]})
		latencies = append(latencies, time.Since(start))
		mu.Unlock()
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	total := rate * seconds
	started := time.Now()
	var skipped int
	inFlight := make(chan struct{}, 1024)
	for i := range total {
		if wait := time.Until(started.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		select {
		case inFlight <- struct{}{}:
		default:
			skipped++ // too many waiting already: the server is not keeping up
			continue
		}
		wg.Go(func() {
			defer func() { <-inFlight }()
			visit(ctx, i)
		})
	}
	elapsed := time.Since(started)
	// Kill the server with the last visitors still in flight.
	if err := server.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	server.Wait()
	cancel()
	wg.Wait()

	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))].Round(time.Millisecond)
	}
	t.Logf("%s: %d submissions started over %s (%d not started: too many in flight); %d shown a reference (%.1f a second); journey p50 %s, p99 %s, max %s",
		sqlstore.DialectOf(dsn), total-skipped, elapsed.Round(time.Millisecond), skipped, len(shown),
		float64(len(shown))/elapsed.Seconds(), pct(0.5), pct(0.99), pct(1))
	failures.Range(func(k, v any) bool {
		t.Logf("  not shown a reference: %s × %d", k, v.(*atomic.Int64).Load())
		return true
	})

	// Restart on the same database, and find every submission shown.
	server = startHeed(t, bin, dir, conf, dsn, addr)
	defer func() { server.Process.Kill(); server.Wait() }()
	db, err := sqlstore.Open(context.Background(), dsn, sqlstore.Options{Existing: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	missing := 0
	for _, s := range shown {
		got, err := db.SubmissionByToken(context.Background(), s.token)
		want := loadAnswers(s.i)
		if err != nil || got.Status != heed.SubmissionReceived || got.Reference != s.ref || got.Name != want.Get("name") ||
			got.Summary != want.Get("summary") || got.Email != want.Get("email") || got.Outcome != want.Get("outcome") {
			missing++
			if missing <= 5 {
				t.Errorf("submission %d, shown %s: %+v %v", s.i, s.ref, got, err)
			}
		}
	}
	// And the restarted server shows them as sent.
	for _, s := range shown[:min(len(shown), 50)] {
		res, err := http.Get(base + "/public/sent/" + s.token)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Errorf("after restart, %s: %v %v", s.ref, status(res), err)
			continue
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.Contains(string(b), s.ref) {
			t.Errorf("after restart, %s is not on its confirmation page", s.ref)
		}
	}
	var stored int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM submissions WHERE status = 'received'`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	t.Logf("after kill -9 and restart: %d of %d shown a reference are present and intact (%d sent in all: %d sent but not shown, the server killed first)",
		len(shown)-missing, len(shown), stored, stored-len(shown)+missing)
	if len(shown) == 0 {
		t.Fatal("no submission was shown a reference")
	}
}

// loadAnswers are submission i's answers: synthetic, and each its own.
func loadAnswers(i int) url.Values {
	return url.Values{"name": {fmt.Sprintf("Loadtest Person %d", i)}, "email": {fmt.Sprintf("person%d@example.com", i)},
		"summary": {fmt.Sprintf("Synthetic complaint %d: the bin in Example Street was missed, and the crew left the lid open.", i)},
		"outcome": {fmt.Sprintf("Collect bin %d.", i)}}
}

func status(res *http.Response) string {
	if res == nil {
		return "no response"
	}
	return res.Status
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	if strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "EOF") ||
		strings.Contains(err.Error(), "reset") || strings.Contains(err.Error(), "canceled") {
		return "connection lost (the server was killed)"
	}
	return err.Error()
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startHeed starts heed serve and waits until it answers.
func startHeed(t *testing.T, bin, dir, conf, dsn, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "serve")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HEED_CONFIG="+conf, "HEED_DB="+dsn, "HEED_ADDR="+addr)
	logf, err := os.OpenFile(filepath.Join(dir, "serve.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logf.Close() })
	cmd.Stdout, cmd.Stderr = io.Discard, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return cmd
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("heed serve did not answer within 60 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
