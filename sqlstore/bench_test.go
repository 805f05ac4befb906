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
