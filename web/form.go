package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// dateInput reads a GOV.UK date input: the fields name-day, name-month and
// name-year. It returns the zero date when all three are empty, and an
// error naming the first field to correct, in the Design System's words,
// when the date is incomplete or not a real one.
func dateInput(v url.Values, name, label string) (calendar.Date, *heed.FieldError) {
	day, month, year := strings.TrimSpace(v.Get(name+"-day")), strings.TrimSpace(v.Get(name+"-month")), strings.TrimSpace(v.Get(name+"-year"))
	if day == "" && month == "" && year == "" {
		return calendar.Date{}, nil
	}
	missing := func(part string) *heed.FieldError {
		return &heed.FieldError{Field: name + "-" + part, Message: fmt.Sprintf("%s must include a %s", label, part)}
	}
	switch {
	case day == "":
		return calendar.Date{}, missing("day")
	case month == "":
		return calendar.Date{}, missing("month")
	case year == "":
		return calendar.Date{}, missing("year")
	}
	d, errD := strconv.Atoi(day)
	m, errM := strconv.Atoi(month)
	y, errY := strconv.Atoi(year)
	if errM != nil {
		if t, err := time.Parse("January", titleCase(month)); err == nil {
			m, errM = int(t.Month()), nil
		} else if t, err := time.Parse("Jan", titleCase(month)); err == nil {
			m, errM = int(t.Month()), nil
		}
	}
	if errD != nil || errM != nil || errY != nil || len(year) != 4 || m < 1 || m > 12 || d < 1 || d > 31 {
		return calendar.Date{}, &heed.FieldError{Field: name + "-day", Message: label + " must be a real date"}
	}
	date := calendar.NewDate(y, time.Month(m), d)
	if date.Day() != d {
		return calendar.Date{}, &heed.FieldError{Field: name + "-day", Message: label + " must be a real date"}
	}
	return date, nil
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToLower(s)
	return strings.ToUpper(s[:1]) + s[1:]
}
