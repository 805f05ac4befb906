package calendar

import (
	"fmt"
	"slices"
	"time"
)

// The rules, as Heed applies them to every working-day clock:
//
//   - the day a clock starts is day 0; a clock that starts on a Saturday,
//     Sunday or bank holiday starts on the next working day instead;
//   - the deadline is the Nth working day after day 0;
//   - a response on the deadline is in time.
//
// Days are counted as day numbers (days since 1 January 1970), so that
// counting is arithmetic on ints plus a binary search of the holidays.

// dayNumber counts days since 1 January 1970 (negative before it).
func dayNumber(d Date) int { return floorDiv(int(d.t.Unix()), 86400) }

// fromDayNumber is the inverse of dayNumber.
func fromDayNumber(n int) Date { return Date{t: time.Unix(int64(n)*86400, 0).UTC()} }

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// weekday of day number n, Monday 0 to Sunday 6 (day 0 was a Thursday).
func weekday(n int) int { return n + 3 - 7*floorDiv(n+3, 7) }

// weekdaysBefore counts the Mondays to Fridays from Monday 29 December 1969
// (day -3) up to, not including, day n; it is only ever used in differences.
func weekdaysBefore(n int) int {
	weeks := floorDiv(n+3, 7)
	return 5*weeks + min(n+3-7*weeks, 5)
}

// closedBefore counts the weekday bank holidays before day n.
func (c *Calendar) closedBefore(n int) int {
	i, _ := slices.BinarySearch(c.closed, n)
	return i
}

// workingBefore counts working days before day n, from the same origin as
// weekdaysBefore: working days in [a, b] are workingBefore(b+1) - workingBefore(a).
func (c *Calendar) workingBefore(n int) int { return weekdaysBefore(n) - c.closedBefore(n) }

func (c *Calendar) working(n int) bool {
	if weekday(n) >= 5 {
		return false
	}
	_, closed := slices.BinarySearch(c.closed, n)
	return !closed
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a bank
// holiday.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.working(dayNumber(d)) }

// startDay is day 0 of a clock that starts on day n.
func (c *Calendar) startDay(n int) int {
	for !c.working(n) {
		n++
	}
	return n
}

// StartDay returns d when it is a working day, else the next working day: a
// clock that starts on a non-working day starts on the next working day. The
// zero Date gives the zero Date.
func (c *Calendar) StartDay(d Date) Date {
	if d.IsZero() || c.IsWorkingDay(d) {
		return d
	}
	return fromDayNumber(c.startDay(dayNumber(d)))
}

// AddWorkingDays returns the deadline of a clock of n working days that
// starts on start: the nth working day after day 0, where day 0 is
// StartDay(start). AddWorkingDays(x, 0) is StartDay(x); n < 0 counts as 0.
// The zero Date gives the zero Date.
func (c *Calendar) AddWorkingDays(start Date, n int) Date {
	if start.IsZero() {
		return start
	}
	day := c.startDay(dayNumber(start))
	// Jump n weekdays, then as many more as there were bank holidays in
	// the jump, until a jump passes no bank holiday.
	for n > 0 {
		next := addWeekdays(day, n)
		n = c.closedBefore(next+1) - c.closedBefore(day+1)
		day = next
	}
	return fromDayNumber(day)
}

// addWeekdays returns the nth Monday to Friday after day, itself a Monday to
// Friday.
func addWeekdays(day, n int) int {
	day += n / 5 * 7
	if r := n % 5; r > 0 {
		if weekday(day)+r >= 5 {
			day += 2 // over a weekend
		}
		day += r
	}
	return day
}

// WorkingDaysBetween counts the working days after StartDay(from) up to and
// including to: how many working days a response on to took. It is 0 when to
// is not after day 0, or either date is zero. It is the inverse of
// AddWorkingDays: WorkingDaysBetween(s, AddWorkingDays(s, n)) == n.
func (c *Calendar) WorkingDaysBetween(from, to Date) int {
	if from.IsZero() || to.IsZero() {
		return 0
	}
	day0 := c.startDay(dayNumber(from))
	return max(0, c.workingBefore(dayNumber(to)+1)-c.workingBefore(day0+1))
}

// WorkingDaysIn counts the working days in the closed range [from, to], as
// for the pause of a clock; 0 when to is before from or either date is zero.
func (c *Calendar) WorkingDaysIn(from, to Date) int {
	if from.IsZero() || to.IsZero() {
		return 0
	}
	return max(0, c.workingBefore(dayNumber(to)+1)-c.workingBefore(dayNumber(from)))
}

// Skipped is a day a count passed over, and why: "Saturday", "Sunday" or
// "bank holiday: Christmas Day (substitute day)".
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
	Skipped  []Skipped // every non-working day from Received to Deadline, in order
	Warning  string    // Calendar.Warning for the deadline: "" unless it is past the list
}

// Explain counts n working days from from, as AddWorkingDays does, and
// records every non-working day it passed, including those that moved the
// start.
func (c *Calendar) Explain(from Date, n int) Explanation {
	e := Explanation{Received: from, Start: c.StartDay(from), Days: max(n, 0), Deadline: c.AddWorkingDays(from, n)}
	if from.IsZero() {
		return e
	}
	e.Warning = c.Warning(e.Deadline)
	for day, last := dayNumber(from), dayNumber(e.Deadline); day <= last; day++ {
		if !c.working(day) {
			d := fromDayNumber(day)
			e.Skipped = append(e.Skipped, Skipped{Date: d, Reason: c.reason(d)})
		}
	}
	return e
}

// reason says why d is not a working day.
func (c *Calendar) reason(d Date) string {
	if h, ok := c.Holiday(d); ok && weekday(dayNumber(d)) < 5 {
		return "bank holiday: " + h.Name()
	}
	return d.Weekday().String()
}

// dayName writes "Thursday 18 December 2014".
func dayName(d Date) string { return d.Weekday().String() + " " + d.Long() }

// Lines explains the count in plain English, for a complaints officer.
func (e Explanation) Lines() []string {
	var out []string
	if e.Start.Equal(e.Received) {
		out = append(out, fmt.Sprintf("Received %s. Day 0 is %s.", dayName(e.Received), dayName(e.Start)))
	} else {
		out = append(out, fmt.Sprintf("Received %s, not a working day: the clock starts on %s (day 0).",
			dayName(e.Received), dayName(e.Start)))
	}
	days := fmt.Sprintf("%d working days", e.Days)
	if e.Days == 1 {
		days = "1 working day"
	}
	if len(e.Skipped) == 0 {
		out = append(out, fmt.Sprintf("Counting %s, no day was skipped.", days))
	} else {
		out = append(out, fmt.Sprintf("Counting %s, these days were skipped:", days))
		for _, s := range e.Skipped {
			out = append(out, fmt.Sprintf("  %s (%s)", dayName(s.Date), s.Reason))
		}
	}
	out = append(out, fmt.Sprintf("The deadline is %s (working day %d). A response on that day is in time.",
		dayName(e.Deadline), e.Days))
	if e.Warning != "" {
		out = append(out, e.Warning)
	}
	return out
}

// MonthLater returns the due date of a subject access request received on
// received: one calendar month, the day of receipt being day 1 (3 September
// gives 3 October); when the next month has no such day, its last day (30
// January gives 28 or 29 February, 31 March gives 30 April); a due date on a
// non-working day moves to the next working day. The explanation says what
// happened, in plain English, and ends with Calendar.Warning when the due
// date is past the list. The zero Date gives the zero Date.
func (c *Calendar) MonthLater(received Date) (due Date, explanation []string) {
	due = c.MonthsLater(received, 1)
	if received.IsZero() {
		return due, nil
	}
	return due, c.monthLines(received, due)
}

// MonthsLater is the due date n calendar months after received, by the
// rules of MonthLater, without the explanation.
func (c *Calendar) MonthsLater(received Date, n int) Date {
	if received.IsZero() {
		return received
	}
	return c.StartDay(received.AddMonths(n))
}

func (c *Calendar) monthLines(received, due Date) []string {
	month := received.AddMonths(1)
	var lines []string
	if month.Day() == received.Day() {
		lines = append(lines, fmt.Sprintf("Received %s (day 1). One calendar month later is %s.",
			dayName(received), dayName(month)))
	} else {
		lines = append(lines, fmt.Sprintf("Received %s (day 1). %s has no %s, so one calendar month ends on its last day, %s.",
			dayName(received), month.t.Format("January 2006"), ordinal(received.Day()), dayName(month)))
	}
	if due.Equal(month) {
		lines = append(lines, fmt.Sprintf("The response is due on %s.", dayName(due)))
	} else {
		lines = append(lines, fmt.Sprintf("%s is not a working day (%s), so the response is due on %s.",
			dayName(month), c.reason(month), dayName(due)))
	}
	if w := c.Warning(due); w != "" {
		lines = append(lines, w)
	}
	return lines
}

// ordinal writes 1st, 2nd, 3rd, 4th, ... 31st.
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
