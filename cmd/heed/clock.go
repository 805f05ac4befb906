package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
)

func (a *app) due(ctx context.Context, args []string) error {
	fs := a.flags("due")
	from := fs.String("from", "", "the day the clock starts (day 0), such as 2014-12-18 or 18/12/2014")
	daysFlag := fs.String("working-days", "", "how many working days, a positive whole number such as 15")
	sar := fs.Bool("sar", false, "a subject access request: one calendar month, the receipt day being day 1, extendable by two further months")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fmt.Sprintf("unexpected %s: give the date with --from, such as heed due --from 2014-12-18 --working-days 15", strconv.Quote(fs.Arg(0))))
	}
	if *from == "" {
		return usageError("--from: give the date the clock starts, as 2014-12-18 or 18/12/2014")
	}
	start, err := calendar.ParseDate(*from)
	if err != nil {
		return usageError(fmt.Sprintf("--from: %s is not a date: give it as 2014-12-18 or 18/12/2014", strconv.Quote(*from)))
	}
	if y := start.Year(); start.IsZero() || y < heed.FirstYear || y > heed.LastYear {
		return usageError(fmt.Sprintf("--from: %s is outside the years Heed counts: give a date from %d to %d",
			strconv.Quote(*from), heed.FirstYear, heed.LastYear))
	}
	days := 0
	if *sar {
		if *daysFlag != "" {
			return usageError("--sar and --working-days cannot be used together: a subject access request is due one calendar month after receipt, not after a number of working days")
		}
	} else if days, err = strconv.Atoi(*daysFlag); err != nil || days < 1 {
		if *daysFlag == "" {
			return usageError("--working-days: give how many working days, a positive whole number such as 15 (or --sar for a subject access request)")
		}
		return usageError(fmt.Sprintf("--working-days: %s is not a number of working days: give a positive whole number, such as 15", strconv.Quote(*daysFlag)))
	}
	cal, err := a.calendar(ctx)
	if err != nil {
		return err
	}
	if *sar {
		c := heed.SARClock(cal, start)
		fmt.Fprintf(a.stdout, "%s (extendable to %s)\n\n", c.Deadline, c.Latest)
		for _, l := range c.Explanation {
			fmt.Fprintln(a.stdout, l)
		}
		return nil
	}
	ex := cal.Explain(start, days)
	fmt.Fprintf(a.stdout, "%s\n\n", ex.Deadline)
	for _, l := range ex.Lines() {
		fmt.Fprintln(a.stdout, l)
	}
	return nil
}

// calendar is the calendar in force in the database when there is one, and
// the built-in list otherwise (so "heed due" works before anything else).
func (a *app) calendar(ctx context.Context) (*calendar.Calendar, error) {
	_, db, err := a.openExisting(ctx)
	if errors.Is(err, sqlstore.ErrNoDatabase) {
		// Without a database, the built-in list and the rules; none is made.
		return calendar.EnglandAndWales(), nil
	}
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
		path := fs.Arg(0)
		list, err := readHolidays(path)
		if err != nil {
			return err
		}
		_, db, err := a.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		moved, err := db.LoadHolidays(ctx, a.actor(), list)
		if heed.ErrorCode(err) == heed.EINVALID {
			return fmt.Errorf("%s was not loaded: %s", path, heed.ErrorMessage(err))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Loaded %s from %s, %s to %s. %s to follow them.\n",
			plural(len(list), "bank holiday", "bank holidays"), path, list[0].Date.Long(), list[len(list)-1].Date.Long(),
			plural(moved, "open deadline", "open deadlines")+" moved")
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
		list := cal.HolidaysIn(*year)
		for _, h := range list {
			fmt.Fprintf(a.stdout, "%s  %-9s  %s\n", h.Date, h.Date.Weekday(), h.Name())
		}
		switch {
		case len(list) == 0:
			fmt.Fprintf(a.stdout, "Heed holds no bank holidays for %d: it computes them only from %d to %d.\n",
				*year, calendar.FirstRuleYear, calendar.LastRuleYear)
		case !cal.Listed(*year):
			fmt.Fprintf(a.stdout, "\n%d is not in the loaded list: these are computed by the usual rules.\n", *year)
			if w := cal.Warning(calendar.NewDate(*year, time.January, 1)); w != "" {
				fmt.Fprintln(a.stdout, w)
			}
		}
		return nil
	}
	return usageError(fmt.Sprintf("unknown subcommand %s: expected load or list", strconv.Quote(args[0])))
}

// readHolidays reads a bank-holidays.json file; its errors name the file.
func readHolidays(path string) ([]calendar.Holiday, error) {
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	defer f.Close()
	list, err := calendar.ParseBankHolidaysJSON(f)
	if err != nil {
		return nil, fmt.Errorf("%s was not loaded: %s (expected GOV.UK's bank-holidays.json, from www.gov.uk/bank-holidays.json)",
			path, strings.TrimPrefix(err.Error(), "bank-holidays.json: "))
	}
	return list, nil
}
