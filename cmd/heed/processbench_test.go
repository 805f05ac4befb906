package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// The report as a user runs it: `heed report annual` measured from outside,
// as a whole process (its processor time, wall time and peak memory), beside
// the floor: the one-year count of records by service area, type and
// quarter run by the database's own command line (sqlite3, psql) as a whole
// process. HEED_BENCH_RECORDS sets the records (default 1,000,000, over ten
// years); HEED_BENCH_DIR keeps the generated SQLite database between runs.
// On PostgreSQL most of the work is the server's, which neither process's
// own processor time shows: there the ratio is of wall time.

// floorQuery is the one-year count the report is measured against.
const (
	floorSQLite = `SELECT service_area_id, type, (CAST(strftime('%m', received) AS INTEGER) + 8) % 12 / 3 AS quarter, count(*)
		FROM records WHERE received BETWEEN '2021-04-01' AND '2022-03-31' GROUP BY 1, 2, 3`
	floorPostgres = `SELECT service_area_id, type, extract(quarter FROM received) AS quarter, count(*)
		FROM records WHERE received BETWEEN '2021-04-01' AND '2022-03-31' GROUP BY 1, 2, 3`
)

// processCost is what one whole process took.
type processCost struct {
	cpu, wall time.Duration
	maxRSS    int64 // bytes
}

// runProcess runs the command to its end and measures it.
func runProcess(b *testing.B, dir string, env []string, name string, args ...string) processCost {
	b.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %v: %v %s", name, args, err, stderr.String())
	}
	wall := time.Since(start)
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Skip("no resource usage on this system")
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return processCost{cpu: cpu, wall: wall, maxRSS: ru.Maxrss * 1024}
}

// buildHeed builds the binary into dir.
func buildHeed(b *testing.B, dir string) string {
	b.Helper()
	bin := filepath.Join(dir, "heed")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		b.Fatalf("go build: %v %s", err, out)
	}
	return bin
}

// benchRecords is HEED_BENCH_RECORDS, or a million.
func benchRecords(b *testing.B) int {
	n := 1_000_000
	if s := os.Getenv("HEED_BENCH_RECORDS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1000 {
			b.Fatalf("HEED_BENCH_RECORDS=%q: want a number of at least 1000", s)
		}
	}
	return n
}

// loadGenerated generates n records over ten years and imports them into
// the database dsn, unless the marker file says it holds them already.
func loadGenerated(b *testing.B, bin, dir, dsn string, n int) {
	b.Helper()
	marker := filepath.Join(dir, fmt.Sprintf("loaded-%d", n))
	if _, err := os.Stat(marker); err == nil {
		return
	}
	csv := filepath.Join(dir, "generated.csv")
	for _, args := range [][]string{
		{"generate", "--records", strconv.Itoa(n), "--years", "10", "--end", "2026-03-31", "--out", csv},
		{"--db", dsn, "import", csv},
	} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			b.Fatalf("heed %v: %v %s", args, err, out)
		}
	}
	os.Remove(csv)
	if err := os.WriteFile(marker, nil, 0o600); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReportProcess measures `heed report annual --year 2021 --format
// json` against the floor, on SQLite and, with HEED_TEST_POSTGRES, on
// PostgreSQL.
func BenchmarkReportProcess(b *testing.B) {
	n := benchRecords(b)
	work := os.Getenv("HEED_BENCH_DIR")
	if work == "" {
		work = b.TempDir()
	}
	bin := buildHeed(b, b.TempDir())
	b.Run("sqlite", func(b *testing.B) {
		dir := filepath.Join(work, "sqlite")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		db := filepath.Join(dir, "heed.db")
		loadGenerated(b, bin, dir, db, n)
		measure(b, func() processCost {
			return runProcess(b, dir, nil, bin, "--db", db, "report", "annual", "--year", "2021", "--format", "json", "--out", filepath.Join(dir, "report.json"))
		}, func() processCost { return runProcess(b, dir, nil, "sqlite3", db, floorSQLite) }, false)
	})
	b.Run("postgres", func(b *testing.B) {
		base := os.Getenv("HEED_TEST_POSTGRES")
		if base == "" {
			b.Skip("HEED_TEST_POSTGRES is not set")
		}
		dsn := benchDatabase(b, base, n)
		dir := filepath.Join(work, "postgres")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		loadGenerated(b, bin, dir, dsn, n)
		measure(b, func() processCost {
			return runProcess(b, dir, nil, bin, "--db", dsn, "report", "annual", "--year", "2021", "--format", "json", "--out", filepath.Join(dir, "report.json"))
		}, func() processCost {
			return runProcess(b, dir, nil, "psql", "-q", "-d", dsn, "-c", floorPostgres, "-o", os.DevNull)
		}, true)
	})
}

// benchDatabase returns the address of a database for n records beside the
// test database of base, creating it when missing (it is kept, with its
// records, for the next run).
func benchDatabase(b *testing.B, base string, n int) string {
	b.Helper()
	ctx := context.Background()
	cfg, err := pgx.ParseConfig(base)
	if err != nil {
		b.Fatal(err)
	}
	name := fmt.Sprintf("heed_bench_%d", n)
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		b.Fatal(err)
	}
	if !exists {
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
			b.Fatal(err)
		}
	}
	cfg.Database = name
	return fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Host, cfg.Port, name)
}

// measure runs heed and the floor b.N times each and reports the least of
// each (the cost without the machine's other work), their ratio, and
// heed's peak memory. byWall: the ratio is of wall time.
func measure(b *testing.B, heed, floor func() processCost, byWall bool) {
	b.Helper()
	var best, bestFloor processCost
	for i := 0; i < b.N; i++ {
		h, f := heed(), floor()
		if i == 0 || h.cpu < best.cpu {
			best.cpu = h.cpu
		}
		if i == 0 || h.wall < best.wall {
			best.wall = h.wall
		}
		best.maxRSS = max(best.maxRSS, h.maxRSS)
		if i == 0 || f.cpu < bestFloor.cpu {
			bestFloor.cpu = f.cpu
		}
		if i == 0 || f.wall < bestFloor.wall {
			bestFloor.wall = f.wall
		}
	}
	ratio := float64(best.cpu) / float64(max(bestFloor.cpu, time.Millisecond))
	if byWall {
		ratio = float64(best.wall) / float64(max(bestFloor.wall, time.Millisecond))
	}
	b.ReportMetric(best.cpu.Seconds(), "heed-cpu-s")
	b.ReportMetric(best.wall.Seconds(), "heed-wall-s")
	b.ReportMetric(bestFloor.cpu.Seconds(), "floor-cpu-s")
	b.ReportMetric(bestFloor.wall.Seconds(), "floor-wall-s")
	b.ReportMetric(ratio, "x-floor")
	b.ReportMetric(float64(best.maxRSS)/(1<<20), "heed-MB")
	b.ReportMetric(0, "ns/op")
}
