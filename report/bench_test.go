package report_test

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// BenchmarkAnnualReport times the whole annual report (every table and
// measure, this year and the two before) over generated records, and, on
// the same data, the one plain SQL query that counts records by service
// area, type and quarter. The report should take at most three times the
// query. HEED_BENCH_SIZES sets the sizes (default 100000,1000000); make
// bench runs it.
func BenchmarkAnnualReport(b *testing.B) {
	sizes := []int{100000, 1000000}
	if s := os.Getenv("HEED_BENCH_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				b.Fatalf("HEED_BENCH_SIZES: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	ctx := context.Background()
	period := report.Annual(2025)
	asOf := calendar.MustParseDate("2026-10-31")
	for _, d := range storetest.Backends {
		for _, n := range sizes {
			b.Run(string(d)+"/"+strconv.Itoa(n), func(b *testing.B) {
				db := storetest.Open(b, d, sqlstore.Options{})
				storetest.ImportGenerated(b, db, generate.Options{Records: n, Years: 3, End: calendar.MustParseDate("2026-03-31"), Seed: 1}, nil)
				b.Run("report", func(b *testing.B) {
					for b.Loop() {
						if _, err := report.Generate(ctx, db, period, report.Options{AsOf: asOf}); err != nil {
							b.Fatal(err)
						}
					}
				})
				b.Run("count_query", func(b *testing.B) {
					q := report.QueryFor(period, asOf)
					for b.Loop() {
						if _, err := db.CountByServiceTypeQuarter(ctx, q); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}
