// Command heed records, handles and reports on a council's complaints and
// other feedback. Run "heed help" for its commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"os/user"
	"syscall"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/config"
	"github.com/heedhq/heed/sqlstore"
)

// version is Heed's version, set when built with make build
// (-ldflags "-X main.version=..."); "devel" otherwise.
var version = "devel"

const usage = `Heed: complaints, compliments and enquiries for an English council.

Usage: heed <command> [flags]

Commands:
  serve                 start the web application (creates the database and first administrator)
  migrate               apply database migrations (creates the database)
  import FILE           import records from a CSV or XLSX file (all or nothing)
  export                export every record in the import format
  generate              write a realistic synthetic file for demos, tests and benchmarks
  due                   compute a deadline and explain the count
  report annual         the annual report: --year 2014 --format json|html|xlsx|csv|pdf --out FILE [--publish]
  report quarterly      one quarter: --quarter 2014Q3
  report code           the Complaint Handling Code's annual report: --year 2026 [--code housing]
  holidays load FILE    load a newer bank-holidays.json; open deadlines follow it
  holidays list         list the bank holidays in force
  config check [FILE]   check a configuration file
  config example        print a documented example heed.toml
  users                 list, add, reset, disable or enable accounts (for an administrator on the server)
  help COMMAND          show a command's usage and flags, such as heed help import

Global flags (before or after the command):
  --config FILE         configuration file (default heed.toml, or $HEED_CONFIG)
  --db ADDRESS          SQLite file or postgres:// URL (default heed.db, or $HEED_DB)
  --version             print Heed's version

Run "heed help <command>" (or "heed <command> -h") for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(app.run(ctx, os.Args[1:]))
}

// app is one run of the command, with its standard streams and environment
// injected so that tests run it in-process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string

	configPath string
	dbFlag     string
}

// run executes the command line and returns the exit status.
func (a *app) run(ctx context.Context, args []string) int {
	args = a.globalFlags(args)
	if len(args) == 0 {
		fmt.Fprint(a.stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(a.stdout, usage)
		return 0
	case "help":
		return a.help(ctx, args[1:])
	case "-version", "--version", "version":
		fmt.Fprintf(a.stdout, "heed %s\n", version)
		return 0
	}
	cmd, ok := a.commands()[args[0]]
	if !ok {
		fmt.Fprintf(a.stderr, "heed: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err := cmd(ctx, args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var usageErr usageError
		if errors.As(err, &usageErr) {
			fmt.Fprintf(a.stderr, "heed %s: %s\n", args[0], usageErr)
			return 2
		}
		fmt.Fprintf(a.stderr, "heed %s: %s\n", args[0], message(err))
		return 1
	}
	return 0
}

// commands maps each command's first word to the function that runs it.
func (a *app) commands() map[string]func(context.Context, []string) error {
	return map[string]func(context.Context, []string) error{
		"serve":    a.serve,
		"migrate":  a.migrate,
		"import":   a.importFile,
		"export":   a.export,
		"generate": a.generate,
		"due":      a.due,
		"holidays": a.holidays,
		"config":   a.configCommand,
		"report":   a.report,
		"users":    a.users,
	}
}

// message is what the person at the terminal sees for an error: the
// domain's own message when there is one, else the error itself (which, from
// this program's own code, names no personal data).
func message(err error) string {
	if heed.ErrorCode(err) != heed.EINTERNAL {
		return heed.ErrorMessage(err)
	}
	return err.Error()
}

// usageError is a mistake in the command line.
type usageError string

func (e usageError) Error() string { return string(e) }

// globalFlags takes --config and --db from anywhere in args.
func (a *app) globalFlags(args []string) []string {
	var rest []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		for _, name := range []string{"config", "db"} {
			for _, prefix := range []string{"-" + name, "--" + name} {
				var val string
				switch {
				case arg == prefix && i+1 < len(args):
					val = args[i+1]
					i++
				case len(arg) > len(prefix)+1 && arg[:len(prefix)+1] == prefix+"=":
					val = arg[len(prefix)+1:]
				default:
					continue
				}
				if name == "config" {
					a.configPath = val
				} else {
					a.dbFlag = val
				}
				goto next
			}
		}
		rest = append(rest, arg)
	next:
	}
	return rest
}

// loadConfig reads the configuration, with --db over HEED_DB over the file.
func (a *app) loadConfig() (*config.Config, error) {
	cfg, err := config.Load(a.configPath, a.getenv)
	if err != nil {
		return nil, err
	}
	if a.dbFlag != "" {
		cfg.Database = a.dbFlag
	}
	return cfg, nil
}

func (a *app) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// openStore loads the configuration and opens the database it names,
// creating it when there is none, and says so when it does.
func (a *app) openStore(ctx context.Context) (*config.Config, *sqlstore.DB, error) {
	return a.open(ctx, false, true)
}

// openExisting loads the configuration and opens the database it names,
// for commands that only read: when there is no database there it returns
// sqlstore.ErrNoDatabase rather than create an empty one.
func (a *app) openExisting(ctx context.Context) (*config.Config, *sqlstore.DB, error) {
	return a.open(ctx, true, true)
}

// open opens the store; unmapped: a command that reads once and ends (see
// sqlstore.Options.Unmapped), not the server.
func (a *app) open(ctx context.Context, existing, unmapped bool) (*config.Config, *sqlstore.DB, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, nil, err
	}
	db, err := sqlstore.Open(ctx, cfg.Database, sqlstore.Options{Rules: cfg.Rules(), Logger: a.logger(), Existing: existing, Unmapped: unmapped})
	if err != nil {
		return nil, nil, err
	}
	if db.Created() {
		fmt.Fprintf(a.stderr, "Created a new database at %s\n", sqlstore.Describe(cfg.Database))
	}
	return cfg, db, nil
}

// actor is who the command line acts as in the audit history.
func (a *app) actor() heed.Actor {
	name := a.getenv("USER")
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	if name == "" {
		name = "unknown"
	}
	return heed.Actor{Name: "cli:" + name}
}

// flags returns the flag set of the command name ("import", "report
// annual"), whose usage is the command's synopsis, summary and flags.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("heed "+name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		writeSynopsis(fs.Output(), name)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(fs.Output(), "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// plural is n followed by the noun, in the plural unless n is 1:
// plural(1, "record", "records") is "1 record".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
