// Package queue owns Heed's durable job queue, River
// (github.com/riverqueue/river), on SQLite and PostgreSQL alike. Its jobs
// live in the database beside the records, so that a job is enqueued in
// the same transaction as the change that causes it, and survives
// restarts.
//
// The drivers: riversqlite on SQLite, given the store's one write
// connection (River's SQLite driver asks for a pool of one, and sharing the
// store's means River's writes queue behind a record's save instead of
// waiting for SQLite's lock); on PostgreSQL riverdatabasesql, because the
// store opens PostgreSQL through pgx's database/sql driver and River must
// join the store's *sql.Tx to enqueue in it (riverpgxv5 takes a pgx.Tx,
// which a database/sql transaction cannot give). database/sql cannot
// LISTEN, so River polls (see Options.PollInterval), which is why the
// delay between saving and sending is up to a poll interval.
//
// River's own tables are made by River's migrator (rivermigrate), never by
// Heed's migrations: see Migrate.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/heedhq/heed/calendar"
)

// Dialects: the store's names for its databases.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

func driver(dialect string, db *sql.DB) (riverdriver.Driver[*sql.Tx], error) {
	switch dialect {
	case SQLite:
		return riversqlite.New(db), nil
	case Postgres:
		return riverdatabasesql.New(db), nil
	}
	return nil, fmt.Errorf("queue: unknown database %q", dialect)
}

// Migrate brings River's tables up to date with River's own migrator. It
// is safe to run on every start, and by several processes at once on
// PostgreSQL (the migrator takes a lock).
func Migrate(ctx context.Context, dialect string, db *sql.DB, log *slog.Logger) error {
	drv, err := driver(dialect, db)
	if err != nil {
		return err
	}
	cfg := &rivermigrate.Config{}
	if log != nil {
		cfg.Logger = slog.New(warnings{log.Handler()})
	}
	m, err := rivermigrate.New(drv, cfg)
	if err != nil {
		return fmt.Errorf("queue: migrator: %w", err)
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return fmt.Errorf("queue: migrate River's tables: %w", err)
	}
	if len(res.Versions) > 0 && log != nil {
		log.Info("applied River's migrations", "count", len(res.Versions), "dialect", dialect)
	}
	return nil
}

// warnings passes on only warnings and errors: River's migrator says, at
// every start of every command, that it had nothing to do.
type warnings struct{ slog.Handler }

func (w warnings) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && w.Handler.Enabled(ctx, l)
}

func (w warnings) WithAttrs(attrs []slog.Attr) slog.Handler {
	return warnings{w.Handler.WithAttrs(attrs)}
}
func (w warnings) WithGroup(name string) slog.Handler { return warnings{w.Handler.WithGroup(name)} }

// Deliver is the job that sends one outbox message. Round counts the
// times an officer sent it again, so that each sending is its own job
// while a job for one round is only ever enqueued once.
type Deliver struct {
	Message int64 `json:"message"`
	Round   int   `json:"round"`
}

// Kind is River's name for the job.
func (Deliver) Kind() string { return "heed_deliver" }

// Daily is the scheduled job that queues the day's reminders, overdue
// notices and digests. Day (ISO 8601, Europe/London) makes it once a day:
// a second one for the same day is never enqueued.
type Daily struct {
	Day string `json:"day"`
}

// Kind is River's name for the job.
func (Daily) Kind() string { return "heed_daily" }

// Handlers do the jobs' work. final tells that this is the last attempt:
// when it fails, the job is given up.
type Handlers struct {
	Deliver func(ctx context.Context, message int64, final bool) error
	Daily   func(ctx context.Context, day string) error
}

// Options tune the queue; the zero value suits a server.
type Options struct {
	// PollInterval is how often each process looks for work (1 second).
	PollInterval time.Duration
	// RetryBase is the first retry's delay; each later one doubles it,
	// up to an hour (30 seconds).
	RetryBase time.Duration
	// MaxAttempts is how many times a message is tried before it is
	// given up and shown as failed (10: about 4 hours with the default
	// base).
	MaxAttempts int
	// RescueAfter is how long a job may run before it is taken as lost
	// (its process died) and tried again (5 minutes).
	RescueAfter time.Duration
	// Workers is how many jobs one process works at once (20: a job
	// mostly waits for the mail server).
	Workers int
	// DailyAt is the time of day (Europe/London) the daily job runs
	// (7:00); DailyEvery, when set, runs it that often instead (tests).
	DailyAt    time.Duration
	DailyEvery time.Duration
	// NoDaily leaves the daily job out (tests that run it themselves).
	NoDaily bool
	// Now is the clock: the daily job's day is today by it.
	Now func() time.Time
	// Logger receives River's messages.
	Logger *slog.Logger
}

// Queue is River's client.
type Queue struct {
	client  *river.Client[*sql.Tx]
	working bool
}

// New makes a queue on the store's database (see the package comment for
// which pool). With nil handlers it only enqueues: for commands that
// change records but do not send.
func New(dialect string, db *sql.DB, h *Handlers, opts Options) (*Queue, error) {
	drv, err := driver(dialect, db)
	if err != nil {
		return nil, err
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = time.Second
	}
	if opts.RetryBase == 0 {
		opts.RetryBase = 30 * time.Second
	}
	if opts.MaxAttempts == 0 {
		opts.MaxAttempts = 10
	}
	if opts.RescueAfter == 0 {
		opts.RescueAfter = 5 * time.Minute
	}
	if opts.Workers == 0 {
		opts.Workers = 20
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DailyAt == 0 {
		opts.DailyAt = 7 * time.Hour
	}
	cfg := &river.Config{
		Logger:            opts.Logger,
		MaxAttempts:       opts.MaxAttempts,
		RetryPolicy:       backoff{base: opts.RetryBase},
		FetchPollInterval: opts.PollInterval,
		// River fetches at most a worker's worth of jobs at a time, and
		// waits this long between fetches: with River's 100 ms a backlog
		// of messages went at 35 a second (BenchmarkMorningReminders).
		FetchCooldown: min(opts.PollInterval, 5*time.Millisecond),
		JobTimeout:    min(2*time.Minute, opts.RescueAfter/2),
		// A job running when its process was killed is tried again after
		// this long.
		RescueStuckJobsAfter: opts.RescueAfter,
	}
	if h != nil {
		workers := river.NewWorkers()
		river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, j *river.Job[Deliver]) error {
			return h.Deliver(ctx, j.Args.Message, j.Attempt >= j.MaxAttempts)
		}))
		river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, j *river.Job[Daily]) error {
			return h.Daily(ctx, j.Args.Day)
		}))
		cfg.Workers = workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.Workers}}
	}
	if h != nil && !opts.NoDaily {
		var schedule river.PeriodicSchedule = dailyAt{at: opts.DailyAt}
		if opts.DailyEvery > 0 {
			schedule = river.PeriodicInterval(opts.DailyEvery)
		}
		now := opts.Now
		cfg.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(schedule, func() (river.JobArgs, *river.InsertOpts) {
			return Daily{Day: calendar.DateOf(now()).String()}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
		}, &river.PeriodicJobOpts{ID: "heed_daily", RunOnStart: true})}
	}
	c, err := river.NewClient(drv, cfg)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	return &Queue{client: c, working: h != nil}, nil
}

// EnqueueDeliveryTx enqueues the sending of outbox message id, in tx: the
// job exists only when tx commits. Enqueuing the same message and round
// again does nothing.
func (q *Queue) EnqueueDeliveryTx(ctx context.Context, tx *sql.Tx, id int64, round int) error {
	_, err := q.client.InsertTx(ctx, tx, Deliver{Message: id, Round: round}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	if err != nil {
		return fmt.Errorf("queue: enqueue message %d: %w", id, err)
	}
	return nil
}

// Start works the queue until Stop.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return errors.New("queue: made without handlers, it cannot work jobs")
	}
	return q.client.Start(ctx)
}

// Stop waits for the jobs being worked to finish (or ctx to end).
func (q *Queue) Stop(ctx context.Context) error {
	if !q.working {
		return nil
	}
	return q.client.Stop(ctx)
}

// backoff retries after base, then twice as long each time, up to an hour.
type backoff struct{ base time.Duration }

func (b backoff) NextRetry(j *rivertype.JobRow) time.Time {
	d := b.base
	for i := 1; i < len(j.Errors)+1 && d < time.Hour; i++ {
		d *= 2
	}
	return time.Now().Add(min(d, time.Hour))
}

// dailyAt is a schedule at one time of day in Europe/London.
type dailyAt struct{ at time.Duration }

func (s dailyAt) Next(t time.Time) time.Time {
	zone, err := time.LoadLocation("Europe/London")
	if err != nil {
		zone = time.UTC
	}
	l := t.In(zone)
	// The hour on the clock in London, whatever summer time does.
	h, m := int(s.at/time.Hour), int(s.at%time.Hour/time.Minute)
	next := time.Date(l.Year(), l.Month(), l.Day(), h, m, 0, 0, zone)
	if next.After(t) {
		return next
	}
	return time.Date(l.Year(), l.Month(), l.Day()+1, h, m, 0, 0, zone)
}
