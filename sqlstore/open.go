package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// ErrNoDatabase is returned by Open with Options.Existing when there is no
// Heed database at the address: no SQLite file, or a PostgreSQL database
// without Heed's tables. Its message names the address and says what to do.
var ErrNoDatabase = errors.New("there is no Heed database")

// fileMode is the mode of every file Heed keeps on SQLite: readable and
// writable by the user Heed runs as, and no one else, as the records hold
// personal data (children's among them).
const fileMode fs.FileMode = 0o600

// sqliteSuffixes are the files SQLite keeps beside a database file, and
// beside its views file: each is created by SQLite with the mode of the file
// it belongs to.
var sqliteSuffixes = []string{"", "-wal", "-shm", "-journal"}

// noDatabase is the error Open returns when a command that only reads is
// pointed at an address that holds no Heed database.
func noDatabase(dsn string) error {
	return fmt.Errorf("%w at %s: run heed in the folder that holds heed.db, or give the database with --db (or HEED_DB)",
		ErrNoDatabase, Describe(dsn))
}

// Describe names a database address for a message or a log: a SQLite file
// by its absolute path, a PostgreSQL URL without its user name and
// password.
func Describe(dsn string) string {
	if DialectOf(dsn) == Postgres {
		u, err := url.Parse(dsn)
		if err != nil {
			return "the PostgreSQL database"
		}
		return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
	}
	if abs, err := filepath.Abs(dsn); err == nil {
		return abs
	}
	return dsn
}

// prepareSQLiteFiles makes sure the database file and its views file exist
// with mode 0600 before SQLite opens them (SQLite gives its -wal, -shm and
// -journal files the mode of the file they belong to), and tightens any of
// them an older Heed, a copy or a restore left readable by others. With
// existing, a missing database file is ErrNoDatabase. It reports whether it
// created the database file.
func prepareSQLiteFiles(file string, existing bool, log *slog.Logger) (created bool, err error) {
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		if existing {
			return false, noDatabase(file)
		}
		created = true
	} else if err != nil {
		return false, fmt.Errorf("open the database file %s: %w", Describe(file), err)
	}
	for _, base := range []string{file, file + viewsSuffix} {
		if err := createPrivate(base); err != nil {
			return false, err
		}
		for _, suffix := range sqliteSuffixes {
			if err := tighten(base+suffix, log); err != nil {
				return false, err
			}
		}
	}
	return created, nil
}

// createPrivate creates name, empty, with mode 0600 when it does not exist
// (an empty file is an empty SQLite database).
func createPrivate(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, fileMode)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("create the database file %s: %w", Describe(name), err)
	}
	return f.Close()
}

// tighten sets name's mode to 0600 when it exists and others may read or
// write it, and logs that it did (the file's path and modes only).
// On Windows, where files have no such modes, it does nothing.
func tighten(name string, log *slog.Logger) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	info, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check the permissions of %s: %w", Describe(name), err)
	}
	if info.Mode().Perm()&^fileMode == 0 {
		return nil
	}
	if err := os.Chmod(name, fileMode); err != nil {
		return fmt.Errorf("%s may be read by other users of this computer (mode %04o) and Heed cannot make it private: %w",
			Describe(name), info.Mode().Perm(), err)
	}
	log.Warn("database file was readable by other users; made private", "file", Describe(name),
		"was", fmt.Sprintf("%04o", info.Mode().Perm()), "now", fmt.Sprintf("%04o", fileMode))
	return nil
}

// hasHeedTables reports whether the PostgreSQL database (in its search
// path) holds Heed's tables.
func (d *DB) hasHeedTables(ctx context.Context) (bool, error) {
	var ok bool
	if err := d.w.QueryRowContext(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&ok); err != nil {
		return false, fmt.Errorf("look for Heed's tables: %w", err)
	}
	return ok, nil
}

// connectTimeout bounds the first connection to PostgreSQL, so that an
// address nothing answers at fails in seconds rather than minutes.
const connectTimeout = 15 * time.Second

// connectError is a failure to reach PostgreSQL, said in one plain
// sentence; the driver's own error stays in the chain.
type connectError struct {
	msg string
	err error
}

func (e *connectError) Error() string { return e.msg }
func (e *connectError) Unwrap() error { return e.err }

// unreachable explains why PostgreSQL at dsn could not be connected to.
func unreachable(dsn string, err error) error {
	where := Describe(dsn)
	host, name := "the server", "the database"
	if u, perr := url.Parse(dsn); perr == nil {
		if u.Host != "" {
			host = u.Host
		}
		if n := strings.TrimPrefix(u.Path, "/"); n != "" {
			name = n
		}
	}
	var reason string
	var pgErr *pgconn.PgError
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "3D000":
		reason = fmt.Sprintf("the server has no database named %s, so create it (createdb %s) or correct", name, name)
	case errors.As(err, &pgErr) && (pgErr.Code == "28000" || pgErr.Code == "28P01"):
		reason = "the server refused the user name or password, so check them in"
	case errors.As(err, &pgErr):
		reason = fmt.Sprintf("the server refused the connection (PostgreSQL error %s), so check", pgErr.Code)
	case errors.As(err, &dnsErr):
		reason = fmt.Sprintf("the computer name in %s is not known, so check", host)
	case errors.Is(err, context.DeadlineExceeded):
		reason = fmt.Sprintf("nothing answered within %d seconds, so check that PostgreSQL is running at %s and", int(connectTimeout.Seconds()), host)
	case errors.As(err, &opErr):
		reason = fmt.Sprintf("nothing answered at %s, so check that PostgreSQL is running there and", host)
	default:
		reason = "check that PostgreSQL is running and"
	}
	return &connectError{
		msg: fmt.Sprintf("Heed cannot connect to the PostgreSQL database at %s: %s the address in heed.toml, HEED_DB or --db.", where, reason),
		err: err,
	}
}
