package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/report"
)

// dashboardStore is what the dashboard needs of the store.
type dashboardStore interface {
	heed.DashboardService
}

func (s *Server) dashboardRoutes(mux *http.ServeMux) {
	mux.Handle("GET /dashboard", s.user(s.dashboard))
}

// dashboardData is the dashboard page: live figures, or for a viewer the
// published report's.
type dashboardData struct {
	Today calendar.Date
	// Areas are a manager's service areas, which every figure is limited
	// to; nil for the whole council.
	Areas []string
	Live  *liveDashboard
	// Published is the last complete quarter's published report, for a
	// viewer.
	Published *publishedDashboard
}

// AreasText lists a manager's service areas.
func (d dashboardData) AreasText() string { return strings.Join(d.Areas, ", ") }

// NoAreas reports whether the figures are limited to service areas and
// there are none: a manager's account without any.
func (d dashboardData) NoAreas() bool { return d.Areas != nil && len(d.Areas) == 0 }

// liveDashboard is the dashboard's figures, formatted, with their charts.
type liveDashboard struct {
	*heed.Dashboard
	QuarterText, LastYearText string
	Quarter                   []figureRow
	QuarterChart, RateChart   *barChart
	Stages                    []stageRow
	StageChart                *barChart
	ThemeChart                *barChart
	OpenStages, Overdue       int
}

// figureRow is a row of a table of figures: this period and last year.
type figureRow struct {
	Label, This, Before string
}

// stageRow is a row of the open stages table.
type stageRow struct {
	Label         string
	Open, Overdue int
}

// publishedDashboard is a published report's headline figures.
type publishedDashboard struct {
	Label, Href string
	Rows        []figureRow
	Chart       *barChart
}

// dashboard shows the complaints team's figures now. An administrator,
// complaints officer or investigator sees the whole council's, a manager
// those of their service areas, and a viewer, who may read published
// reports only, the published report of the last complete quarter.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	data := dashboardData{Today: s.today()}
	if !u.CanReadReports() {
		pub, err := s.publishedDashboard(r, data.Today)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data.Published = pub
		s.render(w, r, http.StatusOK, "dashboard", page{Title: "Dashboard", Nav: "dashboard", Data: data})
		return
	}
	q := heed.DashboardQuery{Today: data.Today}
	if u.Role == heed.RoleManager {
		q.ServiceAreas = append([]string{}, u.ServiceAreas...) // none is none, not all
		data.Areas = q.ServiceAreas
	}
	d, err := s.Store.Dashboard(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data.Live = newLiveDashboard(d)
	s.render(w, r, http.StatusOK, "dashboard", page{Title: "Dashboard", Nav: "dashboard", Data: data})
}

// spanText writes a span of days as "1 October to 3 December 2026".
func spanText(sp heed.Span) string {
	from := sp.From.Long()
	if sp.From.Year() == sp.To.Year() {
		from = strings.TrimSuffix(from, fmt.Sprintf(" %d", sp.From.Year()))
	}
	if sp.From.Equal(sp.To) {
		return sp.To.Long()
	}
	return from + " to " + sp.To.Long()
}

// percentText writes a percentage to one decimal place, or "n/a" when
// there is nothing to take a share of.
func percentText(p float64, ok bool) string {
	if !ok {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", p)
}

// chartPercent is a percentage as a chart's value: negative when it does
// not apply.
func chartPercent(p float64, ok bool) float64 {
	if !ok {
		return -1
	}
	return p
}

func newLiveDashboard(d *heed.Dashboard) *liveDashboard {
	l := &liveDashboard{Dashboard: d, QuarterText: spanText(d.Quarter), LastYearText: spanText(d.LastYear)}
	this, before := d.This, d.Before
	count := func(label string, a, b int) figureRow { return figureRow{label, thousands(a), thousands(b)} }
	inTime, inTimeOK := this.InTimePercent()
	inTimeBefore, inTimeBeforeOK := before.InTimePercent()
	esc, escOK := this.EscalationPercent()
	escBefore, escBeforeOK := before.EscalationPercent()
	l.Quarter = []figureRow{
		count("Complaints received", this.Received, before.Received),
		count("Stage 1 responses", this.Responded, before.Responded),
		count("Stage 1 responses in time", this.InTime, before.InTime),
		{"Stage 1 responses in time (%)", percentText(inTime, inTimeOK), percentText(inTimeBefore, inTimeBeforeOK)},
		count("Stage 2 started", this.Escalated, before.Escalated),
		{"Escalation rate (%)", percentText(esc, escOK), percentText(escBefore, escBeforeOK)},
	}
	two := []series{{"This quarter so far", colourThis}, {"Same days last year", colourBefore}}
	l.QuarterChart = newBarChart("chart-quarter", "Complaints this quarter so far against the same days last year", two, []chartRow{
		{"Complaints received", []float64{float64(this.Received), float64(before.Received)}},
		{"Stage 1 responses", []float64{float64(this.Responded), float64(before.Responded)}},
		{"Stage 2 started", []float64{float64(this.Escalated), float64(before.Escalated)}},
	}, false)
	l.RateChart = newBarChart("chart-rates", "Stage 1 responses in time and escalation rate (%)", two, []chartRow{
		{"Stage 1 responses in time", []float64{chartPercent(inTime, inTimeOK), chartPercent(inTimeBefore, inTimeBeforeOK)}},
		{"Escalation rate", []float64{chartPercent(esc, escOK), chartPercent(escBefore, escBeforeOK)}},
	}, true)

	var stageRows []chartRow
	for _, st := range d.Stages {
		label := fmt.Sprintf("Complaints at Stage %d", st.Stage)
		if st.Stage == 0 {
			label = "Other records with a reply due"
		}
		l.Stages = append(l.Stages, stageRow{label, st.Open, st.Overdue})
		l.OpenStages += st.Open
		l.Overdue += st.Overdue
		stageRows = append(stageRows, chartRow{label, []float64{float64(st.Open), float64(st.Overdue)}})
	}
	l.StageChart = newBarChart("chart-stages", "Stages open and overdue now",
		[]series{{"Open", colourThis}, {"Overdue", colourOverdue}}, stageRows, false)

	var themeRows []chartRow
	for _, t := range d.Themes {
		themeRows = append(themeRows, chartRow{t.Theme, []float64{float64(t.This), float64(t.Before)}})
	}
	l.ThemeChart = newBarChart("chart-themes", "Complaints by theme, the themes of most complaints this quarter so far", two, themeRows, false)
	return l
}

// publishedMeasures are the headline measures a viewer's dashboard shows.
var publishedMeasures = []string{"complaints", "compliments", "comments", "in_time_percent", "upheld_percent", "escalation_rate_percent"}

// publishedDashboard computes the published report of the last complete
// quarter before today, and picks its headline measures.
func (s *Server) publishedDashboard(r *http.Request, today calendar.Date) (*publishedDashboard, error) {
	this, _ := heed.QuarterSoFar(today)
	last := this.From.AddDays(-1)
	ref, err := quarterRef(last.FinancialYear(), last.Quarter(), true)
	if err != nil {
		return nil, err
	}
	rep, err := report.Generate(r.Context(), s.Store, ref.Period, report.Options{Council: s.CouncilName,
		Publish: true, SuppressBelow: s.SuppressBelow, AsOf: today, Rules: s.rules()})
	if err != nil {
		return nil, err
	}
	p := &publishedDashboard{Label: ref.Period.Label, Href: ref.URL("")}
	var counts []chartRow
	for _, id := range publishedMeasures {
		m := rep.Measure(id)
		if m.ID == "" {
			continue
		}
		this, before := m.Value.String(), m.Previous.String()
		if m.Percent {
			this, before = measurePercent(m.Value), measurePercent(m.Previous)
		} else {
			this, before = thousands(int(m.Value.N)), thousands(int(m.Previous.N))
			counts = append(counts, chartRow{m.Label, []float64{m.Value.N, m.Previous.N}})
		}
		p.Rows = append(p.Rows, figureRow{m.Label, this, before})
	}
	p.Chart = newBarChart("chart-published", "Records received in "+ref.Period.Label+" against the same quarter last year",
		[]series{{ref.Period.Label, colourThis}, {"Same quarter last year", colourBefore}}, counts, false)
	return p, nil
}

// measurePercent writes a report's percentage, or "n/a" when it has none.
func measurePercent(v report.Value) string {
	if v.Null() {
		return v.String()
	}
	return fmt.Sprintf("%.1f%%", v.N)
}
