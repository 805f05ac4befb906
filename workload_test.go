package heed_test

import (
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

func TestQuarterSoFar(t *testing.T) {
	d := calendar.MustParseDate
	tests := []struct {
		today, from, lastFrom, lastTo string
	}{
		{"2026-12-03", "2026-10-01", "2025-10-01", "2025-12-03"},
		{"2026-04-01", "2026-04-01", "2025-04-01", "2025-04-01"},
		{"2026-06-30", "2026-04-01", "2025-04-01", "2025-06-30"},
		{"2027-01-15", "2027-01-01", "2026-01-01", "2026-01-15"},
		{"2028-02-29", "2028-01-01", "2027-01-01", "2027-02-28"}, // no 29 February last year
		{"2026-09-30", "2026-07-01", "2025-07-01", "2025-09-30"},
	}
	for _, tt := range tests {
		this, last := heed.QuarterSoFar(d(tt.today))
		want, wantLast := heed.Span{From: d(tt.from), To: d(tt.today)}, heed.Span{From: d(tt.lastFrom), To: d(tt.lastTo)}
		if this != want || last != wantLast {
			t.Errorf("%s: %v and %v, want %v and %v", tt.today, this, last, want, wantLast)
		}
	}
}

func TestQuarterFiguresPercent(t *testing.T) {
	tests := []struct {
		q                 heed.QuarterFigures
		inTime, escalated float64
		ok                bool
	}{
		{heed.QuarterFigures{Responded: 4, InTime: 3, Escalated: 1, EscalationBase: 2}, 75, 50, true},
		{heed.QuarterFigures{Received: 3}, 0, 0, false}, // nothing answered: no percentage, not 0
	}
	for _, tt := range tests {
		p, ok := tt.q.InTimePercent()
		e, eok := tt.q.EscalationPercent()
		if p != tt.inTime || e != tt.escalated || ok != tt.ok || eok != tt.ok {
			t.Errorf("%+v: in time %v (%v), escalated %v (%v)", tt.q, p, ok, e, eok)
		}
	}
}
