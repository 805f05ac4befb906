package web

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// loadEnd is the last received day of the load test's records, and
// loadNow the server's and the store's clock: the next working morning.
var (
	loadEnd = calendar.MustParseDate("2026-10-30")
	loadNow = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
)

// loadTarget is the 99th percentile each measured route must stay under.
const loadTarget = 100 * time.Millisecond

// BenchmarkWebLoad is the web application's load test: the real handler on
// a loopback TCP listener over a store of generated records, with 50
// concurrent clients, each signed in as a complaints officer with its own
// session, sending requests back to back (as wrk does) for a fixed time.
// Each route is measured on its own: the home page, the cases list, a
// search with filters, and case pages over many references (each view
// writes to the audit history); then all four mixed. It reports p50, p95,
// p99 and maximum latencies and requests a second, and fails when the list,
// the search or the case page has a p99 of 100 ms or more.
//
// make bench runs it at 1,000,000 records on SQLite and on PostgreSQL.
// HEED_LOAD_RECORDS sets the size (100000 for a quicker run),
// HEED_LOAD_BACKENDS the backends (sqlite,postgres), HEED_LOAD_CLIENTS the
// clients (50), HEED_LOAD_DURATION each route's time (10s) after
// HEED_LOAD_WARMUP's (5s), HEED_LOAD_ROUTES
// the routes (home,list,search,case,mixed), and HEED_LOAD_CACHE a directory
// to keep the generated SQLite database in for later runs (loadStore).
func BenchmarkWebLoad(b *testing.B) {
	n := loadEnvInt(b, "HEED_LOAD_RECORDS", 1000000)
	clients := loadEnvInt(b, "HEED_LOAD_CLIENTS", 50)
	dur := loadEnvDuration(b, "HEED_LOAD_DURATION", 10*time.Second)
	// A new server on a new copy of the database takes a few seconds to
	// settle (its connections prepare their statements, PostgreSQL's
	// buffers fill): after one second of warm-up the PostgreSQL case page
	// served 740 to 790 a second for two more, then 880 to 960.
	warmup := loadEnvDuration(b, "HEED_LOAD_WARMUP", 5*time.Second)
	backends := storetest.Backends
	if s := os.Getenv("HEED_LOAD_BACKENDS"); s != "" {
		backends = nil
		for _, f := range strings.Split(s, ",") {
			backends = append(backends, sqlstore.Dialect(strings.TrimSpace(f)))
		}
	}
	for _, d := range backends {
		b.Run(fmt.Sprintf("%s/%d", d, n), func(b *testing.B) {
			for b.Loop() {
				runLoad(b, d, n, clients, warmup, dur)
			}
		})
	}
}

func loadEnvDuration(b *testing.B, name string, def time.Duration) time.Duration {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		b.Fatalf("%s: %v", name, err)
	}
	return d
}

func loadEnvInt(b *testing.B, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		b.Fatalf("%s: want a positive number, got %q", name, s)
	}
	return v
}

// loadRoute is one kind of request: its name and a function giving the
// path of the i-th request.
type loadRoute struct {
	name     string
	path     func(i int) string
	enforced bool // must meet loadTarget
}

func runLoad(b *testing.B, d sqlstore.Dialect, n, clients int, warmup, dur time.Duration) {
	ctx := context.Background()
	now := func() time.Time { return loadNow }
	db, refs := loadStore(b, d, n, sqlstore.Options{Now: now})

	hash, err := argon2id.CreateHash(testPassword, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.CreateUser(ctx, storetest.Actor, &heed.User{Username: "officer", DisplayName: "Load Officer", Role: heed.RoleOfficer, PasswordHash: hash}); err != nil {
		b.Fatal(err)
	}
	s := &Server{CouncilName: "Example Council", Store: db, Logger: slog.New(slog.DiscardHandler), Now: now}
	h, err := s.Handler()
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, IdleConnTimeout: time.Minute}
	defer transport.CloseIdleConnections()
	cs := make([]*http.Client, clients)
	for i := range cs {
		cs[i] = loadSignIn(b, transport, base)
	}

	// A made-up surname from the generator's list: about one record in
	// twenty has it.
	search := "/cases?" + url.Values{"q": {"Sampleton"}, "service_area": {"Children's Social Care"}, "status": {"open"}}.Encode()
	routes := []loadRoute{
		{"home", func(int) string { return "/" }, false},
		{"list", func(int) string { return "/cases" }, true},
		{"search", func(int) string { return search }, true},
		{"case", func(i int) string { return "/cases/" + url.PathEscape(refs[i%len(refs)]) }, true},
	}
	mixed := loadRoute{"mixed", func(i int) string { return routes[i%len(routes)].path(i / len(routes)) }, false}
	run := append(routes, mixed)
	if s := os.Getenv("HEED_LOAD_ROUTES"); s != "" {
		names := strings.Split(s, ",")
		run = slices.DeleteFunc(run, func(rt loadRoute) bool { return !slices.Contains(names, rt.name) })
	}
	b.Logf("%-7s %8s %8s %8s %8s %8s %9s %9s %9s", "route", "requests", "p50", "p95", "p99", "max", "req/s", "ms CPU/req", "all CPU")
	for _, rt := range run {
		res := loadPhase(b, cs, base, rt, warmup, dur)
		perReq := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(len(res.lat)) }
		b.Logf("%-7s %8d %8s %8s %8s %8s %9.0f %9.2f %9.2f", rt.name, len(res.lat), ms(res.pct(50)), ms(res.pct(95)), ms(res.pct(99)),
			ms(res.pct(100)), float64(len(res.lat))/res.elapsed.Seconds(), perReq(res.cpu), perReq(res.busy))
		b.ReportMetric(float64(res.pct(50).Microseconds())/1000, rt.name+"-p50-ms")
		b.ReportMetric(float64(res.pct(99).Microseconds())/1000, rt.name+"-p99-ms")
		b.ReportMetric(float64(len(res.lat))/res.elapsed.Seconds(), rt.name+"-req/s")
		if res.failed > 0 {
			b.Errorf("%s: %d requests failed, the first: %s", rt.name, res.failed, res.firstErr)
		}
		if rt.enforced && res.pct(99) >= loadTarget {
			b.Errorf("%s: p99 %s with %d clients over %d records; the target is under %s", rt.name, ms(res.pct(99)), len(cs), n, loadTarget)
		}
	}
}

// loadStore returns a store holding n generated records, and a spread of
// their references. With HEED_LOAD_CACHE naming a directory, tuning need not
// generate a million records each time: an earlier run keeps its SQLite
// database in that directory, and its PostgreSQL one as the database
// heed_load_vV_N on the server (V is loadDataVersion), and a later run works
// on a copy of it (the copy is migrated on opening like any database).
func loadStore(b *testing.B, d sqlstore.Dialect, n int, opts sqlstore.Options) (*sqlstore.DB, []string) {
	b.Helper()
	cache := os.Getenv("HEED_LOAD_CACHE")
	if cache == "" {
		db := storetest.Open(b, d, opts)
		start := time.Now()
		refs := loadRecords(b, db, n)
		b.Logf("%s: %d records generated and imported in %s", d, n, time.Since(start).Round(time.Second))
		return db, refs
	}
	var dsn string
	if d == sqlstore.SQLite {
		dsn = keptSQLite(b, cache, n)
	} else {
		dsn = keptPostgres(b, n)
	}
	// The copy is written out to disk before the clock starts, so that the
	// writing does not take the processors while requests are timed.
	syscall.Sync()
	db, err := sqlstore.Open(context.Background(), dsn, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var refs []string
	rows, err := db.SQL().QueryContext(context.Background(), `SELECT reference FROM records WHERE id % $1 = 0 ORDER BY id`, max(n/5000, 1))
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref string
		if err := rows.Scan(&ref); err != nil {
			b.Fatal(err)
		}
		refs = append(refs, ref)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	if len(refs) == 0 {
		b.Fatalf("the kept %s database holds no records", d)
	}
	return db, shuffled(refs)
}

// keptSQLite returns a copy of the SQLite database of n records kept in
// dir, generating it first when there is none.
func keptSQLite(b *testing.B, dir string, n int) string {
	kept := filepath.Join(dir, fmt.Sprintf("load-sqlite-v%d-%d.db", loadDataVersion, n))
	if _, err := os.Stat(kept); err != nil {
		db := storetest.Open(b, sqlstore.SQLite, sqlstore.Options{})
		loadRecords(b, db, n)
		// The views file (see sqlstore's views.go) is kept beside it.
		ctx := context.Background()
		if _, err := db.SQL().ExecContext(ctx, `VACUUM main INTO $1`, kept); err != nil {
			b.Fatal(err)
		}
		if _, err := db.SQL().ExecContext(ctx, `VACUUM views INTO $1`, kept+"-views"); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	dsn := filepath.Join(b.TempDir(), "heed.db")
	for _, suffix := range []string{"", "-views"} {
		data, err := os.ReadFile(kept + suffix)
		if err == nil {
			err = os.WriteFile(dsn+suffix, data, 0o600)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	return dsn
}

// keptPostgres returns the address of a copy of the PostgreSQL database of
// n records kept on the server, generating it first when there is none.
func keptPostgres(b *testing.B, n int) string {
	ctx := context.Background()
	base, err := url.Parse(storetest.PostgresURL(b))
	if err != nil {
		b.Fatal(err)
	}
	admin, err := sql.Open("pgx", base.String())
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	at := func(name string) string {
		u := *base
		u.Path = "/" + name
		return u.String()
	}
	kept := fmt.Sprintf("heed_load_v%d_%d", loadDataVersion, n)
	var found int
	err = admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, kept).Scan(&found)
	if err != nil {
		b.Fatal(err)
	}
	if found == 0 {
		// Built under another name and renamed when whole, so that an
		// interrupted run leaves nothing that a later one would use.
		building := kept + "_building"
		for _, q := range []string{`DROP DATABASE IF EXISTS ` + building + ` WITH (FORCE)`, `CREATE DATABASE ` + building} {
			if _, err := admin.ExecContext(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
		db, err := sqlstore.Open(ctx, at(building), sqlstore.Options{})
		if err != nil {
			b.Fatal(err)
		}
		loadRecords(b, db, n)
		db.Close()
		if _, err := admin.ExecContext(ctx, `ALTER DATABASE `+building+` RENAME TO `+kept); err != nil {
			b.Fatal(err)
		}
	}
	run := kept + "_run"
	for _, q := range []string{`DROP DATABASE IF EXISTS ` + run + ` WITH (FORCE)`, `CREATE DATABASE ` + run + ` TEMPLATE ` + kept + ` STRATEGY FILE_COPY`} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.Cleanup(func() {
		if admin, err := sql.Open("pgx", base.String()); err == nil {
			admin.Exec(`DROP DATABASE IF EXISTS ` + run + ` WITH (FORCE)`)
			admin.Close()
		}
	})
	return at(run)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// loadDataVersion names the kept databases: raise it when loadRecords
// makes something else, so that databases kept before are not used.
const loadDataVersion = 2

// loadRecords imports n generated records, each opened once since, and
// returns a spread of their references.
//
// A council's store holds who opened each case as well as the cases: with
// an empty record_views PostgreSQL planned reading a case's openings as a
// scan of the whole table (the right plan for an empty one), and kept that
// plan while the load test's openings filled it, which a server in use,
// whose statistics autovacuum keeps, would not.
func loadRecords(b *testing.B, db *sqlstore.DB, n int) []string {
	b.Helper()
	var refs []string
	every, i := max(n/5000, 1), 0
	storetest.ImportGenerated(b, db, generate.Options{Records: n, Years: 3, End: loadEnd, Seed: 1}, func(r *heed.Record) {
		if i%every == 0 {
			refs = append(refs, r.Reference)
		}
		i++
	})
	for _, q := range []string{
		`INSERT INTO record_views (record_id, at, actor) SELECT id, created_at, 'Generated Officer' FROM records`,
		`ANALYZE record_views`,
	} {
		if _, err := db.SQL().ExecContext(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
	return shuffled(refs)
}

// shuffled puts references in no particular order, so that consecutive
// requests do not read neighbouring rows.
func shuffled(refs []string) []string {
	for i := range refs {
		j := (i * 7919) % len(refs)
		refs[i], refs[j] = refs[j], refs[i]
	}
	return refs
}

// loadSignIn signs a new client in as the officer, through the sign-in
// form, and returns it holding its session cookie.
func loadSignIn(b *testing.B, t http.RoundTripper, base string) *http.Client {
	b.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Transport: t, Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/sign-in", url.Values{"username": {"officer"}, "password": {testPassword}, "next": {"/"}})
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %s", res.Status)
	}
	return c
}

// loadResult is one phase's latencies, sorted.
type loadResult struct {
	lat      []time.Duration
	elapsed  time.Duration
	cpu      time.Duration // this process's (Heed's and the clients', not PostgreSQL's) after warm-up
	busy     time.Duration // the whole machine's, PostgreSQL's included, after warm-up (0 where unknown)
	failed   int
	firstErr string
}

// pct is the p-th percentile latency (p = 100 is the maximum).
func (r *loadResult) pct(p int) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := (len(r.lat)*p + 99) / 100
	return r.lat[min(max(i-1, 0), len(r.lat)-1)]
}

// loadPhase runs every client against the route, back to back, for the
// warm-up and then dur, and returns the latencies after warm-up.
func loadPhase(b *testing.B, cs []*http.Client, base string, rt loadRoute, warmup, dur time.Duration) *loadResult {
	var (
		mu   sync.Mutex
		res  loadResult
		wg   sync.WaitGroup
		next int
	)
	warm := time.Now().Add(warmup)
	stop := warm.Add(dur)
	cpuAtWarm := make(chan [2]time.Duration, 1)
	time.AfterFunc(time.Until(warm), func() { cpuAtWarm <- [2]time.Duration{processCPU(), machineBusy()} })
	for _, c := range cs {
		wg.Go(func() {
			var lat []time.Duration
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				t0 := time.Now()
				if t0.After(stop) {
					break
				}
				err := loadGet(c, base+rt.path(i))
				elapsed := time.Since(t0)
				if err != nil {
					mu.Lock()
					if res.failed == 0 {
						res.firstErr = err.Error()
					}
					res.failed++
					mu.Unlock()
					continue
				}
				if t0.After(warm) {
					lat = append(lat, elapsed)
				}
			}
			mu.Lock()
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(warm)
	atWarm := <-cpuAtWarm
	res.cpu, res.busy = processCPU()-atWarm[0], machineBusy()-atWarm[1]
	slices.Sort(res.lat)
	return &res
}

// processCPU is the processor time this process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineBusy is the processor time the whole machine has spent busy so far,
// from Linux's /proc/stat (0 elsewhere): what a request costs in all,
// PostgreSQL's work included, and, below the processors' count over the
// requests a second, how much of the machine stood idle.
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line) // cpu user nice system idle iowait irq softirq steal ...
	if len(fields) < 9 || fields[0] != "cpu" {
		return 0
	}
	var ticks int64
	for i, f := range fields[1:9] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / 100 // USER_HZ is 100 on Linux
}

func loadGet(c *http.Client, u string) error {
	res, err := c.Get(u)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return nil
}
