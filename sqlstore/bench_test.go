package sqlstore_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// BenchmarkImport times importing generated records into an empty store of
// each backend and reports rows per second. HEED_BENCH_RECORDS sets the size
// (default 100,000): make bench runs it.
func BenchmarkImport(b *testing.B) {
	n := 100000
	if s := os.Getenv("HEED_BENCH_RECORDS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	opts := generate.Options{Records: n, Years: 3, End: calendar.MustParseDate("2026-10-31"), Seed: 1}
	for _, d := range storetest.Backends {
		b.Run(string(d)+"/"+strconv.Itoa(n), func(b *testing.B) {
			var total int
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var recs []*heed.Record
				if err := generate.Records(opts, rules, cal, func(r *heed.Record) error { recs = append(recs, r); return nil }); err != nil {
					b.Fatal(err)
				}
				db := storetest.Open(b, d, sqlstore.Options{})
				b.StartTimer()
				if _, err := db.ImportRecords(context.Background(), storetest.Actor, recs, heed.ImportOptions{}); err != nil {
					b.Fatal(err)
				}
				total += len(recs)
			}
			b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkDashboard times the dashboard's figures over generated records
// (ten years, the last day the dashboard's today), for the whole council
// and for a manager's two service areas, on each backend. HEED_BENCH_DASHBOARD
// sets the size (default 1,000,000); with HEED_BENCH_EXPLAIN=1 it logs how
// the database runs each query. make bench runs it.
func BenchmarkDashboard(b *testing.B) {
	n := 1000000
	if s := os.Getenv("HEED_BENCH_DASHBOARD"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	today := calendar.MustParseDate("2026-10-31")
	for _, d := range storetest.Backends {
		b.Run(string(d)+"/"+strconv.Itoa(n), func(b *testing.B) {
			db := storetest.Open(b, d, sqlstore.Options{})
			areas := map[string]bool{}
			storetest.ImportGenerated(b, db, generate.Options{Records: n, Years: 10, End: today, Seed: 1}, func(r *heed.Record) {
				if len(areas) < 2 && r.ServiceArea != "" {
					areas[r.ServiceArea] = true
				}
			})
			var manager []string
			for a := range areas {
				manager = append(manager, a)
			}
			for _, c := range []struct {
				name  string
				areas []string
			}{{"council", nil}, {"manager", manager}} {
				q := heed.DashboardQuery{Today: today, ServiceAreas: c.areas}
				if os.Getenv("HEED_BENCH_EXPLAIN") != "" {
					plans, err := db.DashboardPlans(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					for _, p := range plans {
						b.Logf("%s %s:\n%s", d, c.name, p)
					}
				}
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						if _, err := db.Dashboard(ctx, q); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
