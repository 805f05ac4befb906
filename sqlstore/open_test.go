package sqlstore_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestExistingRefusesToCreate: with Options.Existing, Open refuses an
// address that holds no Heed database, on both backends, creates nothing,
// and says where it looked; Created tells when Open made one.
func TestExistingRefusesToCreate(t *testing.T) {
	ctx := context.Background()
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			_, err := sqlstore.Open(ctx, dsn, sqlstore.Options{Existing: true})
			if !errors.Is(err, sqlstore.ErrNoDatabase) {
				t.Fatalf("err = %v, want ErrNoDatabase", err)
			}
			if !strings.Contains(err.Error(), sqlstore.Describe(dsn)) || !strings.Contains(err.Error(), "--db") {
				t.Errorf("the message does not name the address and --db: %q", err)
			}
			if d == sqlstore.SQLite {
				if entries, _ := os.ReadDir(filepath.Dir(dsn)); len(entries) > 0 {
					t.Errorf("files were created: %v", entries)
				}
			}
			db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !db.Created() {
				t.Error("Created() is false for a new database")
			}
			db.Close()
			db, err = sqlstore.Open(ctx, dsn, sqlstore.Options{Existing: true})
			if err != nil {
				t.Fatalf("an existing database: %v", err)
			}
			if db.Created() {
				t.Error("Created() is true for an existing database")
			}
			db.Close()
		})
	}
}

// TestUnreachablePostgres: a PostgreSQL address nothing answers at, or
// without the database named, is one plain sentence, with no password.
func TestUnreachablePostgres(t *testing.T) {
	base := storetest.PostgresURL(t)
	missing := strings.Replace(base, "/heed_test", "/no_such_heed_database", 1)
	for _, tt := range []struct{ dsn, want string }{
		{"postgres://heed:secret@127.0.0.1:1/heed?sslmode=disable", "nothing answered at 127.0.0.1:1"},
		{"postgres://heed:secret@no-such-host.invalid:5432/heed?sslmode=disable", "no-such-host.invalid"},
		{missing, "no database named no_such_heed_database"},
	} {
		_, err := sqlstore.Open(context.Background(), tt.dsn, sqlstore.Options{})
		if err == nil {
			t.Fatalf("%s: opened", tt.dsn)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "Heed cannot connect to the PostgreSQL database at ") || !strings.Contains(msg, tt.want) {
			t.Errorf("message %q; want a plain sentence with %q", msg, tt.want)
		}
		for _, raw := range []string{"dial", "failed to connect", "SQLSTATE", "secret", "\n"} {
			if strings.Contains(msg, raw) {
				t.Errorf("message %q holds %q", msg, raw)
			}
		}
	}
}

// TestNewDatabasePageSize: a new SQLite database has 8 KB pages (see
// pageSize) and is in WAL mode; one made with SQLite's 4 KB keeps them and
// opens as before.
func TestNewDatabasePageSize(t *testing.T) {
	ctx := context.Background()
	pragma := func(t *testing.T, db *sqlstore.DB, name string) string {
		t.Helper()
		var v string
		if err := db.SQL().QueryRowContext(ctx, "PRAGMA "+name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	dsn := storetest.DSN(t, sqlstore.SQLite)
	db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := pragma(t, db, "page_size"); got != "8192" {
		t.Errorf("a new database's page size = %s, want 8192", got)
	}
	if got := pragma(t, db, "journal_mode"); got != "wal" {
		t.Errorf("journal mode = %s, want wal", got)
	}
	db.Close()

	old := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE before_heed (x)"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err = sqlstore.Open(ctx, old, sqlstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := pragma(t, db, "page_size"); got != "4096" {
		t.Errorf("an existing database's page size = %s, want it kept at 4096", got)
	}
}

// TestRefusesNewerSchema: a database a newer Heed has migrated further is
// refused, saying so and naming its migration, on both backends.
func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	for _, d := range storetest.Backends {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			db, err := sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.SQL().ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')`); err != nil {
				t.Fatal(err)
			}
			db.Close()
			_, err = sqlstore.Open(ctx, dsn, sqlstore.Options{})
			if err == nil || !strings.Contains(err.Error(), "newer version of Heed") || !strings.Contains(err.Error(), "9999") {
				t.Fatalf("opening a database migrated by a newer Heed: %v, want it refused", err)
			}
		})
	}
}
