package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// topic is one command's entry in "heed help".
type topic struct {
	name     string // as typed after heed: "report annual"
	synopsis string // what follows the name
	summary  string
	flags    bool // it has flags, listed by running it with -h
}

// topics are heed's commands, as "heed help" shows them.
var topics = []topic{
	{"serve", "[--addr ADDRESS] [--demo]",
		"Starts the web application. Creates the database (and says so) when there is none, and the first administrator when there are no users.", true},
	{"migrate", "",
		"Applies the database migrations the database lacks. Creates the database (and says so) when there is none.", true},
	{"import", "[--update] [--new-names] FILE.csv|FILE.xlsx",
		"Imports records from a CSV or XLSX file, all or nothing: every row is checked first, and every problem listed by row and column. Creates the database (and says so) when there is none.", true},
	{"export", "[--out FILE.csv|FILE.xlsx]",
		"Exports every record in the import format: CSV to standard output, or to the .csv or .xlsx file --out names. Never creates a database.", true},
	{"generate", "[--records N] [--years N] [--seed N] [--end DATE] [--out FILE.csv|FILE.xlsx]",
		"Writes a realistic synthetic file, in the import format, for demos, tests and benchmarks. Uses no database.", true},
	{"due", "--from DATE (--working-days N | --sar | --procedure NAME [--stage N] [--received DATE] [--acknowledged DATE])",
		"Computes a deadline and explains the count, day by day. With --procedure, the deadline of a stage started on --from under the targets in force that day, saying which set of targets applied and why.", true},
	{"report annual", "[--year 2014] [--format json|html|xlsx|csv|pdf] [--out FILE] [--publish]",
		"Writes the annual report for a financial year. Never creates a database.", true},
	{"report quarterly", "--quarter 2014Q3 [--format json|html|xlsx|csv|pdf] [--out FILE] [--publish]",
		"Writes the report for one quarter. Never creates a database.", true},
	{"report code", "[--year 2026] [--code lgsco|housing] [--format json|html|xlsx|csv|pdf] [--out FILE] [--publish]",
		"Writes the Complaint Handling Code's annual complaints performance and service improvement report: the self-assessment, the figures of the Code's procedures, refusals, service improvements and the Ombudsman's letter. Never creates a database.", true},
	{"holidays load", "bank-holidays.json",
		"Loads a newer bank holidays file (GOV.UK's bank-holidays.json); open deadlines are computed again to follow it.", true},
	{"holidays list", "[--year 2026]",
		"Lists the bank holidays in force for a year.", true},
	{"config check", "[FILE]",
		"Checks a configuration file: heed.toml in this folder, or the file named, --config or $HEED_CONFIG. Says which file it checked, and fails when there is none.", false},
	{"config example", "",
		"Prints a documented example heed.toml with every setting at its default.", false},
	{"users", "list | add NAME --role ROLE [--area AREA]... | reset NAME | disable NAME | enable NAME",
		"Manages accounts from the server: lists them, adds one or resets a password (printing a one-time password), disables or enables one.", false},
	{"help", "[COMMAND]",
		"Shows Heed's commands, or one command's usage and flags.", false},
}

// writeSynopsis writes the usage line and summary of the command name.
func writeSynopsis(w io.Writer, name string) {
	for _, t := range topics {
		if t.name == name {
			fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("heed "+t.name+" "+t.synopsis), t.summary)
			return
		}
	}
	fmt.Fprintf(w, "Usage: heed %s [flags]\n", name)
}

// help prints the usage of the command args name ("heed help report"
// shows both reports), or Heed's usage when args is empty.
func (a *app) help(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stdout, usage)
		return 0
	}
	name := strings.Join(args, " ")
	var found []topic
	for _, t := range topics {
		if t.name == name || strings.HasPrefix(t.name, name+" ") {
			found = append(found, t)
		}
	}
	if len(found) == 0 {
		fmt.Fprintf(a.stderr, "heed help: there is no command %q; the commands are %s\n", name, commandNames())
		return 2
	}
	for i, t := range found {
		if i > 0 {
			fmt.Fprintln(a.stdout)
		}
		if !t.flags {
			writeSynopsis(a.stdout, t.name)
			continue
		}
		// The command prints its own usage and flags for -h, to its
		// flag set's output: standard output here.
		words := strings.Fields(t.name)
		stderr := a.stderr
		a.stderr = a.stdout
		err := a.commands()[words[0]](ctx, append(words[1:], "-h"))
		a.stderr = stderr
		if err != nil && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(a.stderr, "heed help: %s\n", message(err))
			return 1
		}
	}
	return 0
}

// commandNames lists the commands' first words, as in usage.
func commandNames() string {
	var names []string
	seen := map[string]bool{}
	for _, t := range topics {
		first := strings.Fields(t.name)[0]
		if !seen[first] {
			seen[first] = true
			names = append(names, first)
		}
	}
	return strings.Join(names, ", ")
}
