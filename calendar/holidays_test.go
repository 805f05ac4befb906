package calendar

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestBankHolidays(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		day  string
		name string // Holiday.Name(); "" when the day is not a bank holiday
	}{
		// 2010 and 2011, before the official feed.
		{"2010-01-01", "New Year’s Day"},
		{"2010-04-02", "Good Friday"},
		{"2010-04-05", "Easter Monday"},
		{"2010-12-25", ""}, // a Saturday: the holiday is the substitute day
		{"2010-12-27", "Christmas Day (substitute day)"},
		{"2010-12-28", "Boxing Day (substitute day)"},
		{"2011-01-03", "New Year’s Day (substitute day)"},
		{"2011-04-22", "Good Friday"},
		{"2011-04-25", "Easter Monday"},
		{"2011-04-29", "Royal wedding (extra bank holiday)"},
		{"2011-05-02", "Early May bank holiday"},
		{"2011-05-30", "Spring bank holiday"},
		{"2011-08-29", "Summer bank holiday"},
		{"2011-12-26", "Boxing Day"},
		{"2011-12-27", "Christmas Day (substitute day)"},
		// One-offs, and the days they replaced.
		{"2012-06-04", "Spring bank holiday (substitute day)"},
		{"2012-06-05", "Queen’s Diamond Jubilee (extra bank holiday)"},
		{"2012-05-28", ""},
		{"2020-05-08", "Early May bank holiday (VE day)"},
		{"2020-05-04", ""},
		{"2022-06-02", "Spring bank holiday"},
		{"2022-06-03", "Platinum Jubilee bank holiday"},
		{"2022-05-30", ""},
		{"2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{"2023-05-08", "Bank holiday for the coronation of King Charles III"},
		// Substitute days.
		{"2015-12-28", "Boxing Day (substitute day)"},
		{"2016-12-27", "Christmas Day (substitute day)"},
		{"2017-01-02", "New Year’s Day (substitute day)"},
		{"2020-12-28", "Boxing Day (substitute day)"},
		{"2021-12-27", "Christmas Day (substitute day)"},
		{"2021-12-28", "Boxing Day (substitute day)"},
		{"2022-01-03", "New Year’s Day (substitute day)"},
		{"2022-12-26", "Boxing Day"}, // a Monday: Boxing Day itself
		{"2022-12-27", "Christmas Day (substitute day)"},
		{"2023-01-02", "New Year’s Day (substitute day)"},
		{"2026-12-28", "Boxing Day (substitute day)"},
		{"2027-12-27", "Christmas Day (substitute day)"},
		{"2027-12-28", "Boxing Day (substitute day)"},
		{"2028-01-03", "New Year’s Day (substitute day)"},
		// Ordinary ones, and days that are not holidays.
		{"2014-12-25", "Christmas Day"},
		{"2015-04-03", "Good Friday"},
		{"2028-12-26", "Boxing Day"},
		{"2014-12-24", ""},
		{"2014-12-31", ""},
		{"2028-12-27", ""},
	}
	for _, tt := range tests {
		h, ok := cal.Holiday(d(tt.day))
		if got := h.Name(); ok != (tt.name != "") || got != tt.name {
			t.Errorf("%s: holiday %q (%v), want %q", tt.day, got, ok, tt.name)
		}
		weekend := d(tt.day).Weekday() == time.Saturday || d(tt.day).Weekday() == time.Sunday
		if want := tt.name == "" && !weekend; cal.IsWorkingDay(d(tt.day)) != want {
			t.Errorf("%s: IsWorkingDay = %v, want %v", tt.day, !want, want)
		}
	}
}

func TestWeekends(t *testing.T) {
	cal := EnglandAndWales()
	// Weeks inside the list, after it, and before 1970 (negative day numbers).
	for _, monday := range []string{"2014-11-03", "2030-06-03", "1969-12-22", "1901-01-07"} {
		for i := range 7 {
			day := d(monday).AddDays(i)
			if got, want := cal.IsWorkingDay(day), i < 5; got != want {
				t.Errorf("%s (%s): IsWorkingDay = %v, want %v", day, day.Weekday(), got, want)
			}
		}
	}
}

// TestEmbeddedList checks the shape of the built-in list: sorted, no
// repeats, every holiday Monday to Friday, and the right number a year.
func TestEmbeddedList(t *testing.T) {
	list := EnglandAndWales().Holidays()
	perYear := map[int]int{}
	for i, h := range list {
		if i > 0 && !list[i-1].Date.Before(h.Date) {
			t.Errorf("%s follows %s", h.Date, list[i-1].Date)
		}
		if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("%s %s falls on a %s", h.Date, h.Title, wd)
		}
		if h.Notes != "" && h.Notes != "Substitute day" && h.Notes != "Extra bank holiday" {
			t.Errorf("%s: notes %q", h.Date, h.Notes)
		}
		perYear[h.Date.Year()]++
	}
	// Eight a year, plus the one-offs: 2011 the royal wedding, 2012 the
	// Diamond Jubilee, 2022 the Platinum Jubilee and the state funeral,
	// 2023 the coronation.
	extra := map[int]int{2011: 1, 2012: 1, 2022: 2, 2023: 1}
	for year := 2010; year <= 2028; year++ {
		if perYear[year] != 8+extra[year] {
			t.Errorf("%d has %d bank holidays, want %d", year, perYear[year], 8+extra[year])
		}
	}
	if len(perYear) != 19 {
		t.Errorf("holidays in %d years, want 19 (2010 to 2028)", len(perYear))
	}
	first, last := EnglandAndWales().Range()
	if first != d("2010-01-01") || last != d("2028-12-26") {
		t.Errorf("Range = %s to %s, want 2010-01-01 to 2028-12-26", first, last)
	}
}

// TestEmbeddedMatchesOfficialFeed compares the built-in list with GOV.UK's
// feed kept in testdata, both ways, for 2012 to 2028: the same
// dates, titles and notes.
func TestEmbeddedMatchesOfficialFeed(t *testing.T) {
	official := officialFeed(t)
	var ours, theirs []string
	for _, h := range EnglandAndWales().Holidays() {
		if h.Date.Year() >= 2012 && h.Date.Year() <= 2028 {
			ours = append(ours, h.Date.String()+" | "+h.Title+" | "+h.Notes)
		}
	}
	for _, h := range official {
		if h.Date.Year() >= 2012 && h.Date.Year() <= 2028 {
			theirs = append(theirs, h.Date.String()+" | "+h.Title+" | "+h.Notes)
		}
	}
	for _, s := range ours {
		if !slices.Contains(theirs, s) {
			t.Errorf("built in, not in the official feed: %s", s)
		}
	}
	for _, s := range theirs {
		if !slices.Contains(ours, s) {
			t.Errorf("in the official feed, not built in: %s", s)
		}
	}
	if len(ours) != 140 || len(theirs) != 140 {
		t.Errorf("%d built in, %d official; want 140 each", len(ours), len(theirs))
	}
}

// feedFile is GOV.UK's bank-holidays.json, kept in the repository (Open
// Government Licence v3.0; see testdata/README) so that the tests that need it
// always run.
const feedFile = "testdata/bank-holidays.json"

// officialFeed parses the official feed kept in testdata.
func officialFeed(t *testing.T) []Holiday {
	t.Helper()
	f, err := os.Open(feedFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list, err := ParseBankHolidaysJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestParseBankHolidaysJSON(t *testing.T) {
	tests := []struct{ name, in, err string }{
		{"bad date", `{"england-and-wales": {"events": [{"title": "x", "date": "2022-01-03"}, {"title": "y", "date": "2022-13-01"}]}}`,
			`bank-holidays.json: event 2: date "2022-13-01" is not a date`},
		{"British date", `{"england-and-wales": {"events": [{"title": "x", "date": "03/01/2022"}]}}`,
			`bank-holidays.json: event 1: date "03/01/2022" is not a date`},
		{"no date", `{"england-and-wales": {"events": [{"title": "x"}]}}`,
			`bank-holidays.json: event 1: date "" is not a date`},
		{"missing division", `{"scotland": {"events": [{"title": "x", "date": "2022-01-03"}]}}`,
			`bank-holidays.json: no "england-and-wales" division`},
		{"null division", `{"england-and-wales": null}`,
			`bank-holidays.json: no "england-and-wales" division`},
		{"empty division", `{"england-and-wales": {"division": "england-and-wales", "events": []}}`,
			`bank-holidays.json: the "england-and-wales" division has no events`},
		{"not JSON", `<html>`, "bank-holidays.json: not the GOV.UK format"},
		{"empty", ``, "bank-holidays.json: not the GOV.UK format"},
		{"events not a list", `{"england-and-wales": {"events": {}}}`, "bank-holidays.json: not the GOV.UK format"},
		{"repeated date", `{"england-and-wales": {"events": [{"title": "x", "date": "2022-01-03"}, {"title": "y", "date": "2022-06-03"}, {"title": "z", "date": "2022-01-03"}]}}`,
			`bank-holidays.json: event 3: date 2022-01-03 is also event 1's`},
		{"before 1990", `{"england-and-wales": {"events": [{"title": "x", "date": "1989-12-25"}]}}`,
			`bank-holidays.json: event 1: date 1989-12-25 is outside the years Heed counts, 1990 to 2100`},
		{"after 2100", `{"england-and-wales": {"events": [{"title": "x", "date": "2101-01-03"}]}}`,
			`bank-holidays.json: event 1: date 2101-01-03 is outside`},
		{"no title", `{"england-and-wales": {"events": [{"title": " ", "date": "2022-01-03"}]}}`,
			`bank-holidays.json: event 1 (2022-01-03): the title is empty`},
		{"control character", `{"england-and-wales": {"events": [{"title": "Boxing\u001fDay", "date": "2022-12-26"}]}}`,
			`bank-holidays.json: event 1 (2022-12-26): the title holds a control character`},
		{"long notes", `{"england-and-wales": {"events": [{"title": "x", "notes": "` + strings.Repeat("n", 201) + `", "date": "2022-12-26"}]}}`,
			`bank-holidays.json: event 1 (2022-12-26): the notes are longer than 200 characters`},
	}
	for _, tt := range tests {
		list, err := ParseBankHolidaysJSON(strings.NewReader(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
		}
		if list != nil {
			t.Errorf("%s: a list as well as an error", tt.name)
		}
	}
	list, err := ParseBankHolidaysJSON(strings.NewReader(`{"england-and-wales": {"division": "england-and-wales", "events": [
		{"title": "Later", "date": "2030-12-25", "notes": "", "bunting": true},
		{"title": "Earlier", "date": "2030-01-01", "notes": "Substitute day", "bunting": false}]},
		"scotland": {"division": "scotland", "events": [{"title": "St Andrew’s Day", "date": "2030-12-02"}]}}`))
	want := []Holiday{{d("2030-01-01"), "Earlier", "Substitute day"}, {d("2030-12-25"), "Later", ""}}
	if err != nil || !slices.Equal(list, want) {
		t.Errorf("got %+v, %v; want %+v", list, err, want)
	}
}

func TestParseBankHolidaysJSONOfficialFeed(t *testing.T) {
	list := officialFeed(t)
	if len(list) != 140 || list[0].Date != d("2012-01-02") || list[len(list)-1].Date != d("2028-12-26") {
		t.Fatalf("%d holidays, %s to %s; want 140, 2012-01-02 to 2028-12-26", len(list), list[0].Date, list[len(list)-1].Date)
	}
	if h := list[len(list)-1]; h.Title != "Boxing Day" || h.Notes != "" {
		t.Errorf("last holiday %+v", h)
	}
	if !slices.IsSortedFunc(list, func(a, b Holiday) int { return a.Date.Compare(b.Date) }) {
		t.Error("not sorted")
	}
}

func TestNew(t *testing.T) {
	cal := New([]Holiday{
		{d("2030-12-25"), "Christmas Day", ""},
		{d("2030-01-01"), "First", ""},
		{d("2030-01-01"), "New Year’s Day", ""}, // the later one wins
	})
	got := cal.Holidays()
	want := []Holiday{{d("2030-01-01"), "New Year’s Day", ""}, {d("2030-12-25"), "Christmas Day", ""}}
	if !slices.Equal(got, want) {
		t.Errorf("Holidays = %+v, want %+v", got, want)
	}
	got[0].Title = "changed"
	if h, _ := cal.Holiday(d("2030-01-01")); h.Title != "New Year’s Day" {
		t.Error("Holidays returned the calendar's own slice")
	}
	if first, last := cal.Range(); first != d("2030-01-01") || last != d("2030-12-25") {
		t.Errorf("Range = %s to %s", first, last)
	}
	empty := New(nil)
	if first, last := empty.Range(); !first.IsZero() || !last.IsZero() {
		t.Errorf("empty Range = %s to %s", first, last)
	}
	if !empty.IsWorkingDay(d("2014-12-25")) || empty.IsWorkingDay(d("2014-12-27")) {
		t.Error("an empty calendar closes only weekends")
	}
	// A holiday given on a weekend is held, but changes no count.
	sat := New([]Holiday{{d("2030-01-05"), "Saturday holiday", ""}})
	if _, ok := sat.Holiday(d("2030-01-05")); !ok {
		t.Error("weekend holiday not held")
	}
	if got := sat.AddWorkingDays(d("2030-01-04"), 1); got != d("2030-01-07") {
		t.Errorf("weekend holiday: Friday + 1 = %s, want Monday 2030-01-07", got)
	}
}

func TestMerge(t *testing.T) {
	base := EnglandAndWales()

	// Loading the official feed changes nothing, and keeps 2010 and 2011.
	if got := base.Merge(officialFeed(t)).Holidays(); !slices.Equal(got, base.Holidays()) {
		t.Error("merging the official feed changed the built-in calendar")
	}

	// A newer list for 2026 and 2029 replaces 2026, adds 2029, keeps the rest.
	merged := base.Merge([]Holiday{
		{d("2026-11-05"), "Made-up one-off", "Extra bank holiday"},
		{d("2026-12-25"), "Christmas Day", ""},
		{d("2029-01-01"), "New Year’s Day", ""},
	})
	tests := []struct {
		day     string
		holiday bool
		why     string
	}{
		{"2010-12-27", true, "2010 is not covered by the newer list"},
		{"2011-04-29", true, "2011 is not covered by the newer list"},
		{"2025-12-25", true, "2025 is not covered"},
		{"2027-12-27", true, "2027 is not covered"},
		{"2026-11-05", true, "new in 2026"},
		{"2026-12-25", true, "in the newer list"},
		{"2026-08-31", false, "2026 is covered, and the newer list has no summer bank holiday"},
		{"2026-12-28", false, "2026 is covered, and the newer list has no Boxing Day substitute"},
		{"2029-01-01", true, "new year"},
	}
	for _, tt := range tests {
		if _, ok := merged.Holiday(d(tt.day)); ok != tt.holiday {
			t.Errorf("%s: holiday = %v, want %v (%s)", tt.day, ok, tt.holiday, tt.why)
		}
	}
	if got := len(merged.Holidays()); got != len(base.Holidays())-8+3 {
		t.Errorf("merged calendar holds %d holidays, want %d", got, len(base.Holidays())-8+3)
	}
	if _, ok := base.Holiday(d("2026-11-05")); ok {
		t.Error("Merge changed the calendar it was called on")
	}
	if got := merged.AddWorkingDays(d("2026-11-04"), 1); got != d("2026-11-06") {
		t.Errorf("merged calendar does not count its new holiday: %s", got)
	}
	if got := base.Merge(nil).Holidays(); !slices.Equal(got, base.Holidays()) {
		t.Error("merging nothing changed the calendar")
	}
}
