package web

import (
	"net/url"
	"strconv"
)

// pager is one page of a long list: which rows it shows, and the links to
// the pages either side, which keep the list's other query parameters.
// The template "pagination" in layout.html shows its links.
type pager struct {
	Number   int  // this page, from 1
	Size     int  // rows a page
	Total    int  // rows in all, at most the most counted
	More     bool // there are more rows than Total
	From, To int  // the rows shown, from 1; both 0 when none are
	PrevURL  string
	NextURL  string

	path     string
	query    url.Values
	param    string // the query parameter of the page number: "page"
	fragment string // added to the links, such as "#queue"; "" for none
}

// newPager reads the page asked for from the query's "page": 1 when it is
// missing or not a page number. Its links go to path with the rest of the
// query kept.
func newPager(path string, q url.Values, size int) pager {
	return newPagerOf(path, q, size, "page", "")
}

// newPagerOf is newPager for one of several lists on a page: its page
// number is the query's param, and its links end with fragment (such as
// "#queue", the list's heading).
func newPagerOf(path string, q url.Values, size int, param, fragment string) pager {
	n, err := strconv.Atoi(q.Get(param))
	if err != nil || n < 1 {
		n = 1
	}
	return pager{Number: n, Size: size, path: path, query: q, param: param, fragment: fragment}
}

// Offset is how many rows come before this page.
func (p *pager) Offset() int { return (p.Number - 1) * p.Size }

// count records how many rows the page shows and how many there are in
// all, and sets the links. When most is above 0 it is the most the store
// counts: a larger total is shown as more than most.
func (p *pager) count(rows, total, most int) {
	p.Total, p.More = total, false
	if most > 0 && total > most {
		p.Total, p.More = most, true
	}
	p.From, p.To = 0, 0
	if rows > 0 {
		p.From, p.To = p.Offset()+1, p.Offset()+rows
	}
	p.PrevURL, p.NextURL = "", ""
	if p.Number > 1 {
		p.PrevURL = p.link(p.Number - 1)
	}
	if p.Offset()+rows < p.Total {
		p.NextURL = p.link(p.Number + 1)
	}
}

// link is the address of page n: the query with its page replaced, and
// without one for the first page.
func (p *pager) link(n int) string {
	v := cloneValues(p.query)
	v.Del(p.param)
	if n > 1 {
		v.Set(p.param, strconv.Itoa(n))
	}
	if len(v) == 0 {
		return p.path + p.fragment
	}
	return p.path + "?" + v.Encode() + p.fragment
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
