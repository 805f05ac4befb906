package web

import (
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// BenchmarkRender measures the templates alone, for the pages the load test
// asks for most: a full page of cases, a full list of work, and a case with
// a full list of linked records.
func BenchmarkRender(b *testing.B) {
	templates, err := parsePages()
	if err != nil {
		b.Fatal(err)
	}
	user := &heed.User{Username: "officer", DisplayName: "Load Officer", Role: heed.RoleOfficer}
	today := calendar.MustParseDate("2026-11-02")
	var cases []heed.CaseSummary
	var work []workItem
	for i := range 50 {
		received := today.AddDays(-i)
		cases = append(cases, heed.CaseSummary{ID: int64(i), Reference: fmt.Sprintf("CS-2026-%05d", i), Type: heed.TypeComplaint,
			Received: received, ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory,
			ComplainantName: "Alex Sampleton", Stage: 1, Due: received.AddDays(14)})
		work = append(work, workItem{OpenStage: heed.OpenStage{Reference: fmt.Sprintf("CS-2026-%05d", i), Type: heed.TypeComplaint,
			Procedure: heed.ChildrenStatutory, ServiceArea: "Children's Social Care", Stage: 1, Deadline: received.AddDays(14)}, DaysLeft: 3, DueSoon: true})
	}
	q := url.Values{}
	pages := newPager("/cases", q, casesPerPage)
	pages.count(casesPerPage, 9000, heed.CaseMaxTotal)
	casesPage := page{Title: "Cases", Council: "Example Council", User: user, CSRF: "token", Nav: "cases", Data: casesData{
		Query: q, Cases: caseRows(cases[:casesPerPage], today), Pages: pages,
		TypeOptions:      options("Any type", stringsOf(heed.RecordTypes), func(v string) string { return heed.RecordType(v).Label() }),
		ProcedureOptions: options("Any procedure", stringsOf(heed.ProcedureIDs), func(v string) string { return heed.ProcedureID(v).Label() }),
		StageOptions:     options("Any stage", []string{"1", "2", "3"}, func(v string) string { return "Stage " + v }),
		AreaOptions:      options("Any service area", []string{"Adult Social Care", "Children's Social Care", "Education", "Highways", "Housing", "Waste"}, same),
		StatusOptions:    []option{{"", "Open or closed"}, {string(heed.StatusOpen), "Open"}, {string(heed.StatusClosed), "Closed"}},
	}}
	emptyPage := casesPage
	ed := casesPage.Data.(casesData)
	ed.Cases = nil
	emptyPage.Data = ed
	errorPage := page{Title: "Page not found", Council: "Example Council", User: user, CSRF: "token", Data: "There is no such case."}
	homePage := page{Title: "Your work", Council: "Example Council", User: user, CSRF: "token", Nav: "home",
		Data: homeData{Mine: &workList{ID: "mine", Title: "Your open stages", Sort: workSort(httptest.NewRequest("GET", "/", nil), "#mine")},
			Queue: &workList{ID: "queue", Title: "Waiting to be allocated", Items: work, Sort: workSort(httptest.NewRequest("GET", "/", nil), "#queue")}}}
	casePage := page{Title: "Complaint CS-2026-00001", Council: "Example Council", User: user, CSRF: "token", Nav: "cases",
		Data: benchCaseData(b, user, today, cases[:linkedLimit])}
	for _, c := range []struct {
		name string
		p    page
	}{{"cases", casesPage}, {"cases-empty", emptyPage}, {"home", homePage}, {"error", errorPage}, {"case", casePage}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := templates[strings.TrimSuffix(c.name, "-empty")].ExecuteTemplate(io.Discard, "layout", c.p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchCaseData is an open Stage 1 complaint, acknowledged and allocated,
// changed once and opened, with linked records, as an officer sees it.
func benchCaseData(b *testing.B, user *heed.User, today calendar.Date, linked []heed.CaseSummary) *caseData {
	received := today.AddDays(-5)
	rec := &heed.Record{ID: 1, Reference: "CS-2026-00001", Type: heed.TypeComplaint, Received: received,
		ServiceArea: "Children's Social Care", Team: "Assessment", Procedure: heed.ChildrenStatutory, Theme: "Communication",
		ComplainantName: "Alex Sampleton", ComplainantType: heed.ComplainantParent, YoungPerson: true, Channel: heed.ChannelEmail,
		Summary: "The family were not told that the review meeting had moved.",
		Stages:  []heed.Stage{{Number: 1, Started: received, Acknowledged: received.AddDays(1), Investigator: "Sam Investigator"}}}
	rules, cal := heed.DefaultRules(), calendar.New(nil)
	rules.ApplyClocks(cal, rec)
	at := received.Time().Add(9 * time.Hour)
	history := []heed.AuditEntry{
		{Actor: "Officer", Action: heed.AuditCreated, At: at},
		{Actor: "Officer", Action: heed.AuditUpdated, At: at.Add(24 * time.Hour), Changes: []heed.Change{{Field: "stage 1 acknowledged", New: "2026-10-29"}}},
		{Actor: "Officer", Action: heed.AuditViewed, At: at.Add(48 * time.Hour)},
	}
	data := caseDataFor(user, rec, &heed.CaseView{History: history, Linked: linked, MoreLinked: true}, cal, rules, today)
	if len(data.Stages) != 1 || !data.Stages[0].HasClock || len(data.Forms) == 0 {
		b.Fatalf("the benchmark's case has %d stages and %d forms; want a stage with a clock, and forms", len(data.Stages), len(data.Forms))
	}
	return data
}
