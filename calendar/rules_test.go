package calendar

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestRulesMatchOfficialFeed checks that the rules give exactly GOV.UK's
// England and Wales holidays, dates, titles and notes, for every year the
// feed holds, and the built-in list's for every year it holds.
func TestRulesMatchOfficialFeed(t *testing.T) {
	for name, list := range map[string][]Holiday{
		"official feed": officialFeed(t),
		"built-in list": EnglandAndWales().Holidays(),
	} {
		years := map[int][]Holiday{}
		for _, h := range list {
			years[h.Date.Year()] = append(years[h.Date.Year()], h)
		}
		if len(years) < 17 {
			t.Fatalf("%s: only %d years", name, len(years))
		}
		for year, want := range years {
			if got := RuleHolidays(year); !slices.Equal(got, want) {
				t.Errorf("%s, %d:\nrules %v\nlist  %v", name, year, got, want)
			}
		}
	}
}

// TestRulesBeforeTheList checks years before any list Heed holds against the
// proclamations, and the shape of every computed year.
func TestRulesBeforeTheList(t *testing.T) {
	tests := []struct {
		day  string
		name string // "" when not a bank holiday
	}{
		{"1990-04-13", "Good Friday"},                     // Easter 15 April 1990
		{"1990-04-16", "Easter Monday"},                   //
		{"1995-05-08", "Early May bank holiday (VE day)"}, // moved for the 50th anniversary of VE day
		{"1995-05-01", ""},                                //
		{"1999-12-27", "Christmas Day (substitute day)"},
		{"1999-12-28", "Boxing Day (substitute day)"},
		{"1999-12-31", "Millennium celebrations (extra bank holiday)"},
		{"2000-01-03", "New Year’s Day (substitute day)"},
		{"2000-04-24", "Easter Monday"}, // Easter 23 April 2000
		{"2002-06-03", "Queen’s Golden Jubilee (extra bank holiday)"},
		{"2002-06-04", "Spring bank holiday (substitute day)"},
		{"2002-05-27", ""},
		{"2008-03-21", "Good Friday"}, // Easter 23 March 2008
		{"2009-12-25", "Christmas Day"},
		{"2009-12-28", "Boxing Day (substitute day)"},
		{"2038-04-26", "Easter Monday"}, // Easter 25 April 2038, the latest it can be
		{"2029-12-25", "Christmas Day"},
		{"2100-03-26", "Good Friday"}, // Easter 28 March 2100
		{"2100-12-27", "Christmas Day (substitute day)"},
		{"2101-01-03", ""}, // past the rules
		{"1989-12-25", ""}, // before them
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		h, ok := cal.Holiday(d(tt.day))
		if got := h.Name(); ok != (tt.name != "") || got != tt.name {
			t.Errorf("%s: holiday %q (%v), want %q", tt.day, got, ok, tt.name)
		}
	}
	extra := map[int]int{1999: 1, 2002: 1, 2011: 1, 2012: 1, 2022: 2, 2023: 1}
	for year := FirstRuleYear; year <= LastRuleYear; year++ {
		list := RuleHolidays(year)
		if len(list) != 8+extra[year] {
			t.Errorf("%d: %d holidays, want %d", year, len(list), 8+extra[year])
		}
		for i, h := range list {
			if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday || h.Date.Year() != year {
				t.Errorf("%d: %s %s on a %s", year, h.Date, h.Title, wd)
			}
			if i > 0 && !list[i-1].Date.Before(h.Date) {
				t.Errorf("%d: %s follows %s", year, h.Date, list[i-1].Date)
			}
		}
		if !slices.Equal(cal.HolidaysIn(year), list) && !cal.Listed(year) {
			t.Errorf("%d: the calendar holds %v, the rules give %v", year, cal.HolidaysIn(year), list)
		}
	}
	if RuleHolidays(FirstRuleYear-1) != nil || RuleHolidays(LastRuleYear+1) != nil {
		t.Error("rules outside their years")
	}
}

// TestChristmas2009 is the count the issue found wrong: one working day from
// Thursday 24 December 2009 is Tuesday 29 December, past Christmas Day, a
// weekend and the Boxing Day substitute.
func TestChristmas2009(t *testing.T) {
	cal := EnglandAndWales()
	if got := cal.AddWorkingDays(d("2009-12-24"), 1); got != d("2009-12-29") {
		t.Errorf("24 December 2009 + 1 working day = %s, want 2009-12-29", got)
	}
	lines := strings.Join(cal.Explain(d("2009-12-24"), 1).Lines(), "\n")
	for _, want := range []string{"Friday 25 December 2009 (bank holiday: Christmas Day)", "Monday 28 December 2009 (bank holiday: Boxing Day (substitute day))"} {
		if !strings.Contains(lines, want) {
			t.Errorf("explanation lacks %q:\n%s", want, lines)
		}
	}
	if strings.Contains(lines, "Warning") {
		t.Errorf("a warning before the list, whose one-offs are known:\n%s", lines)
	}
}

// TestWarning checks that a deadline or due date past the list says that
// one-offs after it are not yet known, and one inside it does not.
func TestWarning(t *testing.T) {
	cal := EnglandAndWales()
	const want = "one-off bank holidays after 31 December 2028 are not yet known"
	if got := cal.KnownUntil(); got != d("2028-12-31") {
		t.Errorf("KnownUntil = %s", got)
	}
	tests := []struct {
		name  string
		lines []string
		warn  bool
	}{
		{"working days inside the list", cal.Explain(d("2028-12-01"), 10).Lines(), false},
		{"working days ending past the list", cal.Explain(d("2028-12-20"), 10).Lines(), true},
		{"working days after the list", cal.Explain(d("2029-01-02"), 5).Lines(), true},
		{"a month inside the list", lines(cal.MonthLater(d("2028-11-15"))), false},
		{"a month moved past the list", lines(cal.MonthLater(d("2028-11-30"))), true}, // Saturday 30 December to Tuesday 2 January 2029
		{"a month ending past the list", lines(cal.MonthLater(d("2028-12-15"))), true},
	}
	for _, tt := range tests {
		text := strings.Join(tt.lines, "\n")
		if strings.Contains(text, want) != tt.warn {
			t.Errorf("%s: warning %v, want %v:\n%s", tt.name, !tt.warn, tt.warn, text)
		}
	}
	// A newer list moves the point past which one-offs are unknown.
	newer := cal.Merge([]Holiday{{d("2029-01-01"), "New Year’s Day", ""}})
	if w := newer.Warning(d("2029-06-01")); w != "" {
		t.Errorf("after loading 2029: %q", w)
	}
	if w := newer.Warning(d("2030-01-02")); !strings.Contains(w, "after 31 December 2029") {
		t.Errorf("after loading 2029, for 2030: %q", w)
	}
	if w := New(nil).Warning(d("2030-01-02")); w != "" {
		t.Errorf("an empty calendar warns: %q", w)
	}
}

func lines(_ Date, l []string) []string { return l }

// TestMergeKeepsRules checks that a loaded list replaces the rules for the
// years it holds, and the rules still fill the others.
func TestMergeKeepsRules(t *testing.T) {
	merged := EnglandAndWales().Merge([]Holiday{{d("2030-01-01"), "New Year’s Day", ""}})
	if !merged.Listed(2030) || merged.Listed(2031) {
		t.Error("Listed")
	}
	if _, ok := merged.Holiday(d("2030-12-25")); ok {
		t.Error("2030 is listed, with no Christmas Day, yet the rules gave one")
	}
	if _, ok := merged.Holiday(d("2031-12-25")); !ok {
		t.Error("2031 is not listed, and the rules gave no Christmas Day")
	}
	if _, ok := New(nil).Holiday(d("2031-12-25")); ok {
		t.Error("New follows the rules")
	}
	if got := merged.HolidaysIn(2030); len(got) != 1 {
		t.Errorf("HolidaysIn(2030) = %v", got)
	}
}
