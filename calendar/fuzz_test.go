package calendar

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseDate checks that ParseDate never panics, that a date it reads
// reads back the same from both forms it writes, and that a refusal repeats
// the input. The seeds run with every go test.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2015-03-31", "31/03/2015", "1/4/2014", " 2014-12-31 ", "", "0001-01-01",
		"9999-12-31", "2015-02-30", "31/02/2015", "2015/03/31", "yesterday", "29/02/2024", "29/02/2023",
		"2015-3-1", "+2015-03-31", "２０１５-03-31", "\x00", "31/03/2015\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			if !got.IsZero() {
				t.Errorf("%q: a date %s as well as an error", s, got)
			}
			if !strings.Contains(err.Error(), strconv.Quote(strings.TrimSpace(s))) {
				t.Errorf("%q: the error %q does not repeat the input", s, err)
			}
			return
		}
		if got.IsZero() {
			return // "" or 1 January of year 1, which is "not recorded"
		}
		iso, err := ParseDate(got.String())
		if err != nil || iso != got {
			t.Errorf("%q: read as %s, whose ISO form reads back as %s (%v)", s, got, iso, err)
		}
		british, err := ParseDate(got.Time().Format("02/01/2006"))
		if err != nil || british != got {
			t.Errorf("%q: read as %s, whose British form reads back as %s (%v)", s, got, british, err)
		}
		if got.Time() != got.Time().Truncate(24*60*60*1e9) || got.Time().Location().String() != "UTC" {
			t.Errorf("%q: %v is not midnight UTC", s, got.Time())
		}
	})
}

// FuzzParseBankHolidaysJSON checks that the feed loader never panics, and
// that what it accepts is a list a calendar can hold: sorted, one holiday a
// date, every date within the years Heed counts, every title present and
// free of control characters. The seeds include the start of GOV.UK's feed.
func FuzzParseBankHolidaysJSON(f *testing.F) {
	for _, s := range []string{
		// The start of GOV.UK's feed (the whole feed, 62 kB, makes the fuzzer
		// spend its time minimising; TestParseBankHolidaysJSONOfficialFeed
		// reads all of it).
		`{"england-and-wales":{"division":"england-and-wales","events":[` +
			`{"title":"New Year’s Day","date":"2012-01-02","notes":"Substitute day","bunting":true},` +
			`{"title":"Good Friday","date":"2012-04-06","notes":"","bunting":false},` +
			`{"title":"Queen’s Diamond Jubilee","date":"2012-06-05","notes":"Extra bank holiday","bunting":true}]},` +
			`"scotland":{"division":"scotland","events":[{"title":"2nd January","date":"2012-01-02","notes":"","bunting":true}]}}`,
		`{"england-and-wales": {"events": [{"title": "x", "date": "2022-01-03"}]}}`,
		`{"england-and-wales": {"events": [{"title": "b", "date": "2030-12-25"}, {"title": "a", "date": "2030-01-01", "notes": "Substitute day"}]}}`,
		`{"england-and-wales": {"events": [{"title": "x", "date": "2022-01-03"}, {"title": "y", "date": "2022-01-03"}]}}`,
		`{"england-and-wales": {"events": [{"title": "x", "date": "2022-13-01"}]}}`,
		`{"england-and-wales": {"events": [{"title": "x", "date": "1989-01-01"}]}}`,
		`{"england-and-wales": {"events": [{"title": "\u0000", "date": "2022-01-03"}]}}`,
		`{"england-and-wales": {"events": [{"title": "\xff", "date": "2022-01-03"}]}}`,
		`{"england-and-wales": null}`,
		`{"england-and-wales": {"events": {}}}`,
		`{"scotland": {"events": []}}`,
		`[]`, `null`, ``, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := ParseBankHolidaysJSON(bytes.NewReader(b))
		if err != nil {
			if list != nil {
				t.Error("a list as well as an error")
			}
			if !strings.HasPrefix(err.Error(), "bank-holidays.json: ") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		if len(list) == 0 {
			t.Fatal("no holidays and no error")
		}
		for i, h := range list {
			if i > 0 && !list[i-1].Date.Before(h.Date) {
				t.Errorf("%s follows %s: not sorted, or repeated", h.Date, list[i-1].Date)
			}
			if y := h.Date.Year(); y < FirstRuleYear || y > LastRuleYear {
				t.Errorf("%s is outside %d to %d", h.Date, FirstRuleYear, LastRuleYear)
			}
			if h.Title == "" || strings.ContainsFunc(h.Title+h.Notes, unicode.IsControl) ||
				!utf8.ValidString(h.Title+h.Notes) || utf8.RuneCountInString(h.Title) > MaxTitle {
				t.Errorf("%s: title %q, notes %q", h.Date, h.Title, h.Notes)
			}
		}
		// A calendar of the list holds exactly it.
		cal := New(list)
		if got := cal.Holidays(); len(got) != len(list) {
			t.Errorf("a calendar of %d holidays holds %d", len(list), len(got))
		}
		for _, h := range list {
			if got, ok := cal.Holiday(h.Date); !ok || got != h {
				t.Errorf("%s: calendar holds %+v, %v", h.Date, got, ok)
			}
		}
	})
}
