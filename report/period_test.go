package report_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

func TestPeriods(t *testing.T) {
	q, err := report.Quarterly("2014Q3")
	if err != nil || q.From.String() != "2014-10-01" || q.To.String() != "2014-12-31" || q.Label != "2014/15 Q3" || len(q.Columns) != 1 {
		t.Errorf("2014Q3: %+v %v", q, err)
	}
	if _, err := report.Quarterly("2014Q5"); heed.ErrorCode(err) != heed.EINVALID {
		t.Errorf("2014Q5: %v", err)
	}
	c, err := report.Custom(calendar.MustParseDate("2014-05-15"), calendar.MustParseDate("2014-08-10"))
	if err != nil || len(c.Columns) != 2 || c.Columns[0].Label != "Q1" || c.Columns[1].From.String() != "2014-07-01" {
		t.Errorf("custom: %+v %v", c, err)
	}
	if _, err := report.Custom(calendar.MustParseDate("2014-04-01"), calendar.MustParseDate("2015-06-30")); err == nil {
		t.Error("a period over a year was accepted")
	}
	a := report.Annual(2014)
	if len(a.Columns) != 4 || a.Columns[3].From.String() != "2015-01-01" || a.To.String() != "2015-03-31" {
		t.Errorf("annual: %+v", a)
	}
}

// TestQuarterlyLeavesOutOtherQuarters: a quarter's report and its two
// comparisons count only the same quarter of each year.
func TestQuarterlyLeavesOutOtherQuarters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		var recs []*heed.Record
		add := func(ref, received string) {
			recs = append(recs, &heed.Record{Reference: ref, Type: heed.TypeCompliment, ServiceArea: "Education",
				Received: calendar.MustParseDate(received)})
		}
		add("IN-1", "2014-10-01")
		add("IN-2", "2014-12-31")
		add("GAP-1", "2014-09-30") // Q2
		add("GAP-2", "2015-01-01") // Q4
		add("PREV-1", "2013-11-15")
		add("GAP-3", "2014-03-01") // 2013/14 Q4
		add("PREV2-1", "2012-10-01")
		add("PREV2-2", "2012-12-31")
		add("GAP-4", "2013-06-30")
		if _, err := db.ImportRecords(ctx, storetest.Actor, recs, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		p, _ := report.Quarterly("2014Q3")
		r, err := report.Generate(ctx, db, p, report.Options{AsOf: calendar.MustParseDate("2015-06-30")})
		if err != nil {
			t.Fatal(err)
		}
		tb := r.Table("compliments_by_service")
		if !slices.Equal(tb.Columns, []string{"Q3", "Total"}) {
			t.Fatalf("columns %v", tb.Columns)
		}
		got := [][]float64{cells(tb.Rows[1]), cells(tb.Comparisons[0]), cells(tb.Comparisons[1])}
		want := [][]float64{{2, 2}, {1, 1}, {2, 2}}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("row %d: %v, want %v (records outside the quarter counted?)", i, got[i], want[i])
			}
		}
		if tb.Comparisons[0].Label != "2013/14 Q3" {
			t.Errorf("comparison label %q", tb.Comparisons[0].Label)
		}
	})
}

// TestPeriodSlug: a financial year and a quarter are named as the reports'
// addresses name them; another period has no name.
func TestPeriodSlug(t *testing.T) {
	q3, _ := report.Quarterly("2014Q3")
	q4, _ := report.Quarterly("2014Q4")
	q1, _ := report.Quarterly("2026Q1")
	custom, _ := report.Custom(calendar.NewDate(2014, time.May, 1), calendar.NewDate(2014, time.July, 31))
	for _, tt := range []struct {
		p    report.Period
		want string
	}{{report.Annual(2014), "2014-15"}, {report.Annual(1999), "1999-00"}, {q3, "2014Q3"}, {q4, "2014Q4"}, {q1, "2026Q1"}, {custom, ""}} {
		if got := tt.p.Slug(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.p.Label, got, tt.want)
		}
	}
}
