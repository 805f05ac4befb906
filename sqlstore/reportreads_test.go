package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/generate"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestReportReadsMigrationKeepsCounts: migration 35 lays record_counts out
// in the order of its key and changes the indexes the report reads; the
// counts, and every fact of an annual report (its responses now added up
// from months), are the same after it, and a record saved afterwards is
// counted as a rebuild of the counts would count it.
func TestReportReadsMigrationKeepsCounts(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			ctx := context.Background()
			old, dsn := migratedTo(t, dialect, 34)
			storetest.ImportGenerated(t, old, generate.Options{Records: 3000, Years: 4, End: calendar.MustParseDate("2016-03-31"), Seed: 7}, nil)
			q := report.QueryFor(report.Annual(2015), calendar.MustParseDate("2016-06-30"))
			before, err := old.ReportFacts(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			rowsBefore, err := old.CountRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			db := reopened(t, old, dsn)
			rows, err := db.CountRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// Migration 0043 adds the tallies beside record_counts.
			monthly := slices.DeleteFunc(slices.Clone(rows), func(r string) bool { return !strings.HasPrefix(r, "record_counts ") })
			if !slices.Equal(monthly, rowsBefore) {
				t.Fatalf("record_counts has %d rows after the migration, %d before, or they differ", len(rows), len(rowsBefore))
			}
			after, err := db.ReportFacts(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if len(before.Responses) == 0 || len(before.Records) == 0 {
				t.Fatalf("the generated records give no facts to compare: %d records, %d responses", len(before.Records), len(before.Responses))
			}
			for name, pair := range map[string][2]any{
				"records":   {sorted(before.Records), sorted(after.Records)},
				"responses": {sorted(before.Responses), sorted(after.Responses)},
				"stages":    {sorted(before.Stages), sorted(after.Stages)},
				"themes":    {sorted(before.ByTheme), sorted(after.ByTheme)},
				"refused":   {sorted(before.Refused), sorted(after.Refused)},
				"learning":  {before.Learning, after.Learning},
				"ombudsman": {sorted(before.Ombudsman), sorted(after.Ombudsman)},
				"remedies":  {sorted(before.Remedies), sorted(after.Remedies)},
			} {
				if !reflect.DeepEqual(pair[0], pair[1]) {
					t.Errorf("%s facts differ after the migration:\n%v\nbefore:\n%v", name, pair[1], pair[0])
				}
			}

			rec := &heed.Record{Reference: "CX-1", Type: heed.TypeComplaint, Received: d("2015-06-01"), ServiceArea: "Housing",
				Stages: []heed.Stage{{Number: 1, Started: d("2015-06-01"), Responded: d("2015-06-10"), Outcome: heed.OutcomeUpheld}}}
			if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{rec}, heed.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			kept, err := db.CountRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.RebuildCounts(ctx); err != nil {
				t.Fatal(err)
			}
			rebuilt, err := db.CountRows(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kept, rebuilt) || slices.Equal(kept, rows) {
				t.Errorf("a record saved after the migration: counts kept (%d rows) differ from rebuilt (%d), or did not change", len(kept), len(rebuilt))
			}
		})
	}
}

// sorted returns the facts in the order of their printed form, as the
// stores return them in no order.
func sorted[T any](facts []T) []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = fmt.Sprintf("%+v", f)
	}
	slices.Sort(out)
	return out
}
