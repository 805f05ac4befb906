package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestRefusedDatesInTheBrowser tries, in headless Chromium, each date the
// rules refuse on the form that records it: a date after today (the test's
// today is Friday 20 March 2015) and a date before the event it follows.
// Each refusal must be in the error summary, linked to the date, and by the
// date itself; axe-core checks every error state.
func TestRefusedDatesInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	lgo := &heed.Record{Reference: "LGO-T", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-10"), ServiceArea: "Highways",
		RelatedReference: "HW-1"}
	if err := app.Store.CreateRecord(t.Context(), storetest.Actor, lgo); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")

	type date struct{ name, day, month, year string }
	tests := []struct {
		name   string
		path   string
		dates  []date
		fields map[string]string // other inputs the form needs
		radio  string            // a radio button to choose, by its id
		input  string            // the date input that gets the error
		want   string
	}{
		{"new-contact-received-tomorrow", "/cases/new", []date{{"received", "21", "3", "2015"}},
			map[string]string{"#service_area": "Highways"}, "", "received",
			"The date received must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"acknowledged-tomorrow", "/cases/CS-OPEN/acknowledge", []date{{"acknowledged", "21", "3", "2015"}}, nil, "", "acknowledged",
			"The Stage 1 acknowledgement date must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"acknowledged-before-received", "/cases/CS-OPEN/acknowledge", []date{{"acknowledged", "1", "3", "2015"}}, nil, "", "acknowledged",
			"The Stage 1 acknowledgement date must be on or after the date Stage 1 started (2 March 2015)"},
		{"extended-to-the-deadline", "/cases/CS-OPEN/extend", []date{{"extended_to", "16", "3", "2015"}},
			map[string]string{"#reason": "Meeting the family"}, "", "extended_to",
			"The Stage 1 extended deadline must be later than the deadline it extends (16 March 2015)"},
		{"extended-past-the-maximum", "/cases/CS-OPEN/extend", []date{{"extended_to", "31", "3", "2015"}},
			map[string]string{"#reason": "Meeting the family"}, "", "extended_to",
			"The Stage 1 extended deadline must be on or before 30 March 2015, the furthest Stage 1 may be extended to (20 working days at most)"},
		{"responded-tomorrow", "/cases/CS-OPEN/respond", []date{{"responded", "21", "3", "2015"}}, nil, "", "responded",
			"The Stage 1 response date must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"responded-before-started", "/cases/CS-OPEN/respond", []date{{"responded", "27", "2", "2015"}}, nil, "", "responded",
			"The Stage 1 response date must be on or after the date Stage 1 started (2 March 2015)"},
		{"requested-tomorrow", "/cases/HW-1/escalate", []date{{"requested", "21", "3", "2015"}}, nil, "decision", "requested",
			"The date Stage 2 was requested must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"requested-before-the-response", "/cases/HW-1/escalate", []date{{"requested", "19", "2", "2015"}}, nil, "decision", "requested",
			"The date Stage 2 was requested must be on or after the Stage 1 response date (20 February 2015)"},
		{"decided-tomorrow", "/cases/LGO-T/ombudsman", []date{{"decided", "21", "3", "2015"}},
			map[string]string{"#decision": "upheld"}, "", "decided",
			"The date of the Ombudsman's decision must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"decided-before-received", "/cases/LGO-T/ombudsman", []date{{"decided", "9", "3", "2015"}},
			map[string]string{"#decision": "upheld"}, "", "decided",
			"The date of the Ombudsman's decision must be on or after the date the enquiry was received (10 March 2015)"},
		{"complied-tomorrow", "/cases/LGO-T/ombudsman-remedy", []date{{"complied", "21", "3", "2015"}},
			map[string]string{"#type": "apology"}, "", "complied",
			"The date the council complied with remedy 1 must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"completed-tomorrow", "/cases/HW-1/complete-action?action=1.1", []date{{"completed", "21", "3", "2015"}},
			map[string]string{"#evidence": "New rota published"}, "", "completed",
			"The date the action was completed must be today (20 March 2015) or earlier, not 21 March 2015"},
		{"completed-before-the-case", "/cases/HW-1/complete-action?action=1.1", []date{{"completed", "9", "2", "2015"}},
			map[string]string{"#evidence": "New rota published"}, "", "completed",
			"The date the action was completed must be on or after the date the case it was learnt from was received (10 February 2015)"},
	}
	for _, tt := range tests {
		before := map[string]int{}
		for _, ref := range []string{"CS-OPEN", "HW-1", "LGO-T"} {
			before[ref] = app.record(t, ref).Version
		}
		b.do(chromedp.Navigate(b.url+tt.path), chromedp.WaitVisible(chromedp.CSS("main form")))
		for _, dt := range tt.dates {
			b.do(b.date(dt.name, dt.day, dt.month, dt.year)...)
		}
		b.do(b.fill(tt.fields)...)
		if tt.radio != "" {
			b.do(chromedp.Click(chromedp.CSS("#" + tt.radio)))
		}
		b.submit(true)
		summary := b.text(".govuk-error-summary")
		if !strings.Contains(summary, tt.want) {
			t.Errorf("%s: the error summary says %q, want %q", tt.name, summary, tt.want)
		}
		link := b.text(`.govuk-error-summary a[href="#` + tt.input + `-day"]`)
		if !strings.Contains(link, tt.want) {
			t.Errorf("%s: the summary's link to #%s-day says %q", tt.name, tt.input, link)
		}
		if by := b.text("#" + tt.input + "-error"); !strings.Contains(by, tt.want) {
			t.Errorf("%s: by the date: %q, want %q", tt.name, by, tt.want)
		}
		b.check("refused-" + tt.name)
		for ref, v := range before {
			if app.record(t, ref).Version != v {
				t.Errorf("%s: a refused form changed %s", tt.name, ref)
			}
		}
	}
	if _, n, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); n != len(testRecords())+1 {
		t.Errorf("%d cases: a refused new contact was recorded", n)
	}
}
