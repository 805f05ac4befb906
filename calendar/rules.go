package calendar

import "time"

// FirstRuleYear and LastRuleYear bound the years for which Heed computes the
// England and Wales bank holidays by their rules when the list in force does
// not hold them. Outside these years only Saturdays and Sundays are closed.
const FirstRuleYear, LastRuleYear = 1990, 2100

// oneOffs are the one-off bank holidays since FirstRuleYear, and the usual
// ones that were moved to make way for them, as GOV.UK titles them. A day
// listed here under a usual holiday's title replaces that holiday in its
// year.
var oneOffs = []Holiday{
	{NewDate(1995, time.May, 8), "Early May bank holiday (VE day)", ""},
	{NewDate(1999, time.December, 31), "Millennium celebrations", "Extra bank holiday"},
	{NewDate(2002, time.June, 3), "Queen’s Golden Jubilee", "Extra bank holiday"},
	{NewDate(2002, time.June, 4), "Spring bank holiday", "Substitute day"},
	{NewDate(2011, time.April, 29), "Royal wedding", "Extra bank holiday"},
	{NewDate(2012, time.June, 4), "Spring bank holiday", "Substitute day"},
	{NewDate(2012, time.June, 5), "Queen’s Diamond Jubilee", "Extra bank holiday"},
	{NewDate(2020, time.May, 8), "Early May bank holiday (VE day)", ""},
	{NewDate(2022, time.June, 2), "Spring bank holiday", ""},
	{NewDate(2022, time.June, 3), "Platinum Jubilee bank holiday", ""},
	{NewDate(2022, time.September, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II", ""},
	{NewDate(2023, time.May, 8), "Bank holiday for the coronation of King Charles III", ""},
}

// The titles of the usual bank holidays, as GOV.UK writes them.
const (
	newYear    = "New Year’s Day"
	goodFriday = "Good Friday"
	easter     = "Easter Monday"
	earlyMay   = "Early May bank holiday"
	spring     = "Spring bank holiday"
	summer     = "Summer bank holiday"
	christmas  = "Christmas Day"
	boxingDay  = "Boxing Day"
	substitute = "Substitute day"
)

// RuleHolidays returns the England and Wales bank holidays of year as the
// Banking and Financial Dealings Act 1971 and the yearly proclamations give
// them, sorted by date: New Year's Day, Good Friday, Easter Monday, the first
// Monday of May, the last Monday of May, the last Monday of August, Christmas
// Day and Boxing Day, with a substitute weekday for any that falls at a
// weekend, and the one-offs announced so far (moved days included). It
// returns nil for a year outside FirstRuleYear to LastRuleYear.
func RuleHolidays(year int) []Holiday {
	if year < FirstRuleYear || year > LastRuleYear {
		return nil
	}
	usual := []Holiday{
		newYearsDay(year),
		{easterSunday(year).AddDays(-2), goodFriday, ""},
		{easterSunday(year).AddDays(1), easter, ""},
		{nthMonday(year, time.May, 1), earlyMay, ""},
		{lastMonday(year, time.May), spring, ""},
		{lastMonday(year, time.August), summer, ""},
	}
	usual = append(usual, christmasAndBoxingDay(year)...)
	var extra []Holiday
	for _, h := range oneOffs {
		if h.Date.Year() != year {
			continue
		}
		extra = append(extra, h)
		// A one-off titled as a usual holiday moves it.
		for i, u := range usual {
			if u.Title == baseTitle(h.Title) {
				usual = append(usual[:i], usual[i+1:]...)
				break
			}
		}
	}
	return New(append(usual, extra...)).holidays
}

// baseTitle is the usual holiday a one-off's title names: "Early May bank
// holiday (VE day)" moved the early May bank holiday.
func baseTitle(title string) string {
	if title == "Early May bank holiday (VE day)" {
		return earlyMay
	}
	return title
}

// newYearsDay is 1 January, or the Monday after when it falls at a weekend.
func newYearsDay(year int) Holiday {
	d := NewDate(year, time.January, 1)
	switch d.Weekday() {
	case time.Saturday:
		return Holiday{d.AddDays(2), newYear, substitute}
	case time.Sunday:
		return Holiday{d.AddDays(1), newYear, substitute}
	}
	return Holiday{d, newYear, ""}
}

// christmasAndBoxingDay gives 25 and 26 December, each moved to the next
// weekday not already taken when it falls at a weekend: when Christmas Day is
// a Sunday, Boxing Day is held on Monday 26th and Christmas Day on Tuesday
// 27th.
func christmasAndBoxingDay(year int) []Holiday {
	xmas, boxing := NewDate(year, time.December, 25), NewDate(year, time.December, 26)
	switch xmas.Weekday() {
	case time.Friday: // Boxing Day a Saturday
		return []Holiday{{xmas, christmas, ""}, {boxing.AddDays(2), boxingDay, substitute}}
	case time.Saturday:
		return []Holiday{{xmas.AddDays(2), christmas, substitute}, {boxing.AddDays(2), boxingDay, substitute}}
	case time.Sunday:
		return []Holiday{{boxing, boxingDay, ""}, {xmas.AddDays(2), christmas, substitute}}
	}
	return []Holiday{{xmas, christmas, ""}, {boxing, boxingDay, ""}}
}

// nthMonday is the nth Monday of the month.
func nthMonday(year int, month time.Month, n int) Date {
	first := NewDate(year, month, 1)
	offset := (int(time.Monday) - int(first.Weekday()) + 7) % 7
	return first.AddDays(offset + 7*(n-1))
}

// lastMonday is the last Monday of the month.
func lastMonday(year int, month time.Month) Date {
	last := NewDate(year, month+1, 0)
	back := (int(last.Weekday()) - int(time.Monday) + 7) % 7
	return last.AddDays(-back)
}

// easterSunday is Easter Day in the Gregorian calendar, by the anonymous
// algorithm published in Nature in 1876 (Meeus, Jones and Butcher).
func easterSunday(year int) Date {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return NewDate(year, time.Month(month), day)
}
