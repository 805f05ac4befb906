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
	procedure := fs.String("procedure", "", "a complaints procedure ("+procedureList()+"): the deadline of a stage started on --from under the targets in force on that day, saying which applied and why")
	stage := fs.Int("stage", 1, "with --procedure: the stage started on --from")
	received := fs.String("received", "", "with --procedure and a later stage: the day the complaint was received")
	acknowledged := fs.String("acknowledged", "", "with --procedure: the day the stage was acknowledged, when it was")
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
	if *procedure != "" {
		if *sar || *daysFlag != "" {
			return usageError("--procedure cannot be used with --sar or --working-days: it counts the procedure's own targets")
		}
		return a.dueUnder(ctx, heed.ProcedureID(*procedure), *stage, start, *received, *acknowledged)
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

// dueUnder prints the deadline of stage n of a complaint under procedure
// id, the stage started on start: under the targets in force on that day
// (the configuration's, or those an administrator saved), saying which set
// applied and why, and how the count was made.
func (a *app) dueUnder(ctx context.Context, id heed.ProcedureID, n int, start calendar.Date, receivedFlag, acknowledgedFlag string) error {
	date := func(flag, v string) (calendar.Date, error) {
		if v == "" {
			return calendar.Date{}, nil
		}
		d, err := calendar.ParseDate(v)
		if err != nil || d.IsZero() {
			return calendar.Date{}, usageError(fmt.Sprintf("%s: %s is not a date: give it as 2014-12-18 or 18/12/2014", flag, strconv.Quote(v)))
		}
		return d, nil
	}
	received, err := date("--received", receivedFlag)
	if err != nil {
		return err
	}
	acknowledged, err := date("--acknowledged", acknowledgedFlag)
	if err != nil {
		return err
	}
	rules, cal, err := a.rulesAndCalendar(ctx)
	if err != nil {
		return err
	}
	p, ok := rules.Procedures[id]
	if !ok {
		return usageError(fmt.Sprintf("--procedure: there is no procedure %s: expected one of %s", strconv.Quote(string(id)), procedureList()))
	}
	if _, ok := p.Stage(n); !ok {
		return usageError(fmt.Sprintf("--stage: %s has %d stages: give a stage from 1 to %d", id.Label(), len(p.Stages), len(p.Stages)))
	}
	switch {
	case received.IsZero() || n == 1:
		received = start
	case start.Before(received):
		return usageError(fmt.Sprintf("--received: %s is after the stage started (%s)", received.Long(), start.Long()))
	}
	rec := &heed.Record{Type: heed.TypeComplaint, Procedure: id, Received: received}
	for i := 1; i < n; i++ {
		rec.Stages = append(rec.Stages, heed.Stage{Number: i, Started: received, Responded: start})
	}
	rec.Stages = append(rec.Stages, heed.Stage{Number: n, Started: start, Acknowledged: acknowledged})
	c, ok := rules.StageClock(cal, rec, &rec.Stages[n-1])
	if !ok {
		return fmt.Errorf("%s Stage %d has no clock", id.Label(), n)
	}
	if c.Latest.IsZero() || c.Latest.Equal(c.Deadline) {
		fmt.Fprintf(a.stdout, "%s\n\n", c.Deadline)
	} else {
		fmt.Fprintf(a.stdout, "%s (extendable to %s)\n\n", c.Deadline, c.Latest)
	}
	for _, l := range c.Explanation {
		fmt.Fprintln(a.stdout, l)
	}
	return nil
}

// rulesAndCalendar are the timescales and calendar in force: the
// database's when there is one, else the configuration's and the built-in
// list (none is made).
func (a *app) rulesAndCalendar(ctx context.Context) (heed.Rules, *calendar.Calendar, error) {
	_, db, err := a.openExisting(ctx)
	if errors.Is(err, sqlstore.ErrNoDatabase) {
		cfg, err := a.loadConfig()
		if err != nil {
			return heed.Rules{}, nil, err
		}
		return cfg.Rules(), calendar.EnglandAndWales(), nil
	}
	if err != nil {
		return heed.Rules{}, nil, err
	}
	defer db.Close()
	cal, err := db.Calendar(ctx)
	return db.Rules(), cal, err
}

func procedureList() string {
	s := make([]string, len(heed.ProcedureIDs))
	for i, p := range heed.ProcedureIDs {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
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
