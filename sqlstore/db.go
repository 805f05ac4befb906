// Package sqlstore keeps Heed's records in SQL: SQLite (pure Go, a file) by
// default, PostgreSQL when given a postgres:// URL. Both run the same plain
// SQL with $1 placeholders; only the migrations differ.
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"modernc.org/sqlite"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/queue"
)

// Dialect names the SQL database behind a DB.
type Dialect string

// The dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

//go:embed migrations
var migrations embed.FS

// DB is Heed's store. It implements heed.RecordService and
// heed.HolidayService.
type DB struct {
	// db runs reads; w runs transactions and anything else that writes.
	// On PostgreSQL they are one pool. On SQLite, which allows one writer
	// at a time, w is a pool of one connection, so that writers queue in
	// order instead of polling for the lock (sleeping 1, 2, 5, 10 ms and
	// more between tries, which made the slowest requests slower), and db
	// is read-only.
	db, w   *pool
	dialect Dialect
	rules   rulesInForce
	log     *slog.Logger
	now     func() time.Time

	created bool // Open created the database
	// schema is the last migration in place: the hooks of earlier
	// migrations read records without the columns later ones add.
	schema atomic.Int64

	notices noticeSettings // see SetNotices

	mu       sync.Mutex
	calendar *calendar.Calendar // the calendar in force, loaded lazily
	areas    areaNamesCache
}

// Options configure a DB.
type Options struct {
	// Rules are the timescales used to compute deadlines on every save.
	Rules heed.Rules
	// Logger receives operational messages; never personal data.
	Logger *slog.Logger
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Existing refuses to create a database: Open returns ErrNoDatabase
	// when there is no SQLite file at the address, or the PostgreSQL
	// database holds no Heed tables. For commands that only read.
	Existing bool
	// Unmapped reads a SQLite file through SQLite's page cache rather than
	// mapping it into memory: for commands that read once and end, whose
	// memory would otherwise grow with every page they touch (a report
	// over a million records: 45 MB rather than 550 MB, for about the same
	// processor time). The server maps the file (see sqliteOptions).
	Unmapped bool
}

// DialectOf tells which dialect a database address means: a postgres:// or
// postgresql:// URL is PostgreSQL, anything else a SQLite file path.
func DialectOf(dsn string) Dialect {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return Postgres
	}
	return SQLite
}

// Open connects to the database at dsn and applies any migrations it lacks.
// A SQLite database, its views file and SQLite's files beside them are made
// readable by their owner only (0600), and tightened to that when found
// wider.
func Open(ctx context.Context, dsn string, opts Options) (*DB, error) {
	d := &DB{dialect: DialectOf(dsn), log: opts.Logger, now: opts.Now}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if d.now == nil {
		d.now = time.Now
	}
	rules := opts.Rules
	if rules.Procedures == nil {
		rules = heed.DefaultRules()
	}
	d.rules.set(rules)
	if d.dialect == SQLite {
		created, err := prepareSQLiteFiles(dsn, opts.Existing, d.log)
		if err != nil {
			return nil, err
		}
		d.created = created
	}
	if err := d.open(ctx, dsn, opts.Unmapped); err != nil {
		return nil, err
	}
	if d.dialect == Postgres {
		ok, err := d.hasHeedTables(ctx)
		if err != nil {
			d.Close()
			return nil, err
		}
		if !ok && opts.Existing {
			d.Close()
			return nil, noDatabase(dsn)
		}
		d.created = !ok
	}
	applied, err := d.MigrateReport(ctx)
	if err != nil {
		d.Close()
		return nil, err
	}
	// River's tables, by River's own migrator, after Heed's (see package
	// queue).
	if err := queue.Migrate(ctx, string(d.dialect), d.w.DB, d.log); err != nil {
		d.Close()
		return nil, err
	}
	// Targets an administrator saved override the configuration's.
	if err := d.loadTargets(ctx); err != nil {
		d.Close()
		return nil, err
	}
	// Upgraded past the migration that dates the targets, the open stages
	// were counted by the clock before it: by the Code's timescales before
	// 1 April 2026 too, and from a late acknowledgement. They are counted
	// again, each move in its record's history.
	if !d.created && slices.Contains(applied, datedTargetsMigration) {
		moved, err := d.recomputeDeadlines(ctx, heed.Actor{Name: "heed:upgrade"}, "Heed's clocks changed: targets by date, and no time bought by a late acknowledgement")
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("count open deadlines again after the upgrade: %w", err)
		}
		if moved > 0 {
			d.log.Info("moved the deadlines of open stages to the dated targets", "records", moved)
		}
	}
	return d, nil
}

// datedTargetsMigration is the migration that dates the procedures'
// targets (see Open).
const datedTargetsMigration = "0034_target_sets.sql"

// sqliteOptions are every SQLite connection's: WAL lets readers work while
// an import writes; the busy timeout makes a second process's writer wait
// instead of failing at once.
const sqliteOptions = "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"

// mapped maps the file into the server's readers' memory, so that reading
// a page after another connection's commit (which empties every other
// connection's page cache) does not copy it in again (measured with
// BenchmarkWebLoad: twice the case pages a second). Each connection names
// mmap_size once: the driver runs its pragmas sorted by their text, so that
// a writer given both this and mmap_size(0) was mapped, and an import's
// memory grew with the pages it read back.
const mapped = "&_pragma=mmap_size(2147418112)"

// writerOptions are the write connection's: a page cache of up to 32 MB
// (SQLite's default is 2 MB), and statement journals in memory. A large
// import's indexes outgrew the default cache, so that its pages were
// written out and read in again; and every INSERT of many rows into a
// table with triggers wrote a statement journal to a temporary file
// (together a third of an import's profile). The cache grows
// only as it is used. The writer reads through its cache, not a mapping of
// the file, so that an import's memory stays within the cache.
const writerOptions = "&_pragma=cache_size(-32768)&_pragma=temp_store(memory)&_pragma=mmap_size(0)"

// open connects the read and write pools; unmapped: see Options.
func (d *DB) open(ctx context.Context, dsn string, unmapped bool) error {
	switch d.dialect {
	case Postgres:
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return fmt.Errorf("open %s database: %w", d.dialect, err)
		}
		// database/sql keeps only two idle connections by default: under
		// fifty staff at once nearly every request then opened a new
		// connection, which put seconds on the slowest (measured with
		// BenchmarkWebLoad). PostgreSQL's own limit is 100.
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		d.db = newPool(db, false)
		d.w = d.db
	default:
		if err := setPageSize(ctx, dsn); err != nil {
			return err
		}
		w, err := openSQLite(dsn, sqliteOptions+"&_txlock=immediate"+writerOptions)
		if err != nil {
			return fmt.Errorf("open %s database: %w", d.dialect, err)
		}
		w.SetMaxOpenConns(1)
		w.SetMaxIdleConns(1)
		w.SetConnMaxIdleTime(0)
		d.w = newPool(w, true)
		// The write connection is made first, so that it creates the file
		// and sets WAL before any reader opens it.
		if err := w.PingContext(ctx); err != nil {
			w.Close()
			return fmt.Errorf("connect to the %s database: %w", d.dialect, err)
		}
		if _, err := w.ExecContext(ctx, sqliteViewsSchema); err != nil {
			w.Close()
			return fmt.Errorf("make the record views file: %w", err)
		}
		readerOptions := sqliteOptions + "&_pragma=query_only(1)"
		if !unmapped {
			readerOptions += mapped
		}
		r, err := openSQLite(dsn, readerOptions)
		if err != nil {
			w.Close()
			return fmt.Errorf("open %s database: %w", d.dialect, err)
		}
		r.SetMaxOpenConns(4)
		r.SetMaxIdleConns(4)
		d.db = newPool(r, true)
	}
	ping, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := d.db.PingContext(ping); err != nil {
		d.Close()
		if d.dialect == Postgres {
			return unreachable(dsn, err)
		}
		return fmt.Errorf("connect to the %s database: %w", d.dialect, err)
	}
	return nil
}

// pageSize is the size of a new SQLite database's pages. SQLite's default,
// 4 KB, made a million records' import a tenth slower than 8 KB, in
// processor time and elapsed (heed import, the two taking turns): half the
// pages to balance, write to the log and copy back. 16 KB and 64 KB were no
// quicker than 8 KB.
const pageSize = 8192

// setPageSize gives the SQLite file its page size while it is still empty:
// once the file is in WAL mode its page size is fixed, and the driver sets
// WAL before any other pragma it is given. A file with pages already keeps
// theirs.
func setPageSize(ctx context.Context, file string) error {
	info, err := os.Stat(file)
	if err != nil || info.Size() > 0 {
		return nil // Open made it; a file with pages keeps them
	}
	c, err := sqlite.NewConnector("file:" + file + "?_pragma=busy_timeout(10000)") // another process may be making it too
	if err != nil {
		return fmt.Errorf("open the new database: %w", err)
	}
	db := sql.OpenDB(c)
	defer db.Close()
	_, err = db.ExecContext(ctx, "PRAGMA page_size = "+strconv.Itoa(pageSize)+"; PRAGMA journal_mode = WAL")
	if err != nil {
		return fmt.Errorf("set the new database's page size: %w", err)
	}
	return db.Close()
}

// openSQLite opens a pool of connections to the SQLite file with the
// options, each with the views file attached (see views.go).
func openSQLite(file, options string) (*sql.DB, error) {
	c, err := sqlite.NewConnector("file:" + file + "?" + options)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(attachViews{c, file + viewsSuffix}), nil
}

// Close closes the database.
func (d *DB) Close() error {
	err := d.db.Close()
	if d.w != d.db {
		if werr := d.w.Close(); err == nil {
			err = werr
		}
	}
	return err
}

// Created reports whether Open created the database: a new SQLite file,
// or Heed's tables in a PostgreSQL database that had none.
func (d *DB) Created() bool { return d.created }

// Dialect tells which database this is.
func (d *DB) Dialect() Dialect { return d.dialect }

// SQL returns the underlying database, for benchmarks and reports that run
// their own read-only queries.
func (d *DB) SQL() *sql.DB { return d.w.DB }

// today is the store's current day, by its clock, in Europe/London: no
// event of a record may be dated after it.
func (d *DB) today() calendar.Date { return calendar.DateOf(d.now()) }

// Rules returns the timescales this store computes deadlines with: the
// configuration's, with any targets an administrator saved over them. The
// copy is the caller's to change.
func (d *DB) Rules() heed.Rules { return d.rules.get().Clone() }

// rulesInForce holds the rules every save computes deadlines with. An
// administrator may replace them while requests run, so they are swapped
// whole, atomically, and never changed in place. Its methods are those of
// heed.Rules, applied to the rules in force at the call.
type rulesInForce struct{ p atomic.Pointer[heed.Rules] }

func (r *rulesInForce) get() heed.Rules { return *r.p.Load() }

// set puts a private copy of rules in force.
func (r *rulesInForce) set(rules heed.Rules) {
	c := rules.Clone()
	r.p.Store(&c)
}

// StageClock is heed.Rules.StageClock under the rules in force.
func (r *rulesInForce) StageClock(cal *calendar.Calendar, rec *heed.Record, s *heed.Stage) (heed.Clock, bool) {
	return r.get().StageClock(cal, rec, s)
}

// Limits is heed.Rules.Limits under the rules in force.
func (r *rulesInForce) Limits(cal *calendar.Calendar, rec *heed.Record, s *heed.Stage) (deadline, latest calendar.Date, ok bool) {
	return r.get().Limits(cal, rec, s)
}

// Migrate applies, in order and each in its own transaction, every embedded
// migration not yet applied. It returns the versions it applied.
func (d *DB) Migrate(ctx context.Context) error {
	_, err := d.migrate(ctx, 0)
	return err
}

// MigrateReport is Migrate returning the names of the migrations applied.
func (d *DB) MigrateReport(ctx context.Context) ([]string, error) { return d.migrate(ctx, 0) }

// migrate applies the migrations not yet applied, up to version upTo (0:
// every one).
func (d *DB) migrate(ctx context.Context, upTo int) ([]string, error) {
	if _, err := d.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	dir := path.Join("migrations", string(d.dialect))
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	if err := d.refuseNewerSchema(ctx, entries); err != nil {
		return nil, err
	}
	var applied []string
	for _, e := range entries {
		name := e.Name()
		version, err := migrationVersion(name)
		if err != nil {
			return nil, err
		}
		if upTo > 0 && version > upTo {
			break
		}
		ok, err := d.applyMigration(ctx, version, name, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		d.schema.Store(int64(version))
		if ok {
			applied = append(applied, name)
			d.log.Info("applied migration", "name", name, "dialect", d.dialect)
		}
	}
	return applied, nil
}

// migrationVersion is the number a migration's file name starts with.
func migrationVersion(name string) (int, error) {
	v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
	if err != nil {
		return 0, fmt.Errorf("migration %s: name must start with a number", name)
	}
	return v, nil
}

// refuseNewerSchema refuses a database that a newer Heed has migrated
// further than the migrations this one holds: this one would write it as
// the older schema did, such as leaving PostgreSQL's search words as they
// were when it changes a record (migration 0046), without a word of
// warning.
func (d *DB) refuseNewerSchema(ctx context.Context, entries []fs.DirEntry) error {
	newest := 0
	for _, e := range entries {
		if v, err := migrationVersion(e.Name()); err == nil {
			newest = max(newest, v)
		}
	}
	var stored int
	if err := d.w.QueryRowContext(ctx, `SELECT COALESCE(max(version), 0) FROM schema_migrations`).Scan(&stored); err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	if stored > newest {
		return heed.Errorf(heed.EINVALID, "This database was upgraded by a newer version of Heed (its migrations go up to %d; this version knows up to %d). "+
			"Run that newer version, or restore the backup taken before the upgrade.", stored, newest)
	}
	return nil
}

// recordCountsVersion is the migration that creates record_counts, which
// is then filled from the records already stored.
const recordCountsVersion = 4

func (d *DB) applyMigration(ctx context.Context, version int, name, file string) (bool, error) {
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, version).Scan(&n); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if n > 0 {
		return false, nil
	}
	body, err := migrations.ReadFile(file)
	if err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	if version == recordCountsVersion {
		if err := d.rebuildCounts(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if version == nameKeysVersion {
		if err := d.fillKeys(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if version == countsResponsesVersion {
		// The counts are rebuilt with the columns this migration adds.
		d.schema.Store(int64(version))
		if err := d.fillLateDays(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
		if err := d.rebuildCounts(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if version == quarterCountsVersion {
		d.schema.Store(int64(version))
		if err := d.fillTallies(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if version == youngPersonVersion {
		if err := d.tickYoungPersons(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %s: %w", name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, version, name); err != nil {
		return false, fmt.Errorf("migration %s: %w", name, err)
	}
	return true, tx.Commit()
}

// date is a calendar.Date as a SQL value: NULL when not recorded, ISO text
// otherwise. It scans from text (SQLite) or time.Time (PostgreSQL, and
// SQLite's DATE columns).
type date struct{ d *calendar.Date }

func dateArg(d calendar.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func (s date) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.d = calendar.Date{}
	case time.Time:
		*s.d = calendar.NewDate(v.Year(), v.Month(), v.Day())
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("scan date: unexpected %T", v)
	}
	return nil
}

func (s date) parse(v string) error {
	if len(v) > 10 {
		v = v[:10]
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		return fmt.Errorf("scan date: %w", err)
	}
	*s.d = d
	return nil
}

// retryDeadlocks runs write, a whole transaction, again (up to three
// times in all) when PostgreSQL ended it to break a deadlock: two
// transactions that change several records, such as a change of targets
// and an officer's save, can each wait for a row the other has locked, and
// the server then rolls one of them back. SQLite writes one transaction at a
// time and never deadlocks.
func retryDeadlocks[T any](write func() (T, error)) (T, error) {
	for try := 1; ; try++ {
		v, err := write()
		if try == 3 || !isDeadlock(err) {
			return v, err
		}
	}
}

// isDeadlock reports whether PostgreSQL ended the transaction to break a
// deadlock, or could not serialise it.
func isDeadlock(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40P01" || pg.Code == "40001")
}

// hasSchema reports whether migration version is in place.
func (d *DB) hasSchema(version int) bool { return d.schema.Load() >= int64(version) }

// isUniqueViolation reports whether err is a unique constraint failing, on
// either database.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }
