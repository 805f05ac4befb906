package public

import (
	"sync"
	"time"
)

// limiter counts the forms each address posts in a window of time (an
// hour), refusing those past n. It keeps the counts of this window and
// the last, no more: an address is judged on the posts of the window so
// far plus the last window's, weighted by how much of it still falls within
// the hour (a sliding window, without keeping each post's time).
type limiter struct {
	n      int
	window time.Duration
	now    func() time.Time

	mu         sync.Mutex
	start      time.Time
	this, last map[string]int
}

func newLimiter(n int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{n: n, window: window, now: now, start: now(), this: map[string]int{}, last: map[string]int{}}
}

// allow counts a post from addr and reports whether it is within the limit.
func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	switch elapsed := now.Sub(l.start); {
	case elapsed >= 2*l.window:
		l.this, l.last, l.start = map[string]int{}, map[string]int{}, now
	case elapsed >= l.window:
		l.last, l.this, l.start = l.this, map[string]int{}, l.start.Add(l.window)
	}
	weight := 1 - float64(now.Sub(l.start))/float64(l.window)
	if float64(l.this[addr])+weight*float64(l.last[addr]) >= float64(l.n) {
		return false
	}
	l.this[addr]++
	return true
}
