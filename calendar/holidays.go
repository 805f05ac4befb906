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

// Calendar is an immutable set of bank holidays, and the working-day
// arithmetic over it. It is safe for concurrent use.
type Calendar struct {
	holidays []Holiday // sorted by date, one per date
	days     []int     // days[i] is the day number of holidays[i]
	closed   []int     // day numbers of the holidays that fall Monday to Friday, sorted
}

// New returns a calendar of the given holidays, in any order; of two on the
// same date, the later in the slice wins.
func New(holidays []Holiday) *Calendar {
	sorted := slices.Clone(holidays)
	slices.SortStableFunc(sorted, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	c := &Calendar{}
	for i, h := range sorted {
		if i+1 < len(sorted) && sorted[i+1].Date.Equal(h.Date) {
			continue // a later one replaces it
		}
		n := dayNumber(h.Date)
		c.holidays = append(c.holidays, h)
		c.days = append(c.days, n)
		if weekday(n) < 5 {
			c.closed = append(c.closed, n)
		}
	}
	return c
}

//go:embed england-and-wales.txt
var englandAndWales string

var builtIn = sync.OnceValue(func() *Calendar {
	list, err := parseList(englandAndWales)
	if err != nil {
		panic("calendar: england-and-wales.txt: " + err.Error())
	}
	return New(list)
})

// EnglandAndWales returns the built-in calendar: every England and Wales
// bank holiday from 2010 to 2028, substitute days and one-offs included.
// Outside those years only Saturdays and Sundays are closed.
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

// ParseBankHolidaysJSON reads GOV.UK's bank-holidays.json feed and returns
// its England and Wales holidays, sorted by date. It fails if the
// "england-and-wales" division is missing or empty, or a date is not a date.
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
	for i, e := range div.Events {
		t, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			return nil, fmt.Errorf("bank-holidays.json: event %d: date %q is not a date", i+1, e.Date)
		}
		out = append(out, Holiday{Date: Date{t: t}, Title: e.Title, Notes: e.Notes})
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out, nil
}

// Holidays returns a copy of every holiday held, sorted by date.
func (c *Calendar) Holidays() []Holiday { return slices.Clone(c.holidays) }

// Holiday returns the bank holiday on d, if there is one.
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	if i, ok := slices.BinarySearch(c.days, dayNumber(d)); ok {
		return c.holidays[i], true
	}
	return Holiday{}, false
}

// Range returns the first and last holiday held; zero Dates when none are.
func (c *Calendar) Range() (first, last Date) {
	if len(c.holidays) == 0 {
		return Date{}, Date{}
	}
	return c.holidays[0].Date, c.holidays[len(c.holidays)-1].Date
}

// Merge returns a new calendar in which newer replaces this calendar's
// holidays for every calendar year newer covers; other years are kept (so
// loading the 2012–2028 feed keeps 2010 and 2011). c is not changed.
func (c *Calendar) Merge(newer []Holiday) *Calendar {
	years := map[int]bool{}
	for _, h := range newer {
		years[h.Date.Year()] = true
	}
	var all []Holiday
	for _, h := range c.holidays {
		if !years[h.Date.Year()] {
			all = append(all, h)
		}
	}
	return New(append(all, newer...))
}
