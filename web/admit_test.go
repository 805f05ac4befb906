package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestAdmit checks that requests beyond the limit wait, are worked on in the
// order they came, and that one whose client gives up waiting is dropped;
// the stylesheet and single sign-on do not wait, and reports wait for
// places of their own.
func TestAdmit(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var order []string
	h := admit(1, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		order = append(order, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/first" {
			<-release
		}
	}))
	serve := func(ctx context.Context, path string) {
		req := httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil)
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	started := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			mu.Lock()
			got := len(order)
			mu.Unlock()
			if got >= n {
				return
			}
		}
		t.Fatalf("%d requests were not started", n)
	}

	var wg sync.WaitGroup
	wg.Go(func() { serve(context.Background(), "/first") })
	started(1)
	gone, cancel := context.WithCancel(context.Background())
	wg.Go(func() { serve(gone, "/gave-up") })
	time.Sleep(100 * time.Millisecond) // queued behind /first
	cancel()
	time.Sleep(100 * time.Millisecond)
	for _, p := range []string{"/second", "/third", "/fourth"} {
		wg.Go(func() { serve(context.Background(), p) })
		time.Sleep(100 * time.Millisecond) // so that each is queued before the next
	}
	mu.Lock()
	if len(order) != 1 {
		t.Errorf("while the one place was taken, %v were worked on", order)
	}
	mu.Unlock()
	// passes serves path while the one place is taken: it must not wait.
	passes := func(path, what string) {
		t.Helper()
		served := make(chan struct{})
		go func() { serve(context.Background(), path); close(served) }()
		select {
		case <-served:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s waited for a page's place", what)
		}
		mu.Lock()
		if !slices.Contains(order, path) {
			t.Errorf("%s was not worked on", what)
		}
		order = slices.DeleteFunc(order, func(p string) bool { return p == path })
		mu.Unlock()
	}
	passes("/static/heed.css", "the stylesheet")
	passes(oidcCallbackPath, "the return from single sign-on")
	passes("/reports/2014-15.pdf", "a report") // it waits for a report's place
	close(release)
	wg.Wait()
	if want := []string{"/first", "/second", "/third", "/fourth"}; !slices.Equal(order, want) {
		t.Errorf("worked on %v, want %v (in the order they came, without the one that gave up)", order, want)
	}
}

// TestAdmitReports checks that reports queue for their own places, half as
// many as the pages', and that pages go past them.
func TestAdmitReports(t *testing.T) {
	release := make(chan struct{})
	started := make(chan string, 3)
	h := admit(2, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- r.URL.Path
		if r.URL.Path == "/reports/2014-15" {
			<-release
		}
	}))
	serve := func(path string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
	}
	var wg sync.WaitGroup
	wg.Go(func() { serve("/reports/2014-15") })
	if got := <-started; got != "/reports/2014-15" {
		t.Fatalf("started %s", got)
	}
	// next is the next request to start, or "" if none does in time.
	next := func(wait time.Duration) string {
		select {
		case got := <-started:
			return got
		case <-time.After(wait):
			return ""
		}
	}
	wg.Go(func() { serve("/reports/2015-16.pdf") })
	wg.Go(func() { serve("/cases") })
	if got := next(5 * time.Second); got != "/cases" {
		t.Errorf("while the one report place was taken, %q started; want the page", got)
	}
	if got := next(100 * time.Millisecond); got != "" {
		t.Errorf("%s started while the report place was taken", got)
	}
	close(release)
	if got := next(5 * time.Second); got != "/reports/2015-16.pdf" {
		t.Errorf("after the first report, %q started; want the second", got)
	}
	wg.Wait()
}
