package web

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore/storetest"
)

func TestCaseSummaries(t *testing.T) {
	received := calendar.MustParseDate("2026-03-02")
	full := &heed.Record{Reference: "CS-2026-00002", Received: received, ServiceArea: "Children's Social Care", Team: "Assessment",
		Theme: "Communication", Channel: heed.ChannelEmail, RedirectedTo: heed.RedirectedSchool, RelatedReference: "CS-2026/1",
		Closed: received.AddDays(30), ComplainantName: "Alex Sampleton", ComplainantType: heed.ComplainantParent, YoungPerson: true,
		Advocacy: heed.AdvocacyProvided,
		Ombudsman: &heed.OmbudsmanCase{Reference: "26 001 234", Decision: heed.DecisionUpheld, Decided: received.AddDays(90),
			Remedies: []heed.Remedy{{Type: heed.RemedyFinancial, Pence: 25050, Complied: received.AddDays(100)}}}}
	for _, c := range []struct {
		name                          string
		rec                           *heed.Record
		about, complainant, ombudsman []summaryRow
	}{
		{
			name: "little recorded",
			rec:  &heed.Record{Received: received, ServiceArea: "Housing"},
			about: []summaryRow{
				{Key: "Received", Value: "2 March 2026"},
				{Key: "Service area", Value: "Housing"},
			},
			complainant: []summaryRow{
				{Key: "Name", Value: "Not recorded"},
				{Key: "Child or young person", Value: "No"},
			},
		},
		{
			name: "everything recorded",
			rec:  full,
			about: []summaryRow{
				{Key: "Received", Value: "2 March 2026"},
				{Key: "Service area", Value: "Children's Social Care"},
				{Key: "Team", Value: "Assessment"},
				{Key: "Theme", Value: "Communication"},
				{Key: "How it reached us", Value: heed.ChannelEmail.Label()},
				{Key: "Redirected to", Value: heed.RedirectedSchool.Label()},
				{Key: "Related case", Value: "CS-2026/1", Href: "/cases/CS-2026%2F1"},
				{Key: "Closed", Value: "1 April 2026"},
			},
			complainant: []summaryRow{
				{Key: "Name", Value: "Alex Sampleton"},
				{Key: "Who they are", Value: heed.ComplainantParent.Label()},
				{Key: "Child or young person", Value: "Yes"},
				{Key: "Advocacy", Value: heed.AdvocacyProvided.Label()},
			},
			ombudsman: []summaryRow{
				{Key: "Ombudsman reference", Value: "26 001 234"},
				{Key: "Decision", Value: heed.DecisionUpheld.Label()},
				{Key: "Decided", Value: "31 May 2026"},
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			about, complainant, ombudsman := caseSummaries(c.rec)
			for _, l := range []struct {
				name      string
				got, want []summaryRow
			}{{"about", about, c.about}, {"complainant", complainant, c.complainant}, {"ombudsman", ombudsman, c.ombudsman}} {
				if !reflect.DeepEqual(l.got, l.want) {
					t.Errorf("%s rows\n%+v\nwant\n%+v", l.name, l.got, l.want)
				}
			}
		})
	}
}

func TestStageSummary(t *testing.T) {
	day := calendar.MustParseDate("2026-03-02")
	for _, c := range []struct {
		name  string
		stage heed.Stage
		want  []summaryRow
	}{
		{"new complaint", heed.Stage{Number: 1, Started: day}, []summaryRow{
			{Key: "Received", Value: "2 March 2026"}, {Key: "Acknowledged", Value: "Not yet"}, {Key: "Investigator", Value: "Not allocated"}}},
		{"escalated and allocated", heed.Stage{Number: 2, Started: day, Acknowledged: day.AddDays(1), Investigator: "Sam Investigator"}, []summaryRow{
			{Key: "Requested", Value: "2 March 2026"}, {Key: "Acknowledged", Value: "3 March 2026"}, {Key: "Investigator", Value: "Sam Investigator"}}},
		{"no start recorded", heed.Stage{Number: 3}, []summaryRow{
			{Key: "Acknowledged", Value: "Not yet"}, {Key: "Investigator", Value: "Not allocated"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := stageSummary(&c.stage); !reflect.DeepEqual(got, c.want) {
				t.Errorf("rows\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

func TestNavItems(t *testing.T) {
	for _, c := range []struct {
		role heed.Role
		nav  string
		want []navItem
	}{
		{heed.RoleOfficer, "cases", []navItem{{"/", "Your work", false}, {"/cases", "Cases", true}, {"/learning", "Learning", false},
			{"/triage", "Triage", false}, {"/dashboard", "Dashboard", false}, {"/reports", "Reports", false}}},
		{heed.RoleViewer, "dashboard", []navItem{{"/", "Your work", false}, {"/dashboard", "Dashboard", true}, {"/reports", "Reports", false}}},
		{heed.RoleAdmin, "admin", []navItem{{"/", "Your work", false}, {"/cases", "Cases", false}, {"/learning", "Learning", false},
			{"/triage", "Triage", false}, {"/dashboard", "Dashboard", false}, {"/reports", "Reports", false}, {"/admin", "Administration", true}}},
	} {
		t.Run(string(c.role), func(t *testing.T) {
			p := page{User: &heed.User{Role: c.role}, Nav: c.nav}
			if got := p.NavItems(); !reflect.DeepEqual(got, c.want) {
				t.Errorf("navigation\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
	if got := (page{}).NavItems(); got != nil {
		t.Errorf("signed out, the navigation is %+v; want none", got)
	}
}

func TestOverdueBy(t *testing.T) {
	for daysLeft, want := range map[int]string{-1: "Overdue by 1 working day", -3: "Overdue by 3 working days"} {
		if got := overdueBy(daysLeft); got != want {
			t.Errorf("overdueBy(%d) = %q, want %q", daysLeft, got, want)
		}
	}
}

// TestHistoryRows folds each run of openings between changes into one row
// saying who opened the case and how often; changes stay a row each.
func TestHistoryRows(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 2, h, 0, 0, 0, time.UTC) }
	entry := func(h int, who string, a heed.AuditAction) heed.AuditEntry {
		return heed.AuditEntry{At: at(h), Actor: who, Action: a}
	}
	type row struct{ When, Who, What string }
	for _, c := range []struct {
		name    string
		entries []heed.AuditEntry
		want    []row
	}{
		{"none", nil, nil},
		{"one opening", []heed.AuditEntry{entry(9, "Ann", heed.AuditCreated), entry(10, "Bob", heed.AuditViewed)},
			[]row{{"2 March 2026 at 9:00am", "Ann", "Recorded"}, {"2 March 2026 at 10:00am", "Bob", "Opened"}}},
		{"runs between changes", []heed.AuditEntry{
			entry(9, "Ann", heed.AuditCreated),
			entry(10, "Bob", heed.AuditViewed), entry(11, "Cy", heed.AuditViewed), entry(12, "Bob", heed.AuditViewed),
			entry(13, "Cy", heed.AuditUpdated),
			entry(14, "Ann", heed.AuditViewed), entry(15, "Ann", heed.AuditViewed)},
			[]row{
				{"2 March 2026 at 9:00am", "Ann", "Recorded"},
				{"2 March 2026 at 10:00am to 2 March 2026 at 12:00pm", "Bob, Cy", "Opened 3 times"},
				{"2 March 2026 at 1:00pm", "Cy", "Changed"},
				{"2 March 2026 at 2:00pm to 2 March 2026 at 3:00pm", "Ann", "Opened 2 times"},
			}},
	} {
		var got []row
		for _, r := range historyRows(c.entries) {
			got = append(got, row{r.When, r.Actor, r.What})
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestOpeningsFromOtherSites checks that a case page reached by a link on
// another site is shown but not written in the case's history as opened,
// while a page opened from Heed, or typed in, is.
func TestOpeningsFromOtherSites(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			app := newTestApp(t, dialect)
			c := app.client(t)
			c.signIn("officer")
			openings := func() int {
				h, err := app.Store.RecordHistory(t.Context(), app.record(t, "CS-OPEN").ID)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, e := range h {
					if e.Action == heed.AuditViewed {
						n++
					}
				}
				return n
			}
			for _, tc := range []struct {
				site   string
				record bool
			}{{"cross-site", false}, {"same-origin", true}, {"none", true}, {"same-site", true}, {"", true}} {
				before := openings()
				req, _ := http.NewRequest(http.MethodGet, app.URL+"/cases/CS-OPEN", nil)
				if tc.site != "" {
					req.Header.Set("Sec-Fetch-Site", tc.site)
				}
				res := c.do(req)
				if res.Code != http.StatusOK || !strings.Contains(res.Body, "Late reply about respite care") {
					t.Errorf("Sec-Fetch-Site %q: %d, the case is not shown", tc.site, res.Code)
				}
				if got, want := openings()-before, map[bool]int{false: 0, true: 1}[tc.record]; got != want {
					t.Errorf("Sec-Fetch-Site %q: %d openings recorded, want %d", tc.site, got, want)
				}
			}
		})
	}
}
