package calendar

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Holiday is one bank holiday. Title and Notes are as GOV.UK publishes them:
// "Christmas Day" with notes "Substitute day" for 27 December 2021.
type Holiday struct {
	Date  Date
	Title string
	Notes string // "", "Substitute day" or "Extra bank holiday"
}

// Name is the title with any notes: "Christmas Day (substitute day)".
func (h Holiday) Name() string {
	if h.Notes == "" {
		return h.Title
	}
	r, size := utf8.DecodeRuneInString(h.Notes)
	return h.Title + " (" + string(unicode.ToLower(r)) + h.Notes[size:] + ")"
}

// Calendar is an immutable list of bank holidays, the holidays in force
// (the list's, and for years the list does not hold, perhaps those the rules
// give), and the working-day arithmetic over them. It is safe for concurrent
// use.
type Calendar struct {
	list     []Holiday // the list given, sorted by date, one per date
	rules    bool      // years the list does not hold follow RuleHolidays
	listed   []int     // the years the list holds, sorted
	holidays []Holiday // every holiday in force, sorted by date, one per date
	days     []int     // days[i] is the day number of holidays[i]
	closed   []int     // day numbers of the holidays that fall Monday to Friday, sorted
}

// New returns a calendar of exactly the given holidays, in any order; of two
// on the same date, the later in the slice wins. Outside them only Saturdays
// and Sundays are closed: EnglandAndWales and Merge also follow the rules.
func New(holidays []Holiday) *Calendar { return build(holidays, false) }

// build makes a calendar of the list, with the rules' holidays for every
// year from FirstRuleYear to LastRuleYear the list does not hold when rules
// is set.
func build(list []Holiday, rules bool) *Calendar {
	c := &Calendar{list: dedupe(list), rules: rules}
	for _, h := range c.list {
		if y := h.Date.Year(); len(c.listed) == 0 || c.listed[len(c.listed)-1] != y {
			c.listed = append(c.listed, y)
		}
	}
	all := c.list
	if rules {
		all = slices.Clone(c.list)
		for y := FirstRuleYear; y <= LastRuleYear; y++ {
			if !c.Listed(y) {
				all = append(all, RuleHolidays(y)...)
			}
		}
		all = dedupe(all)
	}
	c.holidays = all
	for _, h := range all {
		n := dayNumber(h.Date)
		c.days = append(c.days, n)
		if weekday(n) < 5 {
			c.closed = append(c.closed, n)
		}
	}
	return c
}

// dedupe returns the holidays sorted by date, keeping the later of two on
// the same date.
func dedupe(holidays []Holiday) []Holiday {
	sorted := slices.Clone(holidays)
	slices.SortStableFunc(sorted, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	var out []Holiday
	for i, h := range sorted {
		if i+1 < len(sorted) && sorted[i+1].Date.Equal(h.Date) {
			continue // a later one replaces it
		}
		out = append(out, h)
	}
	return out
}

//go:embed england-and-wales.txt
var englandAndWales string

var builtIn = sync.OnceValue(func() *Calendar {
	list, err := parseList(englandAndWales)
	if err != nil {
		panic("calendar: england-and-wales.txt: " + err.Error())
	}
	return build(list, true)
})

// EnglandAndWales returns the built-in calendar: every England and Wales
// bank holiday from 2010 to 2028 as listed, substitute days and one-offs
// included, and for other years from FirstRuleYear to LastRuleYear the
// holidays RuleHolidays computes.
func EnglandAndWales() *Calendar { return builtIn() }

// parseList reads the embedded list: "2021-12-27 | Christmas Day | Substitute
// day", the notes optional; blank lines and lines starting # are skipped.
func parseList(s string) ([]Holiday, error) {
	var out []Holiday
	for i, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		if len(f) < 2 || len(f) > 3 || f[1] == "" {
			return nil, fmt.Errorf("line %d: want \"date | title\" or \"date | title | notes\", got %q", i+1, line)
		}
		t, err := time.Parse("2006-01-02", f[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %q is not a date such as 2022-09-19", i+1, f[0])
		}
		h := Holiday{Date: Date{t: t}, Title: f[1]}
		if len(f) == 3 {
			h.Notes = f[2]
		}
		out = append(out, h)
	}
	return out, nil
}

// MaxTitle is the longest bank holiday title ParseBankHolidaysJSON accepts;
// GOV.UK's longest is 56 characters.
const MaxTitle = 200

// ParseBankHolidaysJSON reads GOV.UK's bank-holidays.json feed and returns
// its England and Wales holidays, sorted by date. It fails if the
// "england-and-wales" division is missing or empty, a date is not a date or
// falls outside FirstRuleYear to LastRuleYear, two holidays share a date, or
// a title is empty, longer than MaxTitle or holds a control character.
func ParseBankHolidaysJSON(r io.Reader) ([]Holiday, error) {
	var feed map[string]*struct {
		Events []struct {
			Title string `json:"title"`
			Date  string `json:"date"`
			Notes string `json:"notes"`
		} `json:"events"`
	}
	if err := json.NewDecoder(r).Decode(&feed); err != nil {
		return nil, fmt.Errorf("bank-holidays.json: not the GOV.UK format: %w", err)
	}
	div := feed["england-and-wales"]
	if div == nil {
		return nil, fmt.Errorf(`bank-holidays.json: no "england-and-wales" division`)
	}
	if len(div.Events) == 0 {
		return nil, fmt.Errorf(`bank-holidays.json: the "england-and-wales" division has no events`)
	}
	out := make([]Holiday, 0, len(div.Events))
	seen := make(map[Date]int, len(div.Events))
	for i, e := range div.Events {
		t, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			return nil, fmt.Errorf("bank-holidays.json: event %d: date %q is not a date", i+1, e.Date)
		}
		h := Holiday{Date: Date{t: t}, Title: strings.TrimSpace(e.Title), Notes: strings.TrimSpace(e.Notes)}
		if y := h.Date.Year(); y < FirstRuleYear || y > LastRuleYear {
			return nil, fmt.Errorf("bank-holidays.json: event %d: date %s is outside the years Heed counts, %d to %d",
				i+1, e.Date, FirstRuleYear, LastRuleYear)
		}
		if j, ok := seen[h.Date]; ok {
			return nil, fmt.Errorf("bank-holidays.json: event %d: date %s is also event %d's: each date may be listed once", i+1, e.Date, j)
		}
		seen[h.Date] = i + 1
		if err := checkText("title", h.Title, true); err != nil {
			return nil, fmt.Errorf("bank-holidays.json: event %d (%s): %w", i+1, e.Date, err)
		}
		if err := checkText("notes", h.Notes, false); err != nil {
			return nil, fmt.Errorf("bank-holidays.json: event %d (%s): %w", i+1, e.Date, err)
		}
		out = append(out, h)
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out, nil
}

// checkText refuses an empty required text, one longer than MaxTitle
// characters, and one holding a control character.
func checkText(field, s string, required bool) error {
	is, holds := "is", "holds"
	if strings.HasSuffix(field, "s") {
		is, holds = "are", "hold"
	}
	switch {
	case required && s == "":
		return fmt.Errorf("the %s %s empty", field, is)
	case utf8.RuneCountInString(s) > MaxTitle:
		return fmt.Errorf("the %s %s longer than %d characters", field, is, MaxTitle)
	case strings.ContainsFunc(s, unicode.IsControl):
		return fmt.Errorf("the %s %s a control character", field, holds)
	}
	return nil
}

// Holidays returns a copy of the list the calendar was made from, sorted by
// date: the holidays as loaded, without those computed by the rules.
func (c *Calendar) Holidays() []Holiday { return slices.Clone(c.list) }

// HolidaysIn returns the holidays in force in a calendar year, listed or
// computed, sorted by date.
func (c *Calendar) HolidaysIn(year int) []Holiday {
	from, _ := slices.BinarySearch(c.days, dayNumber(NewDate(year, time.January, 1)))
	to, _ := slices.BinarySearch(c.days, dayNumber(NewDate(year+1, time.January, 1)))
	return slices.Clone(c.holidays[from:to])
}

// Listed reports whether the list holds the year; when it does not, the
// year's holidays are computed by the rules (or there are none).
func (c *Calendar) Listed(year int) bool {
	_, ok := slices.BinarySearch(c.listed, year)
	return ok
}

// Holiday returns the bank holiday in force on d, listed or computed, if
// there is one.
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	if i, ok := slices.BinarySearch(c.days, dayNumber(d)); ok {
		return c.holidays[i], true
	}
	return Holiday{}, false
}

// Range returns the first and last holiday of the list; zero Dates when it
// is empty.
func (c *Calendar) Range() (first, last Date) {
	if len(c.list) == 0 {
		return Date{}, Date{}
	}
	return c.list[0].Date, c.list[len(c.list)-1].Date
}

// KnownUntil is the last day of the last year the list holds: after it, no
// one-off bank holiday is known. It is the zero Date when the list is empty.
func (c *Calendar) KnownUntil() Date {
	if len(c.listed) == 0 {
		return Date{}
	}
	return NewDate(c.listed[len(c.listed)-1], time.December, 31)
}

// Warning says, for a date counted past KnownUntil, that a one-off bank
// holiday announced later could move it; it is "" for an earlier date, a
// zero date, or a calendar with an empty list.
func (c *Calendar) Warning(d Date) string {
	known := c.KnownUntil()
	if d.IsZero() || known.IsZero() || !d.After(known) {
		return ""
	}
	return fmt.Sprintf("Warning: one-off bank holidays after %s are not yet known. The usual ones are counted by their rules, "+
		"so this date may move when a newer list of bank holidays is loaded.", known.Long())
}

// Merge returns a new calendar in which newer replaces this calendar's list
// for every calendar year newer covers; other years are kept (so loading the
// 2012–2028 feed keeps 2010 and 2011), and years neither holds follow the
// rules as in c. c is not changed.
func (c *Calendar) Merge(newer []Holiday) *Calendar {
	years := map[int]bool{}
	for _, h := range newer {
		years[h.Date.Year()] = true
	}
	var all []Holiday
	for _, h := range c.list {
		if !years[h.Date.Year()] {
			all = append(all, h)
		}
	}
	return build(append(all, newer...), c.rules)
}
