package heed

import (
	"context"
	"time"

	"github.com/heedhq/heed/calendar"
)

// The dashboard is the complaints team's view of today: this quarter so far
// against the same days of the same quarter last year, the stages open and
// overdue now, the themes complained about most, and the learning actions
// overdue. It counts live records; a viewer, who may read published reports
// only, is shown the published report's figures instead (see web).

// DashboardThemes is how many themes the dashboard lists.
const DashboardThemes = 5

// Span is a run of days, both ends included.
type Span struct {
	From, To calendar.Date
}

// QuarterSoFar returns the financial quarter of today from its first day to
// today, and the same days a year earlier (1 October to 3 December 2026
// against 1 October to 3 December 2025), so that the two compare like with
// like. A 29 February today is compared with 28 February.
func QuarterSoFar(today calendar.Date) (this, lastYear Span) {
	// The financial quarters start in April, July, October and January,
	// as the calendar quarters' months do.
	first := calendar.NewDate(today.Year(), time.Month((int(today.Month())-1)/3*3+1), 1)
	return Span{first, today}, Span{first.AddMonths(-12), today.AddMonths(-12)}
}

// DashboardQuery asks for the dashboard on a day.
type DashboardQuery struct {
	// Today is the day the dashboard is of: the quarter is today's, and
	// stages and actions due before it are overdue.
	Today calendar.Date
	// ServiceAreas limits every figure to these service areas' records (a
	// manager's); nil counts the whole council.
	ServiceAreas []string
}

// Dashboard is the figures of the dashboard.
type Dashboard struct {
	Today    calendar.Date
	Quarter  Span // this quarter so far
	LastYear Span // the same days last year
	// This and Before are the two spans' figures.
	This, Before QuarterFigures
	// Stages are the unanswered stages now, by stage: complaints' Stages 1,
	// 2 and 3, then every other record with a reply due (Stage 0).
	Stages []StageLoad
	// Themes are the themes of the most complaints received this quarter so
	// far, most first (at most DashboardThemes), with last year's count.
	Themes []ThemeCount
	// Learning actions not completed, and those of them due before today.
	OpenActions, OverdueActions int
}

// QuarterFigures are the complaint figures of a span of days.
type QuarterFigures struct {
	Received  int // complaints received
	Responded int // Stage 1 responses made
	InTime    int // of those, made on or before the Stage 1 deadline
	// Escalated is the Stage 2s started; EscalationBase the Stage 1
	// responses they are a share of: those of the procedures that have a
	// Stage 2, leaving out withdrawn, resolved early and refused.
	Escalated, EscalationBase int
}

// InTimePercent is the share of Stage 1 responses made in time, in per
// cent; ok is false when there were none.
func (q QuarterFigures) InTimePercent() (pct float64, ok bool) {
	return percent(q.InTime, q.Responded)
}

// EscalationPercent is the escalation rate, Stage 2s started per Stage 1
// response, in per cent; ok is false when there were no responses.
func (q QuarterFigures) EscalationPercent() (pct float64, ok bool) {
	return percent(q.Escalated, q.EscalationBase)
}

func percent(n, of int) (float64, bool) {
	if of == 0 {
		return 0, false
	}
	return 100 * float64(n) / float64(of), true
}

// StageLoad is how many stages of a number are unanswered now, and how
// many of them are past their deadline (an extension's, when agreed).
type StageLoad struct {
	Stage         int // 1 to 3 for complaints; 0 for other records
	Open, Overdue int
}

// ThemeCount is a theme's complaints received in the two spans.
type ThemeCount struct {
	Theme        string
	This, Before int
}

// DashboardService computes the dashboard.
type DashboardService interface {
	Dashboard(ctx context.Context, q DashboardQuery) (*Dashboard, error)
}
