package calendar

import (
	"testing"
	"time"
)

// d is MustParseDate, short for tables.
var d = MustParseDate

func TestDate(t *testing.T) {
	tests := []struct {
		in, iso, long string
		fy, q         int
	}{
		{"2015-01-05", "2015-01-05", "5 January 2015", 2014, 4},
		{"31/03/2015", "2015-03-31", "31 March 2015", 2014, 4},
		{"1/4/2014", "2014-04-01", "1 April 2014", 2014, 1},
		{"2014-07-01", "2014-07-01", "1 July 2014", 2014, 2},
		{"2014-12-31", "2014-12-31", "31 December 2014", 2014, 3},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || got.String() != tt.iso || got.Long() != tt.long || got.FinancialYear() != tt.fy || got.Quarter() != tt.q {
			t.Errorf("%s: %s %q fy %d q %d (%v)", tt.in, got, got.Long(), got.FinancialYear(), got.Quarter(), err)
		}
	}
	for _, bad := range []string{"2015-02-30", "31/02/2015", "yesterday", "2015/03/31"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if FinancialYearLabel(2014) != "2014/15" || FinancialYearLabel(1999) != "1999/00" {
		t.Error("financial year label")
	}
	if got := d("2024-01-31").AddMonths(1); got != d("2024-02-29") {
		t.Errorf("AddMonths: %s", got)
	}
	if got := DateOf(time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC)); got != d("2026-07-01") {
		t.Errorf("DateOf in British Summer Time: %s, want 2026-07-01", got)
	}
}
