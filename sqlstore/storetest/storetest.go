// Package storetest builds real stores for tests: a SQLite file in a
// temporary directory, and a PostgreSQL schema of its own on the server
// named by HEED_TEST_POSTGRES. Every store test runs against both.
package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sqlstore"
)

// Backends are the dialects every store test runs against.
var Backends = []sqlstore.Dialect{sqlstore.SQLite, sqlstore.Postgres}

// Each runs fn once per backend, as a subtest named after it, with a new,
// empty, migrated store.
func Each(t *testing.T, fn func(t *testing.T, db *sqlstore.DB)) {
	t.Helper()
	for _, d := range Backends {
		t.Run(string(d), func(t *testing.T) {
			fn(t, Open(t, d, sqlstore.Options{}))
		})
	}
}

// Open returns a new, empty, migrated store of that dialect, closed (and on
// PostgreSQL dropped) when the test ends.
func Open(t testing.TB, d sqlstore.Dialect, opts sqlstore.Options) *sqlstore.DB {
	t.Helper()
	dsn := DSN(t, d)
	db, err := sqlstore.Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatalf("open %s store: %v", d, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// DSN returns the address of a new, empty database of that dialect: a file
// in a temporary directory, or a new schema on the PostgreSQL server.
func DSN(t testing.TB, d sqlstore.Dialect) string {
	t.Helper()
	if d == sqlstore.SQLite {
		return filepath.Join(t.TempDir(), "heed.db")
	}
	return postgresSchema(t)
}

// PostgresURL returns HEED_TEST_POSTGRES. When it is not set the test is
// skipped, except under CI (CI=true), where the PostgreSQL suite must run and
// the test fails instead.
func PostgresURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("HEED_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("HEED_TEST_POSTGRES is not set: under CI the PostgreSQL suite must run (make test sets it)")
		}
		t.Skip("PostgreSQL suite skipped: set HEED_TEST_POSTGRES=postgres://postgres@127.0.0.1:5432/heed_test?sslmode=disable (make test does)")
	}
	return u
}

var unsafe = regexp.MustCompile(`[^a-z0-9_]+`)

func postgresSchema(t testing.TB) string {
	t.Helper()
	base := PostgresURL(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("PostgreSQL at HEED_TEST_POSTGRES: %v", err)
	}
	defer admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	name := unsafe.ReplaceAllString(strings.ToLower(t.Name()), "_")
	if len(name) > 30 {
		name = name[len(name)-30:]
	}
	schema := fmt.Sprintf("t%d_%s", time.Now().UnixNano()%1e12, name)
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatalf("PostgreSQL at HEED_TEST_POSTGRES cannot be used (is it running? make test starts it): %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("HEED_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Actor is the actor tests make changes as.
var Actor = heed.Actor{Name: "test:officer"}

// ImportGenerated imports generated records into db in batches of 50,000,
// as an import of a large file would, so that a million never sit in memory
// at once, and leaves the store as a running one would be: analysed, and on
// PostgreSQL vacuumed (straight after a bulk load, every first read of a page
// also writes it, its hint bits, while autovacuum works through the table).
// seen, when not nil, is shown each record as it is generated.
func ImportGenerated(t testing.TB, db *sqlstore.DB, opts generate.Options, seen func(*heed.Record)) {
	t.Helper()
	ctx := context.Background()
	cal, err := db.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var batch []*heed.Record
	flush := func() error {
		_, err := db.ImportRecords(ctx, Actor, batch, heed.ImportOptions{Note: "generated records"})
		batch = batch[:0]
		return err
	}
	err = generate.Records(opts, db.Rules(), cal, func(r *heed.Record) error {
		if seen != nil {
			seen(r)
		}
		batch = append(batch, r)
		if len(batch) == 50000 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	analyse := `ANALYZE`
	if db.Dialect() == sqlstore.Postgres {
		analyse = `VACUUM ANALYZE`
	}
	if _, err := db.SQL().ExecContext(ctx, analyse); err != nil {
		t.Fatal(err)
	}
}
