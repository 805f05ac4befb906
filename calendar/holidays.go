package calendar

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

// Holiday is one bank holiday.
type Holiday struct {
	Date  Date
	Title string
	Notes string
}

// Calendar is an immutable set of bank holidays, and the working-day
// arithmetic over it. It is safe for concurrent use.
type Calendar struct {
	holidays []Holiday       // sorted by date
	byDay    map[int]Holiday // keyed by day number
	first    int             // day number of closed[0]
	closed   []bool          // closed[n-first]: day n is a bank holiday
}

// dayNumber counts days since 1 January 1970.
func dayNumber(d Date) int { return int(d.t.Unix() / 86400) }

// New returns a calendar of the given holidays (in any order; a repeated
// date keeps the last).
func New(holidays []Holiday) *Calendar {
	c := &Calendar{byDay: make(map[int]Holiday, len(holidays))}
	for _, h := range holidays {
		c.byDay[dayNumber(h.Date)] = h
	}
	for _, h := range c.byDay {
		c.holidays = append(c.holidays, h)
	}
	slices.SortFunc(c.holidays, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	if len(c.holidays) > 0 {
		c.first = dayNumber(c.holidays[0].Date)
		c.closed = make([]bool, dayNumber(c.holidays[len(c.holidays)-1].Date)-c.first+1)
		for n := range c.byDay {
			c.closed[n-c.first] = true
		}
	}
	return c
}

// fromDayNumber is the inverse of dayNumber.
func fromDayNumber(n int) Date { return Date{t: time.Unix(int64(n)*86400, 0).UTC()} }

//go:embed england-and-wales.txt
var englandAndWales string

var builtIn = sync.OnceValue(func() *Calendar {
	list, err := parseList(englandAndWales)
	if err != nil {
		panic("calendar: the built-in list is broken: " + err.Error())
	}
	return New(list)
})

// EnglandAndWales returns the built-in calendar: every England and Wales
// bank holiday from 2010 to 2028, substitute days and one-offs included.
func EnglandAndWales() *Calendar { return builtIn() }

func parseList(s string) ([]Holiday, error) {
	var out []Holiday
	sc := bufio.NewScanner(strings.NewReader(s))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		day, title, _ := strings.Cut(line, " ")
		d, err := ParseDate(day)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		notes := ""
		if i := strings.LastIndex(title, " ("); i > 0 && strings.HasSuffix(title, ")") {
			notes = title[i+2 : len(title)-1]
		}
		out = append(out, Holiday{Date: d, Title: title, Notes: notes})
	}
	return out, sc.Err()
}

// ParseBankHolidaysJSON reads the official bank-holidays.json feed and
// returns its England and Wales holidays, sorted.
func ParseBankHolidaysJSON(r io.Reader) ([]Holiday, error) {
	var feed map[string]struct {
		Division string `json:"division"`
		Events   []struct {
			Title string `json:"title"`
			Date  string `json:"date"`
			Notes string `json:"notes"`
		} `json:"events"`
	}
	if err := json.NewDecoder(r).Decode(&feed); err != nil {
		return nil, fmt.Errorf("bank-holidays.json: not the official format: %w", err)
	}
	div, ok := feed["england-and-wales"]
	if !ok || len(div.Events) == 0 {
		return nil, fmt.Errorf("bank-holidays.json: no \"england-and-wales\" division with events")
	}
	out := make([]Holiday, 0, len(div.Events))
	for i, e := range div.Events {
		d, err := time.Parse("2006-01-02", e.Date)
		if err != nil {
			return nil, fmt.Errorf("bank-holidays.json: event %d (%s): date %q is not a date such as 2022-09-19", i+1, e.Title, e.Date)
		}
		out = append(out, Holiday{Date: Date{t: d}, Title: e.Title, Notes: e.Notes})
	}
	slices.SortFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out, nil
}

// Holidays returns every holiday held, sorted by date.
func (c *Calendar) Holidays() []Holiday { return slices.Clone(c.holidays) }

// Holiday returns the bank holiday on d, if there is one.
func (c *Calendar) Holiday(d Date) (Holiday, bool) {
	h, ok := c.byDay[dayNumber(d)]
	return h, ok
}

// Range returns the first and last holiday held.
func (c *Calendar) Range() (first, last Date) {
	if len(c.holidays) == 0 {
		return Date{}, Date{}
	}
	return c.holidays[0].Date, c.holidays[len(c.holidays)-1].Date
}

// Merge returns a new calendar in which newer replaces this calendar's
// holidays for every year newer covers; other years are kept (so loading
// the 2012–2028 feed keeps 2010 and 2011).
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
