package calendar

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStartDay(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct{ name, day, want string }{
		{"working day", "2015-01-05", "2015-01-05"},
		{"Saturday", "2015-01-03", "2015-01-05"},
		{"Sunday", "2015-01-04", "2015-01-05"},
		{"bank holiday Monday", "2015-05-04", "2015-05-05"},
		{"Friday before a bank holiday Monday", "2015-05-01", "2015-05-01"},
		{"Good Friday", "2015-04-03", "2015-04-07"},
		{"Christmas Day 2015, Boxing Day substitute on the Monday", "2015-12-25", "2015-12-29"},
		{"Saturday before the 2022 Christmas substitutes", "2022-12-24", "2022-12-28"},
		{"Platinum Jubilee", "2022-06-02", "2022-06-06"},
		{"zero", "", ""},
	}
	for _, tt := range tests {
		if got := cal.StartDay(d(tt.day)); got != d(tt.want) {
			t.Errorf("%s: StartDay(%s) = %s, want %s", tt.name, tt.day, got, tt.want)
		}
	}
}

// addTests are worked out by hand; see TestAddWorkingDays.
var addTests = []struct {
	name, from string
	n          int
	want       string
}{
	// 19 Dec is day 1; 25, 26 Dec and 1 Jan are bank holidays.
	{"over Christmas and New Year 2014", "2014-12-18", 15, "2015-01-13"},
	{"ordinary week", "2026-11-02", 5, "2026-11-09"},
	{"day 0 on a working day", "2026-11-23", 0, "2026-11-23"},
	{"starts on a Saturday", "2015-01-03", 1, "2015-01-06"},
	{"starts on a Sunday", "2015-01-04", 10, "2015-01-19"},
	{"starts on a bank holiday", "2015-05-04", 1, "2015-05-06"},
	{"starts on the Friday before a bank holiday Monday", "2015-05-01", 1, "2015-05-05"},
	{"Friday before a bank holiday Monday, 0 days", "2015-05-01", 0, "2015-05-01"},
	{"over Easter 2015", "2015-04-01", 3, "2015-04-08"},
	{"starts on Good Friday", "2015-04-03", 0, "2015-04-07"},
	{"over Easter 2023", "2023-04-06", 1, "2023-04-11"},
	{"starts on Christmas Day 2015", "2015-12-25", 2, "2015-12-31"},
	{"Christmas 2020, Boxing Day substitute", "2020-12-24", 1, "2020-12-29"},
	{"Christmas 2021, two substitutes", "2021-12-24", 1, "2021-12-29"},
	{"Christmas 2021 into 2022, New Year substitute", "2021-12-23", 20, "2022-01-25"},
	{"Christmas 2022", "2022-12-23", 1, "2022-12-28"},
	{"Christmas 2011", "2011-12-23", 1, "2011-12-28"},
	{"Christmas 2010, two substitutes", "2010-12-24", 1, "2010-12-29"},
	{"end of 2010", "2010-12-24", 3, "2010-12-31"},
	{"into 2011, New Year substitute", "2010-12-24", 4, "2011-01-04"},
	{"Easter and royal wedding 2011", "2011-04-21", 1, "2011-04-26"},
	{"royal wedding and early May 2011", "2011-04-21", 4, "2011-05-03"},
	{"Diamond Jubilee 2012", "2012-06-01", 1, "2012-06-06"},
	{"28 May 2012 is a working day", "2012-05-25", 1, "2012-05-28"},
	{"4 May 2020 is a working day", "2020-05-01", 1, "2020-05-04"},
	{"VE day 2020", "2020-05-07", 1, "2020-05-11"},
	{"Platinum Jubilee 2022", "2022-06-01", 1, "2022-06-06"},
	{"state funeral", "2022-09-16", 1, "2022-09-20"},
	{"coronation", "2023-05-05", 1, "2023-05-09"},
	{"65 days over Easter 2026", "2026-01-05", 65, "2026-04-08"},
	{"before 1970", "1969-12-31", 3, "1970-01-05"},
}

func TestAddWorkingDays(t *testing.T) {
	cal := EnglandAndWales()
	for _, tt := range addTests {
		due := cal.AddWorkingDays(d(tt.from), tt.n)
		if due != d(tt.want) {
			t.Errorf("%s: %s + %d = %s %s, want %s", tt.name, tt.from, tt.n, due.Weekday(), due, tt.want)
			continue
		}
		// A response on the deadline took exactly n working days, so is in
		// time; one on the next working day took n+1, so is late.
		if got := cal.WorkingDaysBetween(d(tt.from), due); got != tt.n {
			t.Errorf("%s: response on the deadline took %d working days, want %d", tt.name, got, tt.n)
		}
		next := cal.AddWorkingDays(due.AddDays(1), 0)
		if got := cal.WorkingDaysBetween(d(tt.from), next); got != tt.n+1 {
			t.Errorf("%s: response on %s took %d working days, want %d", tt.name, next, got, tt.n+1)
		}
	}
	if got := cal.AddWorkingDays(d("2015-01-05"), -3); got != d("2015-01-05") {
		t.Errorf("n < 0: %s, want day 0", got)
	}
	if got := cal.AddWorkingDays(Date{}, 5); !got.IsZero() {
		t.Errorf("zero date + 5 = %s, want zero", got)
	}
}

// TestAgainstCountingByHand checks StartDay, AddWorkingDays,
// WorkingDaysBetween and WorkingDaysIn, for every start date from December
// 2009 to January 2029 and every n from 0 to 70, against counting one day
// at a time with the holidays in force (listed from 2010 to 2028, computed
// by the rules before and after).
func TestAgainstCountingByHand(t *testing.T) {
	cal := EnglandAndWales()
	closed := map[Date]bool{}
	for year := 2009; year <= 2030; year++ {
		for _, h := range cal.HolidaysIn(year) {
			closed[h.Date] = true
		}
	}
	working := func(d Date) bool {
		return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday && !closed[d]
	}
	for from := d("2009-12-01"); from.Before(d("2029-02-01")); from = from.AddDays(1) {
		// Day 0, then the next 70 working days, one day at a time.
		var due []Date
		day := from
		for !working(day) {
			day = day.AddDays(1)
		}
		for len(due) <= 70 {
			if working(day) {
				due = append(due, day)
			}
			day = day.AddDays(1)
		}
		if got := cal.StartDay(from); got != due[0] {
			t.Fatalf("StartDay(%s) = %s, want %s", from, got, due[0])
		}
		for n, want := range due {
			if got := cal.AddWorkingDays(from, n); got != want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", from, n, got, want)
			}
			if got := cal.WorkingDaysBetween(from, want); got != n {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", from, want, got, n)
			}
			if n > 0 {
				if got := cal.WorkingDaysBetween(from, want.AddDays(-1)); got != n-1 {
					t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", from, want.AddDays(-1), got, n-1)
				}
			}
			// from .. day 0 - 1 are not working days; day 0 is.
			if got := cal.WorkingDaysIn(from, want); got != n+1 {
				t.Fatalf("WorkingDaysIn(%s, %s) = %d, want %d", from, want, got, n+1)
			}
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		name, from, to string
		want           int
	}{
		{"same day", "2015-01-06", "2015-01-06", 0},
		{"next day", "2015-01-06", "2015-01-07", 1},
		{"to before from", "2015-01-06", "2015-01-05", 0},
		{"Saturday to its Monday, day 0", "2015-01-03", "2015-01-05", 0},
		{"Saturday to its Tuesday", "2015-01-03", "2015-01-06", 1},
		{"Friday to Saturday", "2015-01-09", "2015-01-10", 0},
		{"Friday to Monday", "2015-01-09", "2015-01-12", 1},
		{"to a bank holiday", "2014-12-24", "2014-12-26", 0},
		{"over Christmas 2014", "2014-12-18", "2015-01-13", 15},
		{"zero from", "", "2015-01-13", 0},
		{"zero to", "2015-01-13", "", 0},
	}
	for _, tt := range tests {
		if got := cal.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("%s: WorkingDaysBetween(%s, %s) = %d, want %d", tt.name, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestWorkingDaysIn(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		name, from, to string
		want           int
	}{
		{"Christmas week 2014", "2014-12-22", "2014-12-28", 3},
		{"one working day", "2015-01-06", "2015-01-06", 1},
		{"one Saturday", "2015-01-03", "2015-01-03", 0},
		{"one bank holiday", "2022-09-19", "2022-09-19", 0},
		{"a weekend", "2015-01-03", "2015-01-04", 0},
		{"to before from", "2015-01-07", "2015-01-06", 0},
		{"2010 and 2011", "2010-01-01", "2011-12-31", 504},
		{"2012", "2012-01-01", "2012-12-31", 252},
		{"2015", "2015-01-01", "2015-12-31", 253},
		{"2022", "2022-01-01", "2022-12-31", 250},
		{"zero from", "", "2015-01-06", 0},
	}
	for _, tt := range tests {
		if got := cal.WorkingDaysIn(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("%s: WorkingDaysIn(%s, %s) = %d, want %d", tt.name, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestExplain(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		from    string
		n       int
		skipped []string
		lines   []string
	}{
		{"2014-12-18", 15,
			[]string{
				"2014-12-20 Saturday", "2014-12-21 Sunday",
				"2014-12-25 bank holiday: Christmas Day", "2014-12-26 bank holiday: Boxing Day",
				"2014-12-27 Saturday", "2014-12-28 Sunday",
				"2015-01-01 bank holiday: New Year’s Day",
				"2015-01-03 Saturday", "2015-01-04 Sunday",
				"2015-01-10 Saturday", "2015-01-11 Sunday",
			},
			[]string{
				"Received Thursday 18 December 2014. Day 0 is Thursday 18 December 2014.",
				"Counting 15 working days, these days were skipped:",
				"  Saturday 20 December 2014 (Saturday)",
				"  Sunday 21 December 2014 (Sunday)",
				"  Thursday 25 December 2014 (bank holiday: Christmas Day)",
				"  Friday 26 December 2014 (bank holiday: Boxing Day)",
				"  Saturday 27 December 2014 (Saturday)",
				"  Sunday 28 December 2014 (Sunday)",
				"  Thursday 1 January 2015 (bank holiday: New Year’s Day)",
				"  Saturday 3 January 2015 (Saturday)",
				"  Sunday 4 January 2015 (Sunday)",
				"  Saturday 10 January 2015 (Saturday)",
				"  Sunday 11 January 2015 (Sunday)",
				"The deadline is Tuesday 13 January 2015 (working day 15). A response on that day is in time.",
			}},
		{"2015-01-03", 1,
			[]string{"2015-01-03 Saturday", "2015-01-04 Sunday"},
			[]string{
				"Received Saturday 3 January 2015, not a working day: the clock starts on Monday 5 January 2015 (day 0).",
				"Counting 1 working day, these days were skipped:",
				"  Saturday 3 January 2015 (Saturday)",
				"  Sunday 4 January 2015 (Sunday)",
				"The deadline is Tuesday 6 January 2015 (working day 1). A response on that day is in time.",
			}},
		{"2015-12-25", 2,
			[]string{"2015-12-25 bank holiday: Christmas Day", "2015-12-26 Saturday", "2015-12-27 Sunday",
				"2015-12-28 bank holiday: Boxing Day (substitute day)"},
			nil},
		{"2015-01-06", 3, nil,
			[]string{
				"Received Tuesday 6 January 2015. Day 0 is Tuesday 6 January 2015.",
				"Counting 3 working days, no day was skipped.",
				"The deadline is Friday 9 January 2015 (working day 3). A response on that day is in time.",
			}},
	}
	for _, tt := range tests {
		e := cal.Explain(d(tt.from), tt.n)
		if e.Received != d(tt.from) || e.Start != cal.StartDay(d(tt.from)) || e.Days != tt.n || e.Deadline != cal.AddWorkingDays(d(tt.from), tt.n) {
			t.Errorf("%s + %d: %+v", tt.from, tt.n, e)
		}
		var skipped []string
		for _, s := range e.Skipped {
			skipped = append(skipped, s.Date.String()+" "+s.Reason)
		}
		if !slices.Equal(skipped, tt.skipped) {
			t.Errorf("%s + %d: skipped\n%s\nwant\n%s", tt.from, tt.n, strings.Join(skipped, "\n"), strings.Join(tt.skipped, "\n"))
		}
		if lines := e.Lines(); tt.lines != nil && !slices.Equal(lines, tt.lines) {
			t.Errorf("%s + %d: lines\n%s\nwant\n%s", tt.from, tt.n, strings.Join(lines, "\n"), strings.Join(tt.lines, "\n"))
		}
	}
}

func TestMonthLater(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		name, received, want, says string
	}{
		{"same day next month", "2025-09-03", "2025-10-03", "One calendar month later is Friday 3 October 2025."},
		{"received on a Saturday", "2025-05-03", "2025-06-03", "The response is due on Tuesday 3 June 2025."},
		{"30 January, not a leap year", "2023-01-30", "2023-02-28", "February 2023 has no 30th, so one calendar month ends on its last day, Tuesday 28 February 2023."},
		{"30 January, leap year", "2024-01-30", "2024-02-29", "February 2024 has no 30th"},
		{"31 January", "2023-01-31", "2023-02-28", "February 2023 has no 31st"},
		{"31 March", "2026-03-31", "2026-04-30", "April 2026 has no 31st"},
		{"31 December", "2024-12-31", "2025-01-31", "One calendar month later is Friday 31 January 2025."},
		{"31 December, due on a Saturday", "2025-12-31", "2026-02-02", "Saturday 31 January 2026 is not a working day (Saturday), so the response is due on Monday 2 February 2026."},
		{"due on a Saturday", "2026-09-03", "2026-10-05", "Saturday 3 October 2026 is not a working day (Saturday)"},
		{"due on a Saturday", "2025-09-11", "2025-10-13", "Monday 13 October 2025"},
		{"due on a bank holiday", "2026-07-31", "2026-09-01", "Monday 31 August 2026 is not a working day (bank holiday: Summer bank holiday), so the response is due on Tuesday 1 September 2026."},
		{"due on Christmas Day, then a weekend and a substitute day", "2026-11-25", "2026-12-29", "(bank holiday: Christmas Day)"},
		{"due on Easter Sunday", "2025-03-20", "2025-04-22", "Tuesday 22 April 2025"},
	}
	for _, tt := range tests {
		got, lines := cal.MonthLater(d(tt.received))
		if got != d(tt.want) {
			t.Errorf("%s: received %s, due %s, want %s", tt.name, tt.received, got, tt.want)
		}
		if text := strings.Join(lines, " "); !strings.Contains(text, tt.says) {
			t.Errorf("%s: explanation %q lacks %q", tt.name, text, tt.says)
		}
		if got != cal.MonthsLater(d(tt.received), 1) {
			t.Errorf("%s: MonthsLater differs from MonthLater", tt.name)
		}
	}
	if got, lines := cal.MonthLater(Date{}); !got.IsZero() || lines != nil {
		t.Errorf("zero: %s %q", got, lines)
	}
	if got := cal.MonthsLater(d("2025-11-30"), 3); got != d("2026-03-02") {
		t.Errorf("three months from 30 November 2025 = %s, want Monday 2 March 2026 (28 February is a Saturday)", got)
	}
}

// benchStarts are 4,000 consecutive days from 18 December 2014.
func benchStarts() []Date {
	starts := make([]Date, 4000)
	for i := range starts {
		starts[i] = d("2014-12-18").AddDays(i)
	}
	return starts
}

func BenchmarkAddWorkingDays(b *testing.B) {
	cal, starts := EnglandAndWales(), benchStarts()
	for i := 0; b.Loop(); i++ {
		cal.AddWorkingDays(starts[i%len(starts)], 20)
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	cal, starts := EnglandAndWales(), benchStarts()
	for i := 0; b.Loop(); i++ {
		s := starts[i%len(starts)]
		cal.WorkingDaysBetween(s, starts[(i+40)%len(starts)])
	}
}
