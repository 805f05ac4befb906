package public

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	l := newLimiter(3, time.Hour, func() time.Time { return now })
	steps := []struct {
		after time.Duration
		addr  string
		want  bool
	}{
		{0, "a", true}, {0, "a", true}, {0, "a", true},
		{0, "a", false},                // the fourth in the hour
		{0, "b", true},                 // another address has its own count
		{30 * time.Minute, "a", false}, // still within the hour
		{35 * time.Minute, "a", true},  // 10:05: the last hour's three weigh 11/12 of three, 2.75
		{0, "a", false},                // and with this one, 3.75
		{3 * time.Hour, "a", true},     // long after: a fresh start
	}
	for i, st := range steps {
		now = now.Add(st.after)
		if got := l.allow(st.addr); got != st.want {
			t.Fatalf("step %d (%s at %s): allowed %v, want %v", i, st.addr, now.Format(time.TimeOnly), got, st.want)
		}
	}
}

func TestLimitKey(t *testing.T) {
	for addr, want := range map[string]string{
		"192.0.2.7":               "192.0.2.7",
		"2001:db8:1:2:aaaa::1":    "2001:db8:1:2::/64",
		"2001:db8:1:2:bbbb:cc::9": "2001:db8:1:2::/64",
		"not an address":          "not an address",
	} {
		if got := limitKey(addr); got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
}
