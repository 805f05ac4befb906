package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/report/render"
)

// codeReport writes the Complaint Handling Code's annual report (the
// complaints performance and service improvement report) for a year.
func (a *app) codeReport(ctx context.Context, args []string) error {
	fs := a.flags("report code")
	year := fs.Int("year", calendar.Today().AddMonths(-12).FinancialYear(), "financial year, by its first year: 2026 is 2026/27")
	code := fs.String("code", string(heed.CodeLGSCO), "the Code: lgsco (the Local Government and Social Care Ombudsman's) or housing (the Housing Ombudsman's)")
	format := fs.String("format", "", "json, html, xlsx, csv, pdf or docx (default: from --out's extension, else json)")
	out := fs.String("out", "", "file to write (default: standard output)")
	publish := fs.Bool("publish", false, "the version for the public: small counts suppressed, no action texts")
	asOf := fs.String("as-of", "", "report date (default today)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	id := heed.CodeID(strings.ToLower(*code))
	if !slices.Contains(heed.CodeIDs, id) {
		return usageError(fmt.Sprintf("--code: %q is not a Code: expected lgsco or housing", *code))
	}
	if *year < 2026 {
		return usageError(fmt.Sprintf("--year: the Complaint Handling Code applies from 1 April 2026, so its first report is for 2026 (2026/27), not %d", *year))
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
	assessment, err := db.CodeAssessment(ctx, id, *year)
	if err != nil {
		return err
	}
	opts := report.Options{Council: cfg.CouncilName, Publish: *publish, SuppressBelow: cfg.SuppressBelow, AsOf: day,
		Rules: db.Rules()}
	r, err := report.CodeReport(ctx, db, id, *year, assessment, opts)
	if err != nil {
		return err
	}
	if *out == "" {
		return render.Write(a.stdout, *format, r)
	}
	if err := writeFile(*out, func(f *os.File) error { return render.Write(f, *format, r) }); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "Wrote the %s %s for %s to %s in %s.\n", *format, strings.ToLower(report.CodeReportTitle[:1])+report.CodeReportTitle[1:],
		calendar.FinancialYearLabel(*year), *out, time.Since(start).Round(time.Millisecond))
	return nil
}
