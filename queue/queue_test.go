package queue

import (
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
)

func TestBackoff(t *testing.T) {
	b := backoff{base: 30 * time.Second}
	for _, c := range []struct {
		errors int
		want   time.Duration
	}{{0, 30 * time.Second}, {1, time.Minute}, {3, 4 * time.Minute}, {7, time.Hour}, {20, time.Hour}} {
		j := &rivertype.JobRow{Errors: make([]rivertype.AttemptError, c.errors)}
		got := time.Until(b.NextRetry(j))
		if got < c.want-time.Second || got > c.want {
			t.Errorf("after %d errors: retry in %s, want %s", c.errors, got, c.want)
		}
	}
}

func TestDailyAt(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no zone database")
	}
	s := dailyAt{at: 7 * time.Hour}
	for _, c := range []struct{ now, want string }{
		{"2026-12-03T06:59:00Z", "2026-12-03T07:00:00Z"}, // GMT
		{"2026-12-03T07:00:00Z", "2026-12-04T07:00:00Z"},
		{"2026-07-01T05:00:00Z", "2026-07-01T06:00:00Z"}, // BST: 7:00 in London is 6:00 UTC
		{"2026-03-28T12:00:00Z", "2026-03-29T06:00:00Z"}, // the clocks go forward that night
	} {
		now, _ := time.Parse(time.RFC3339, c.now)
		want, _ := time.Parse(time.RFC3339, c.want)
		if got := s.Next(now); !got.Equal(want) {
			t.Errorf("after %s: %s, want %s (%s in London)", c.now, got.UTC(), want, got.In(london))
		}
	}
}
