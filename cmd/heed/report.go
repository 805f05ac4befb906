package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/report/render"
)

func (a *app) report(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "code" {
		return a.codeReport(ctx, args[1:])
	}
	if len(args) == 0 || (args[0] != "annual" && args[0] != "quarterly") {
		return usageError("expected annual, quarterly or code: heed report annual --year 2014, heed report quarterly --quarter 2014Q3, heed report code --year 2026")
	}
	kind := args[0]
	fs := a.flags("report " + kind)
	year := fs.Int("year", calendar.Today().AddMonths(-12).FinancialYear(), "financial year, by its first year: 2014 is 2014/15")
	quarter := fs.String("quarter", "", "quarter, such as 2014Q3 (October to December 2014)")
	from := fs.String("from", "", "start of any period of a year or less (with --to)")
	to := fs.String("to", "", "end of the period")
	format := fs.String("format", "", "json, html, xlsx, csv, pdf or docx (default: from --out's extension, else json)")
	out := fs.String("out", "", "file to write (default: standard output)")
	publish := fs.Bool("publish", false, "the anonymous version for the public and councillors: small counts suppressed")
	asOf := fs.String("as-of", "", "report date: unanswered stages due before it are late (default today)")
	directorate := fs.String("directorate", "", "report on one directorate's service areas (default: the whole council)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	var p report.Period
	var err error
	switch {
	case *from != "" || *to != "":
		f, err1 := calendar.ParseDate(*from)
		t, err2 := calendar.ParseDate(*to)
		if err1 != nil || err2 != nil {
			return usageError("--from and --to take dates such as 2014-04-01")
		}
		p, err = report.Custom(f, t)
	case kind == "quarterly":
		p, err = report.Quarterly(*quarter)
	default:
		p = report.Annual(*year)
	}
	if err != nil {
		return err
	}
	day, err := reportTarget(format, *out, *asOf)
	if err != nil {
		return err
	}
	cfg, db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	opts := report.Options{Council: cfg.CouncilName, Publish: *publish, SuppressBelow: cfg.SuppressBelow, AsOf: day,
		Rules: db.Rules()}
	if *directorate != "" {
		if opts.Scope, opts.ServiceAreas, err = directorateAreas(ctx, db, *directorate); err != nil {
			return err
		}
	}
	if slug := p.Slug(); slug != "" && *directorate == "" {
		if opts.Narrative, err = db.Narrative(ctx, slug); err != nil {
			return err
		}
	}
	r, err := report.Generate(ctx, db, p, opts)
	if err != nil {
		return err
	}
	if *out == "" {
		return render.Write(a.stdout, *format, r)
	}
	if err := writeFile(*out, func(f *os.File) error { return render.Write(f, *format, r) }); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "Wrote the %s report for %s to %s in %s.\n", *format, p.Label, *out, time.Since(start).Round(time.Millisecond))
	return nil
}

// reportTarget checks a report's --format, --out and --as-of before any
// work: the format settled (see reportFormat), the file writable, and the
// report date read (today when asOf is empty).
func reportTarget(format *string, out, asOf string) (calendar.Date, error) {
	if err := reportFormat(format, out); err != nil {
		return calendar.Date{}, err
	}
	day := calendar.Today()
	if asOf != "" {
		var err error
		if day, err = calendar.ParseDate(asOf); err != nil {
			return calendar.Date{}, usageError("--as-of: " + err.Error())
		}
	}
	if out != "" {
		if err := checkWritable(out); err != nil {
			return calendar.Date{}, err
		}
	}
	return day, nil
}

// directorateAreas returns the directorate as its service areas write it,
// and their names; a directorate no area belongs to is a usage error that
// lists those there are.
func directorateAreas(ctx context.Context, db heed.SettingsService, name string) (string, []string, error) {
	areas, err := db.ServiceAreaList(ctx)
	if err != nil {
		return "", nil, err
	}
	for _, d := range heed.Directorates(areas) {
		if heed.NameKey(d) == heed.NameKey(name) {
			return d, heed.AreasOf(areas, d), nil
		}
	}
	known := heed.Directorates(areas)
	if len(known) == 0 {
		return "", nil, usageError(fmt.Sprintf("--directorate: no service area belongs to a directorate yet, so there is no %q; set them under Administration, Service areas", name))
	}
	return "", nil, usageError(fmt.Sprintf("--directorate: there is no directorate %q; the directorates are %s", name, strings.Join(known, "; ")))
}

// reportFormat settles the format of a report written to the file out:
// --format, else out's extension, else JSON. A format Heed cannot write,
// or an out whose extension is another format's (CSV written into
// report.docx), is a usage error naming the formats.
func reportFormat(format *string, out string) error {
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	if ext == "htm" {
		ext = "html"
	}
	if *format == "" {
		*format = ext
		if *format == "" {
			*format = "json"
		}
	}
	*format = strings.ToLower(*format)
	if !slices.Contains(render.Formats, *format) {
		return usageError(fmt.Sprintf("%q is not a report format: expected json, html, xlsx, csv, pdf or docx", *format))
	}
	if ext != "" && ext != *format {
		return usageError(fmt.Sprintf("cannot write a %s report to %s: give --out a name ending .%s, or a --format matching its ending (json, html, xlsx, csv, pdf or docx)",
			*format, out, *format))
	}
	return nil
}
