package calendar

import (
	"fmt"
)

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a bank
// holiday.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.working(dayNumber(d)) }

// working reports whether day number n is a working day. Day 0, 1 January
// 1970, was a Thursday, so (n+4) mod 7 is the weekday with Sunday 0.
func (c *Calendar) working(n int) bool {
	if wd := ((n+4)%7 + 7) % 7; wd == 0 || wd == 6 {
		return false
	}
	i := n - c.first
	return i < 0 || i >= len(c.closed) || !c.closed[i]
}

// StartDay returns d when it is a working day, else the next working day: a
// clock that starts on a non-working day starts on the next working day.
func (c *Calendar) StartDay(d Date) Date {
	if c.IsWorkingDay(d) {
		return d
	}
	return fromDayNumber(c.startDay(dayNumber(d)))
}

func (c *Calendar) startDay(n int) int {
	for !c.working(n) {
		n++
	}
	return n
}

// AddWorkingDays returns the nth working day after day 0, where day 0 is
// StartDay(start). AddWorkingDays(x, 0) is StartDay(x).
func (c *Calendar) AddWorkingDays(start Date, n int) Date {
	day := c.startDay(dayNumber(start))
	for n > 0 {
		day++
		if c.working(day) {
			n--
		}
	}
	return fromDayNumber(day)
}

// WorkingDaysBetween counts the working days after StartDay(from) up to and
// including to; 0 when to is not after it. It is the inverse of
// AddWorkingDays: WorkingDaysBetween(s, AddWorkingDays(s, n)) == n.
func (c *Calendar) WorkingDaysBetween(from, to Date) int {
	n, last := 0, dayNumber(to)
	for day := c.startDay(dayNumber(from)) + 1; day <= last; day++ {
		if c.working(day) {
			n++
		}
	}
	return n
}

// WorkingDaysIn counts the working days in the closed range [from, to], as
// for a pause of a clock.
func (c *Calendar) WorkingDaysIn(from, to Date) int {
	n, last := 0, dayNumber(to)
	for day := dayNumber(from); day <= last; day++ {
		if c.working(day) {
			n++
		}
	}
	return n
}

// Skipped is a day a count passed over, and why.
type Skipped struct {
	Date   Date
	Reason string
}

// Explanation shows how a deadline was counted.
type Explanation struct {
	Received Date      // the date given
	Start    Date      // day 0, after moving off a non-working day
	Days     int       // how many working days were counted
	Deadline Date      // the Days-th working day after Start
	Skipped  []Skipped // every non-working day from Received to Deadline
}

// Explain counts n working days from from, as AddWorkingDays does, and
// records every day it skipped.
func (c *Calendar) Explain(from Date, n int) Explanation {
	e := Explanation{Received: from, Days: n, Start: c.StartDay(from)}
	e.Deadline = c.AddWorkingDays(from, n)
	for d := from; !d.After(e.Deadline); d = d.AddDays(1) {
		if !c.IsWorkingDay(d) {
			e.Skipped = append(e.Skipped, Skipped{Date: d, Reason: c.reason(d)})
		}
	}
	return e
}

func (c *Calendar) reason(d Date) string {
	if h, ok := c.Holiday(d); ok {
		return "bank holiday: " + h.Title
	}
	return d.Weekday().String()
}

// dayName writes "Thursday 18 December 2014".
func dayName(d Date) string { return d.Weekday().String() + " " + d.Long() }

// Lines explains the count in plain English, for a complaints officer.
func (e Explanation) Lines() []string {
	var out []string
	if e.Start.Equal(e.Received) {
		out = append(out, fmt.Sprintf("The clock starts on %s: that is day 0.", dayName(e.Start)))
	} else {
		out = append(out, fmt.Sprintf("The clock would start on %s, which is not a working day, so it starts on %s (day 0).",
			dayName(e.Received), dayName(e.Start)))
	}
	if len(e.Skipped) == 0 {
		out = append(out, fmt.Sprintf("Counting %d working days, no day was skipped.", e.Days))
	} else {
		out = append(out, fmt.Sprintf("Counting %d working days, these days were skipped:", e.Days))
		for _, s := range e.Skipped {
			if s.Reason == s.Date.Weekday().String() {
				out = append(out, "  "+dayName(s.Date))
			} else {
				out = append(out, fmt.Sprintf("  %s (%s)", dayName(s.Date), s.Reason))
			}
		}
	}
	out = append(out, fmt.Sprintf("The deadline is %s (working day %d). A response on that day is in time.", dayName(e.Deadline), e.Days))
	return out
}

// MonthLater returns the due date of a subject access request received on
// received: one calendar month, the day of receipt being day 1 (3 September
// gives 3 October); when the next month has no such day, its last day (30
// January gives 28 or 29 February); a due date on a non-working day moves to
// the next working day. The explanation says what happened.
func (c *Calendar) MonthLater(received Date) (Date, []string) {
	due := c.MonthsLater(received, 1)
	return due, c.monthLines(received, due)
}

// MonthsLater is the due date n calendar months after received, by the
// rule of MonthLater, without its explanation.
func (c *Calendar) MonthsLater(received Date, n int) Date {
	return c.StartDay(received.AddMonths(n))
}

func (c *Calendar) monthLines(received, moved Date) []string {
	due := received.AddMonths(1)
	lines := []string{fmt.Sprintf("Received %s (day 1). One calendar month later is %s.", dayName(received), dayName(due))}
	if due.Day() != received.Day() {
		lines[0] = fmt.Sprintf("Received %s (day 1). The next month has no %s, so one calendar month ends on its last day, %s.",
			dayName(received), ordinal(received.Day()), dayName(due))
	}
	if !due.Equal(moved) {
		lines = append(lines, fmt.Sprintf("%s is not a working day (%s), so the request is due on %s.",
			dayName(due), c.reason(due), dayName(moved)))
	}
	return lines
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
