package heed

import (
	"strings"
	"testing"

	"github.com/heedhq/heed/calendar"
)

func TestAlertOn(t *testing.T) {
	cal := calendar.EnglandAndWales()
	day := func(s string) calendar.Date {
		d, err := calendar.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	// Due Friday 19 December 2025; Christmas Day and Boxing Day are bank
	// holidays.
	open := Stage{Number: 1, Investigator: "sam", Deadline: day("2025-12-19")}
	for _, c := range []struct {
		name     string
		s        Stage
		today    string
		want     StageAlert
		daysLeft int
	}{
		{"three working days before", open, "2025-12-16", AlertReminder, 3},
		{"four working days before", open, "2025-12-15", AlertNone, 4},
		{"due today", open, "2025-12-19", AlertNone, 0},
		{"a Saturday", open, "2025-12-20", AlertNone, 0},
		{"first working day after", open, "2025-12-22", AlertOverdue, 0},
		{"later", open, "2025-12-23", AlertStillOverdue, 0},
		{"a bank holiday", open, "2025-12-25", AlertNone, 0},
		{"extended", Stage{Number: 1, Investigator: "sam", Deadline: day("2025-12-10"), ExtendedTo: day("2025-12-19")}, "2025-12-16", AlertReminder, 3},
		{"answered", Stage{Number: 1, Investigator: "sam", Deadline: day("2025-12-19"), Responded: day("2025-12-12")}, "2025-12-22", AlertNone, 0},
		{"nobody allocated", Stage{Number: 1, Deadline: day("2025-12-19")}, "2025-12-22", AlertNone, 0},
		{"paused, open pause", Stage{Number: 1, Investigator: "sam", Deadline: day("2025-12-19"), Pauses: []Pause{{From: day("2025-12-01")}}}, "2025-12-22", AlertNone, 0},
		{"pause ended", Stage{Number: 1, Investigator: "sam", Deadline: day("2025-12-19"), Pauses: []Pause{{From: day("2025-12-01"), To: day("2025-12-03")}}}, "2025-12-22", AlertOverdue, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, left := AlertOn(cal, &c.s, day(c.today), 3)
			if got != c.want || left != c.daysLeft {
				t.Errorf("AlertOn(%s) = %d, %d days left; want %d, %d", c.today, got, left, c.want, c.daysLeft)
			}
		})
	}
}

func TestFirstWorkingDayOfWeek(t *testing.T) {
	cal := calendar.EnglandAndWales()
	for day, want := range map[string]bool{
		"2025-12-15": true,  // a Monday
		"2025-12-16": false, // Tuesday
		"2025-12-13": false, // Saturday
		"2025-08-25": false, // the August bank holiday Monday
		"2025-08-26": true,  // so Tuesday
	} {
		d, _ := calendar.ParseDate(day)
		if got := FirstWorkingDayOfWeek(cal, d); got != want {
			t.Errorf("%s: %v, want %v", day, got, want)
		}
	}
}

func TestRenderNotice(t *testing.T) {
	for _, kind := range NoticeKinds {
		if msg := CheckNoticeTemplate(DefaultNoticeTemplate(kind)); msg != "" {
			t.Errorf("Heed's %s template: %s", kind, msg)
		}
	}
	for text, want := range map[string]string{
		"":                              "Enter the template",
		"{{.Reference}":                 "cannot be read",
		"{{.ComplainantName}}\n\nx":     "cannot be filled in",
		"\n\n\nBody only":               "",
		"{{if .Stage}}{{end}}   \nbody": "the subject, is empty",
	} {
		got := CheckNoticeTemplate(text)
		if want == "" {
			// A body whose first line is the subject after blank lines.
			if got != "" {
				t.Errorf("%q: %q, want no problem", text, got)
			}
			continue
		}
		if got == "" || !strings.Contains(got, want) {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

func TestCheckEmail(t *testing.T) {
	for s, ok := range map[string]bool{"a@example.org": true, "Pat <a@example.org>": false, "a@localhost": false, "not an address": false, "a@b.co": true} {
		if got := CheckEmail(s) == ""; got != ok {
			t.Errorf("CheckEmail(%q) ok = %v, want %v", s, got, ok)
		}
	}
}

// FuzzCheckNoticeTemplate: whatever an administrator types, checking it
// neither panics nor passes a template that then fails to fill in.
func FuzzCheckNoticeTemplate(f *testing.F) {
	for _, k := range NoticeKinds {
		f.Add(DefaultNoticeTemplate(k))
	}
	f.Add("{{.Reference}\n\nx")
	f.Add("{{range .Items}}{{.}}{{end}}\n\n{{template \"x\"}}")
	f.Add("{{printf \"%s\" .Council}}\n\n{{len .Items}}")
	f.Fuzz(func(t *testing.T, text string) {
		if CheckNoticeTemplate(text) != "" {
			return
		}
		subject, _, err := RenderNotice(text, SampleNoticeData())
		if err != nil || strings.TrimSpace(subject) == "" {
			t.Errorf("%q passed the check but renders %q, %v", text, subject, err)
		}
	})
}

func FuzzCheckEmail(f *testing.F) {
	for _, s := range []string{"a@example.org", "Pat <a@example.org>", "", "a@b", "a@@b.c", "\"x y\"@example.org"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if CheckEmail(s) == "" && (!strings.Contains(s, "@") || strings.ContainsAny(s, "<>\r\n")) {
			t.Errorf("%q passed as an email address", s)
		}
	})
}
