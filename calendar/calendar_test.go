package calendar

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var d = MustParseDate

func TestBankHolidays(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		day     string
		holiday bool
		why     string
	}{
		{"2011-04-29", true, "royal wedding"},
		{"2012-06-04", true, "spring bank holiday moved for the Diamond Jubilee"},
		{"2012-06-05", true, "Diamond Jubilee"},
		{"2012-05-28", false, "the usual late May Monday, moved in 2012"},
		{"2020-05-08", true, "early May bank holiday moved to VE day"},
		{"2020-05-04", false, "the usual early May Monday, moved in 2020"},
		{"2022-06-02", true, "spring bank holiday moved for the Platinum Jubilee"},
		{"2022-06-03", true, "Platinum Jubilee"},
		{"2022-05-30", false, "the usual late May Monday, moved in 2022"},
		{"2022-09-19", true, "state funeral of Queen Elizabeth II"},
		{"2023-05-08", true, "coronation of King Charles III"},
		{"2010-12-27", true, "Christmas Day substitute"},
		{"2010-12-28", true, "Boxing Day substitute"},
		{"2011-01-03", true, "New Year's Day substitute"},
		{"2016-12-27", true, "Christmas Day substitute"},
		{"2020-12-28", true, "Boxing Day substitute"},
		{"2021-12-27", true, "Christmas Day substitute"},
		{"2021-12-28", true, "Boxing Day substitute"},
		{"2022-01-03", true, "New Year's Day substitute"},
		{"2022-12-26", true, "Boxing Day"},
		{"2022-12-27", true, "Christmas Day substitute"},
		{"2027-12-28", true, "Boxing Day substitute"},
		{"2014-12-25", true, "Christmas Day"},
		{"2015-04-03", true, "Good Friday"},
		{"2028-12-26", true, "Boxing Day"},
		{"2014-12-24", false, "Christmas Eve is a working day"},
		{"2014-12-31", false, "New Year's Eve is a working day"},
	}
	for _, tt := range tests {
		_, got := cal.Holiday(d(tt.day))
		if got != tt.holiday {
			t.Errorf("%s (%s): holiday = %v, want %v", tt.day, tt.why, got, tt.holiday)
		}
		if tt.holiday && cal.IsWorkingDay(d(tt.day)) {
			t.Errorf("%s is a holiday but counted as a working day", tt.day)
		}
	}
	for year := 2010; year <= 2028; year++ {
		n := 0
		for _, h := range cal.Holidays() {
			if h.Date.Year() == year {
				n++
			}
		}
		if n < 8 || n > 10 {
			t.Errorf("%d has %d bank holidays; England and Wales has 8 a year, more with one-offs", year, n)
		}
	}
}

// TestBuiltInMatchesOfficialList compares the built-in list with the
// official feed kept beside the repository, both ways, for 2012 to 2028.
func TestBuiltInMatchesOfficialList(t *testing.T) {
	feed := officialFeed(t)
	f, err := os.Open(feed)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	official, err := ParseBankHolidaysJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, h := range EnglandAndWales().Holidays() {
		if h.Date.Year() >= 2012 {
			ours = append(ours, h.Date.String())
		}
	}
	var theirs []string
	for _, h := range official {
		theirs = append(theirs, h.Date.String())
	}
	if !slices.Equal(ours, theirs) {
		t.Errorf("built-in list differs from the official one:\nours   %v\ntheirs %v", ours, theirs)
	}
}

func officialFeed(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(".")
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		p := filepath.Join(dir, "shared", "data", "bank-holidays.json")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("shared/data/bank-holidays.json is not beside the repository")
	return ""
}

func TestAddWorkingDays(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"over Christmas and New Year", "2014-12-18", 15, "2015-01-13"},
		{"ordinary week", "2026-11-02", 5, "2026-11-09"},
		{"starts on a Saturday", "2015-01-03", 1, "2015-01-06"},
		{"starts on a Sunday", "2015-01-04", 10, "2015-01-19"},
		{"starts on a bank holiday", "2015-05-04", 1, "2015-05-06"},
		{"Friday before a bank holiday Monday", "2015-05-01", 1, "2015-05-05"},
		{"over Easter", "2015-04-01", 3, "2015-04-08"},
		{"Saturday before Easter", "2015-04-04", 0, "2015-04-07"},
		{"day 0 on a working day", "2026-11-23", 0, "2026-11-23"},
		{"state funeral", "2022-09-16", 1, "2022-09-20"},
		{"coronation", "2023-05-05", 1, "2023-05-09"},
		{"Jubilee 2022", "2022-06-01", 1, "2022-06-06"},
		{"2012: 28 May is a working day", "2012-05-25", 1, "2012-05-28"},
		{"children's Stage 2 maximum, over Easter 2026", "2026-01-05", 65, "2026-04-08"},
	}
	for _, tt := range tests {
		got := cal.AddWorkingDays(d(tt.from), tt.n)
		if got != d(tt.want) {
			t.Errorf("%s: %s + %d = %s, want %s", tt.name, tt.from, tt.n, got, tt.want)
		}
		// A response on the deadline is in time: the deadline is exactly n
		// working days after day 0.
		if back := cal.WorkingDaysBetween(d(tt.from), got); back != tt.n {
			t.Errorf("%s: WorkingDaysBetween = %d, want %d", tt.name, back, tt.n)
		}
	}
}

func TestWorkingDaysBetweenIsTheInverse(t *testing.T) {
	cal := EnglandAndWales()
	for s := d("2019-12-01"); s.Before(d("2020-06-01")); s = s.AddDays(3) {
		for n := 0; n <= 70; n += 7 {
			due := cal.AddWorkingDays(s, n)
			if !cal.IsWorkingDay(due) {
				t.Fatalf("%s + %d = %s, not a working day", s, n, due)
			}
			if got := cal.WorkingDaysBetween(s, due); got != n {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", s, due, got, n)
			}
		}
	}
	if got := cal.WorkingDaysIn(d("2014-12-22"), d("2014-12-28")); got != 3 {
		t.Errorf("working days in Christmas week 2014 = %d, want 3", got)
	}
}

func TestMonthLater(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		name, received, want, says string
	}{
		{"same day next month", "2026-09-03", "2026-10-05", "not a working day"}, // 3 October 2026 is a Saturday
		{"ordinary", "2026-10-06", "2026-11-06", "One calendar month later"},
		{"30 January, not a leap year", "2023-01-30", "2023-02-28", "last day"},
		{"30 January, leap year", "2024-01-30", "2024-02-29", "last day"},
		{"31 March", "2026-03-31", "2026-04-30", "last day"},
		{"31 December", "2025-12-31", "2026-02-02", "not a working day"}, // 31 January 2026 is a Saturday
		{"due on a Saturday", "2026-09-26", "2026-10-26", "Monday 26 October 2026"},
		{"due on a bank holiday", "2026-07-31", "2026-09-01", "bank holiday"}, // 31 August 2026: summer bank holiday
		{"due on Christmas Day", "2026-11-25", "2026-12-29", "Christmas"},
	}
	for _, tt := range tests {
		got, lines := cal.MonthLater(d(tt.received))
		if got != d(tt.want) {
			t.Errorf("%s: received %s, due %s, want %s", tt.name, tt.received, got, tt.want)
		}
		if text := strings.Join(lines, " "); !strings.Contains(text, tt.says) {
			t.Errorf("%s: explanation %q lacks %q", tt.name, text, tt.says)
		}
	}
}

func TestExplain(t *testing.T) {
	e := EnglandAndWales().Explain(d("2014-12-18"), 15)
	var skipped []string
	for _, s := range e.Skipped {
		skipped = append(skipped, s.Date.String()+" "+s.Reason)
	}
	want := []string{
		"2014-12-20 Saturday", "2014-12-21 Sunday", "2014-12-25 bank holiday: Christmas Day",
		"2014-12-26 bank holiday: Boxing Day", "2014-12-27 Saturday", "2014-12-28 Sunday",
		"2015-01-01 bank holiday: New Year’s Day", "2015-01-03 Saturday", "2015-01-04 Sunday",
		"2015-01-10 Saturday", "2015-01-11 Sunday",
	}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped\n%v\nwant\n%v", skipped, want)
	}
	text := strings.Join(e.Lines(), "\n")
	for _, s := range []string{"Thursday 18 December 2014", "day 0", "Tuesday 13 January 2015 (working day 15)", "in time"} {
		if !strings.Contains(text, s) {
			t.Errorf("explanation lacks %q:\n%s", s, text)
		}
	}
	moved := strings.Join(EnglandAndWales().Explain(d("2015-01-03"), 1).Lines(), "\n")
	if !strings.Contains(moved, "Saturday 3 January 2015, which is not a working day, so it starts on Monday 5 January 2015") {
		t.Errorf("a start on a Saturday is not explained:\n%s", moved)
	}
}

func TestParseBankHolidaysJSON(t *testing.T) {
	tests := []struct{ name, in, err string }{
		{"bad date", `{"england-and-wales": {"events": [{"title": "x", "date": "2022-13-01"}]}}`, `"2022-13-01" is not a date`},
		{"no division", `{"scotland": {"events": [{"title": "x", "date": "2022-01-03"}]}}`, "england-and-wales"},
		{"not json", `<html>`, "not the official format"},
	}
	for _, tt := range tests {
		_, err := ParseBankHolidaysJSON(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
		}
	}
	list, err := ParseBankHolidaysJSON(strings.NewReader(`{"england-and-wales": {"division": "england-and-wales", "events": [
		{"title": "Later", "date": "2030-12-25", "notes": ""}, {"title": "Earlier", "date": "2030-01-01", "notes": "Substitute day"}]}}`))
	if err != nil || len(list) != 2 || list[0].Title != "Earlier" || list[0].Notes != "Substitute day" {
		t.Errorf("got %+v, %v", list, err)
	}
}

func TestMerge(t *testing.T) {
	base := EnglandAndWales()
	merged := base.Merge([]Holiday{{Date: d("2026-11-05"), Title: "Made-up one-off"}, {Date: d("2026-12-25"), Title: "Christmas Day"}})
	if _, ok := merged.Holiday(d("2010-12-27")); !ok {
		t.Error("2010 lost by a merge that did not cover it")
	}
	if _, ok := merged.Holiday(d("2026-11-05")); !ok {
		t.Error("new holiday missing")
	}
	if _, ok := merged.Holiday(d("2026-08-31")); ok {
		t.Error("2026 was covered by the newer list, so its old holidays are replaced")
	}
	if _, ok := base.Holiday(d("2026-11-05")); ok {
		t.Error("Merge changed the calendar it was called on")
	}
	first, last := base.Range()
	if first != d("2010-01-01") || last != d("2028-12-26") {
		t.Errorf("range %s to %s", first, last)
	}
}

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

func BenchmarkAddWorkingDays(b *testing.B) {
	cal := EnglandAndWales()
	start := d("2014-12-18")
	for i := 0; b.Loop(); i++ {
		cal.AddWorkingDays(start.AddDays(i%2000), 20)
	}
}
