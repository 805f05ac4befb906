package heed

import (
	"fmt"

	"github.com/heedhq/heed/calendar"
)

// StageAlert is what the daily job tells about an open stage on a day.
type StageAlert int

// The alerts.
const (
	AlertNone StageAlert = iota
	// AlertReminder: the stage is due in the reminder's number of
	// working days.
	AlertReminder
	// AlertOverdue: the first working day after the last day allowed,
	// with no response.
	AlertOverdue
	// AlertStillOverdue: a later working day, still without a response;
	// told in the daily digest, not a message of its own.
	AlertStillOverdue
)

// DueBy is the last day allowed for stage s: its deadline, or an agreed
// extension's end when later.
func DueBy(s *Stage) calendar.Date {
	if s.ExtendedTo.After(s.Deadline) {
		return s.ExtendedTo
	}
	return s.Deadline
}

// pausedOn reports whether s's clock is stopped on day.
func pausedOn(s *Stage, day calendar.Date) bool {
	for _, p := range s.Pauses {
		if !p.From.After(day) && (p.To.IsZero() || !p.To.Before(day)) {
			return true
		}
	}
	return false
}

// AlertOn is what the daily job tells on today about stage s, by the
// working-day calendar: a reminder when it is due in reminderDays working
// days, an overdue notice on the first working day after the day it was
// due by, and then, every working day, that it is still overdue. A stage
// answered, with no investigator, no deadline, or its clock paused, has
// none; nor has any stage on a day that is not a working day. daysLeft is
// the working days to the day it is due by.
func AlertOn(cal *calendar.Calendar, s *Stage, today calendar.Date, reminderDays int) (alert StageAlert, daysLeft int) {
	due := DueBy(s)
	if !s.Open() || s.Investigator == "" || due.IsZero() || !cal.IsWorkingDay(today) || pausedOn(s, today) {
		return AlertNone, 0
	}
	if !today.After(due) {
		left := cal.WorkingDaysBetween(today, due)
		if reminderDays > 0 && left == reminderDays {
			return AlertReminder, left
		}
		return AlertNone, left
	}
	if cal.WorkingDaysBetween(due, today) == 1 {
		return AlertOverdue, 0
	}
	return AlertStillOverdue, 0
}

// AlertLine is a digest's line about stage s of rec: its reference, its
// stage and when it is due; never a name.
func AlertLine(rec *Record, s *Stage, alert StageAlert, daysLeft int) string {
	due := DueBy(s).Long()
	switch alert {
	case AlertReminder:
		return fmt.Sprintf("%s stage %d is due by %s, in %d working days", rec.Reference, s.Number, due, daysLeft)
	case AlertOverdue, AlertStillOverdue:
		return fmt.Sprintf("%s stage %d is overdue: it was due by %s", rec.Reference, s.Number, due)
	}
	return ""
}

// FirstWorkingDayOfWeek reports whether today is the week's first working
// day: the weekly digest of learning actions goes then.
func FirstWorkingDayOfWeek(cal *calendar.Calendar, today calendar.Date) bool {
	if !cal.IsWorkingDay(today) {
		return false
	}
	for d := today.AddDays(-1); d.Weekday() != 0; d = d.AddDays(-1) { // back to Sunday
		if cal.IsWorkingDay(d) {
			return false
		}
	}
	return true
}
