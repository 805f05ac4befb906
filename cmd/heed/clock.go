package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/heedhq/heed/calendar"
)

func (a *app) due(ctx context.Context, args []string) error {
	fs := a.flags("due")
	from := fs.String("from", "", "the day the clock starts (day 0), such as 2014-12-18 or 18/12/2014")
	days := fs.Int("working-days", 0, "how many working days")
	sar := fs.Bool("sar", false, "a subject access request: one calendar month, the receipt day being day 1")
	if err := fs.Parse(args); err != nil {
		return err
	}
	start, err := calendar.ParseDate(*from)
	if err != nil || start.IsZero() {
		return usageError("--from: give the date the clock starts, such as 2014-12-18")
	}
	cal, err := a.calendar(ctx)
	if err != nil {
		return err
	}
	if *sar {
		due, lines := cal.MonthLater(start)
		fmt.Fprintf(a.stdout, "%s\n\n", due)
		for _, l := range lines {
			fmt.Fprintln(a.stdout, l)
		}
		return nil
	}
	if *days < 1 {
		return usageError("--working-days: give a number of working days, such as 15")
	}
	ex := cal.Explain(start, *days)
	fmt.Fprintf(a.stdout, "%s\n\n", ex.Deadline)
	for _, l := range ex.Lines() {
		fmt.Fprintln(a.stdout, l)
	}
	if _, last := cal.Range(); ex.Deadline.Year() > last.Year() {
		fmt.Fprintf(a.stdout, "Warning: Heed knows bank holidays only to the end of %d; load a newer list with heed holidays load.\n", last.Year())
	}
	return nil
}

// calendar is the calendar in force in the database when there is one, and
// the built-in list otherwise (so "heed due" works before anything else).
func (a *app) calendar(ctx context.Context) (*calendar.Calendar, error) {
	cfg, err := a.loadConfig()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(cfg.Database); err != nil && !isPostgres(cfg.Database) {
		return calendar.EnglandAndWales(), nil
	}
	_, db, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return db.Calendar(ctx)
}

func (a *app) holidays(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError("expected a subcommand: heed holidays load FILE, or heed holidays list [--year 2026]")
	}
	switch args[0] {
	case "load":
		fs := a.flags("holidays load")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if fs.NArg() != 1 {
			return usageError("expected one file: heed holidays load bank-holidays.json")
		}
		f, err := os.Open(fs.Arg(0))
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", fs.Arg(0), err)
		}
		defer f.Close()
		list, err := calendar.ParseBankHolidaysJSON(f)
		if err != nil {
			return err
		}
		_, db, err := a.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		moved, err := db.LoadHolidays(ctx, a.actor(), list)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Loaded %d bank holidays, %s to %s. %d open deadline(s) moved to follow them.\n",
			len(list), list[0].Date.Long(), list[len(list)-1].Date.Long(), moved)
		return nil
	case "list":
		fs := a.flags("holidays list")
		year := fs.Int("year", calendar.Today().Year(), "calendar year")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		cal, err := a.calendar(ctx)
		if err != nil {
			return err
		}
		for _, h := range cal.Holidays() {
			if h.Date.Year() == *year {
				fmt.Fprintf(a.stdout, "%s  %-9s  %s\n", h.Date, h.Date.Weekday(), h.Name())
			}
		}
		return nil
	}
	return usageError(fmt.Sprintf("unknown subcommand %s: expected load or list", strconv.Quote(args[0])))
}
