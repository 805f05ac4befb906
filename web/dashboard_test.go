package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestDashboardByRole: on 20 March 2015 (the quarter from 1 January) the
// complaints team, and an investigator, see the whole council's figures; a
// manager of Highways sees Highways's alone; a viewer sees no live count,
// only the published report of the last complete quarter.
func TestDashboardByRole(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			app := newTestApp(t, dialect)
			// A complaint of the last complete quarter, answered then: in the
			// viewer's published figures, in no live count.
			if err := app.Store.CreateRecord(context.Background(), storetest.Actor, &heed.Record{Reference: "HW-Q3",
				Type: heed.TypeComplaint, Received: d("2014-11-05"), ServiceArea: "Highways", Procedure: heed.Corporate,
				Stages: []heed.Stage{{Number: 1, Responded: d("2014-11-10"), Outcome: heed.OutcomeNotUpheld}}}); err != nil {
				t.Fatal(err)
			}
			council := []string{
				"Figures on 20 March 2015",
				"1 January to 20 March 2015, against the same days last year (1 January to 20 March 2014)",
				"Complaints received 3 0", "Stage 1 responses 1 0", "Stage 1 responses in time (%) 100.0% n/a",
				"Stage 2 started 0 0", "Escalation rate (%) 0.0% n/a",
				"2 open, of which 1 overdue",
				"Complaints at Stage 1 2 1", // CS-OPEN overdue, CS-EXT extended
				"Delay 1 0",
				"1 overdue, of 1 not completed",
			}
			tests := []struct {
				user      string
				want, not []string
			}{
				{"officer", council, []string{"for your service areas"}},
				{"admin", council, nil},
				{"ivy", council, nil},
				{"manager", []string{
					"for your service areas: Highways",
					"Complaints received 1 0", "Stage 1 responses 1 0", "Stage 1 responses in time (%) 100.0% n/a",
					"0 open, of which 0 overdue",
					"No complaint received this quarter so far has a theme.",
					"1 overdue, of 1 not completed",
				}, []string{"Complaints received 3", "Delay", "Complaints at Stage 1"}},
				{"viewer", []string{
					"Your account reads published figures only",
					"the published report of 2014/15 Q3",
					"Complaints 1 0", "Complaints answered within the target at Stage 1 (%) 100.0% n/a",
					"Read the published report of 2014/15 Q3",
				}, []string{"Open stages now", "overdue", "Complaints received 3", "Delay"}},
			}
			for _, tt := range tests {
				t.Run(tt.user, func(t *testing.T) {
					c := app.client(t)
					c.signIn(tt.user)
					res := c.get("/dashboard")
					if res.Code != http.StatusOK {
						t.Fatalf("%d %s", res.Code, pageText(res.Body))
					}
					got := mainText(res.Body)
					for _, w := range tt.want {
						if !strings.Contains(got, w) {
							t.Errorf("%q is not on the page: %s", w, got)
						}
					}
					for _, n := range tt.not {
						if strings.Contains(got, n) {
							t.Errorf("%q is on the page: %s", n, got)
						}
					}
					if !strings.Contains(res.Body, `href="/dashboard" aria-current="page"`) {
						t.Error("the navigation does not mark the dashboard as the current page")
					}
				})
			}
		})
	}
}

// TestDashboardChart: a chart's bars are scaled to its largest value, a
// percentage that does not apply has no bar, and its description gives
// every figure.
func TestDashboardChart(t *testing.T) {
	two := []series{{"This", colourThis}, {"Before", colourBefore}}
	c := newBarChart("c", "Counts", two, []chartRow{{"Received", []float64{10, 5}}, {"Answered", []float64{2, 0}}}, false)
	var widths []int
	for _, b := range c.Bars {
		widths = append(widths, b.Width)
	}
	if want := []int{chartBarMax, chartBarMax / 2, chartBarMax / 5, 0}; !equalInts(widths, want) {
		t.Errorf("widths %v, want %v", widths, want)
	}
	if want := "Bar chart. Received: This 10, Before 5; Answered: This 2, Before 0."; c.Desc != want {
		t.Errorf("description %q, want %q", c.Desc, want)
	}
	p := newBarChart("p", "Rates", two, []chartRow{{"In time", []float64{50, -1}}}, true)
	if b := p.Bars[0]; b.Width != chartBarMax/2 || b.Value != "50.0%" {
		t.Errorf("50%% of 100: %+v", b)
	}
	if b := p.Bars[1]; !b.NotApplicable || b.Value != "n/a" {
		t.Errorf("a rate of nothing: %+v", b)
	}
	if newBarChart("z", "Nothing", two, []chartRow{{"Received", []float64{0, 0}}}, false) != nil {
		t.Error("a chart of zeros is drawn")
	}
	if got := wrapWords("Children and young people's services complaints", 20); len(got) != 3 {
		t.Errorf("wrapped %q", got)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
