// Package calendar holds civil dates, the England and Wales bank holidays, and
// the working-day arithmetic that every Heed deadline is built on.
//
// It imports nothing from Heed: the domain uses it, never the other way round.
package calendar

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Date is a day in the calendar, with no time and no zone. Deadlines, receipt
// dates and responses are all Dates. The zero Date means "not recorded".
type Date struct {
	t time.Time // always midnight UTC; zero when not recorded
}

// NewDate returns the Date for year, month and day. Out-of-range values
// normalise as time.Date does (31 April is 1 May).
func NewDate(year int, month time.Month, day int) Date {
	return Date{t: time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// london is Europe/London, loaded once (UTC if the zone database is missing).
var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
})

// DateOf returns the day on which t falls in Europe/London.
func DateOf(t time.Time) Date {
	t = t.In(london())
	return NewDate(t.Year(), t.Month(), t.Day())
}

// Today is the current day in Europe/London.
func Today() Date { return DateOf(time.Now()) }

// ParseDate reads an ISO 8601 date (2015-03-31) or a British date
// (31/03/2015). The empty string gives the zero Date and no error.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{t: t}, nil
		}
	}
	return Date{}, fmt.Errorf("%q is not a date: expected 2015-03-31 or 31/03/2015", s)
}

// MustParseDate is ParseDate for constants in tests and tables; it panics on a
// malformed date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date was not recorded.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int             { return d.t.Year() }
func (d Date) Month() time.Month     { return d.t.Month() }
func (d Date) Day() int              { return d.t.Day() }
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// AddDays returns the date n calendar days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// Before, After and Equal compare two dates.
func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool  { return d.t.Equal(o.t) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int { return d.t.Compare(o.t) }

// DaysUntil returns the number of calendar days from d to o.
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// String is the ISO 8601 form, 2015-01-05, or "" when not recorded.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// Long is the form used in pages and letters: "5 January 2015".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2 January 2006")
}

// MarshalText writes the ISO form; the zero Date writes as empty.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the forms ParseDate accepts.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// FinancialYear returns the first year of the financial year (1 April to
// 31 March) the date falls in: 2014 for 5 January 2015.
func (d Date) FinancialYear() int {
	if d.Month() < time.April {
		return d.Year() - 1
	}
	return d.Year()
}

// Quarter returns the financial quarter, 1 (April to June) to 4 (January to
// March).
func (d Date) Quarter() int {
	return (int(d.Month())+8)%12/3 + 1
}

// FinancialYearLabel writes a financial year as councils do: 2014/15.
func FinancialYearLabel(startYear int) string {
	return fmt.Sprintf("%d/%02d", startYear, (startYear+1)%100)
}

// AddMonths returns the same day n calendar months later; when that month is
// shorter, the last day of it (30 January plus one month is 28 or 29
// February).
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	day := d.Day()
	if day > last {
		day = last
	}
	return NewDate(first.Year(), first.Month(), day)
}
