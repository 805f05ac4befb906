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
			got.Size, got.path, got.query = 0, "", nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
			if q.Encode() != before {
				t.Errorf("the query was changed to %q", q.Encode())
			}
		})
	}
}
