package web

import (
	"net/url"
	"reflect"
	"testing"
)

func TestPager(t *testing.T) {
	tests := []struct {
		name              string
		query             string
		rows, total, most int
		want              pager
	}{
		{"no page asked for", "q=marsh", 25, 30, 0,
			pager{Number: 1, Total: 30, From: 1, To: 25, NextURL: "/cases?page=2&q=marsh"}},
		{"the last page", "q=marsh&page=2", 5, 30, 0,
			pager{Number: 2, Total: 30, From: 26, To: 30, PrevURL: "/cases?q=marsh"}},
		{"a middle page keeps every parameter", "type=complaint&page=3&overdue=&q=a+b", 25, 100, 0,
			pager{Number: 3, Total: 100, From: 51, To: 75,
				PrevURL: "/cases?overdue=&page=2&q=a+b&type=complaint", NextURL: "/cases?overdue=&page=4&q=a+b&type=complaint"}},
		{"back to the first page with nothing else", "page=2", 1, 26, 0,
			pager{Number: 2, Total: 26, From: 26, To: 26, PrevURL: "/cases"}},
		{"not a page number", "page=two", 3, 3, 0, pager{Number: 1, Total: 3, From: 1, To: 3}},
		{"page 0", "page=0", 3, 3, 0, pager{Number: 1, Total: 3, From: 1, To: 3}},
		{"nothing found", "q=nobody", 0, 0, 0, pager{Number: 1}},
		{"past the end", "page=9", 0, 30, 0, pager{Number: 9, Total: 30, PrevURL: "/cases?page=8"}},
		{"more than counted", "", 25, 10_001, 10_000,
			pager{Number: 1, Total: 10_000, More: true, From: 1, To: 25, NextURL: "/cases?page=2"}},
		{"the last page counted", "page=400", 25, 10_001, 10_000,
			pager{Number: 400, Total: 10_000, More: true, From: 9_976, To: 10_000, PrevURL: "/cases?page=399"}},
		{"exactly the most counted", "", 25, 10_000, 10_000,
			pager{Number: 1, Total: 10_000, From: 1, To: 25, NextURL: "/cases?page=2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			before := q.Encode()
			p := newPager("/cases", q, 25)
			if got, want := p.Offset(), (tt.want.Number-1)*25; got != want {
				t.Errorf("offset %d, want %d", got, want)
			}
			p.count(tt.rows, tt.total, tt.most)
			got := p
			got.Size, got.path, got.query, got.param = 0, "", nil, ""
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
			if q.Encode() != before {
				t.Errorf("the query was changed to %q", q.Encode())
			}
		})
	}
}

// TestPagerOfOneListAmongOthers keeps the other list's page and its own
// fragment in its links, and reads its own page number.
func TestPagerOfOneListAmongOthers(t *testing.T) {
	q, _ := url.ParseQuery("page=3&queue-page=2&sort=area")
	p := newPagerOf("/", q, 25, "queue-page", "#queue")
	if p.Number != 2 {
		t.Fatalf("page %d, want 2", p.Number)
	}
	p.count(25, 80, 0)
	if p.PrevURL != "/?page=3&sort=area#queue" || p.NextURL != "/?page=3&queue-page=3&sort=area#queue" {
		t.Errorf("links %q and %q", p.PrevURL, p.NextURL)
	}
}

// TestSortHeaders links each column to the list sorted by it, the other
// way round when it is sorted by it already, back on the first page.
func TestSortHeaders(t *testing.T) {
	q, _ := url.ParseQuery("sort=received&order=asc&page=4&type=complaint")
	s := casesSort(q)
	if s.Key != "received" || s.Desc {
		t.Fatalf("read %+v", s)
	}
	tests := []struct{ key, href, aria string }{
		{"received", "/cases?order=desc&sort=received&type=complaint", "ascending"},
		{"reference", "/cases?order=asc&sort=reference&type=complaint", "none"},
	}
	for _, tt := range tests {
		if h := s.Header(tt.key); h.Href != tt.href || h.AriaSort != tt.aria {
			t.Errorf("%s: %+v, want %s %s", tt.key, h, tt.href, tt.aria)
		}
	}
	if s := casesSort(url.Values{"sort": {"nonsense"}}); s.Key != "received" || !s.Desc {
		t.Errorf("an unknown sort: %+v", s)
	}
	if h := casesSort(url.Values{}).Header("received"); h.Href != "/cases?order=asc&sort=received" || h.AriaSort != "descending" {
		t.Errorf("the default, newest first: %+v", h)
	}
}
