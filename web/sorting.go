package web

import (
	"net/url"

	"github.com/heedhq/heed"
)

// sortColumn is a column a list can be sorted by.
type sortColumn struct {
	Key  heed.SortKey
	Desc bool // the direction a first click sorts it in
}

// listSort is how a list is sorted, read from the query's "sort" and
// "order", and the links of its column headers.
type listSort struct {
	Key  heed.SortKey
	Desc bool

	path     string
	query    url.Values
	columns  []sortColumn
	fragment string
}

// readSort reads the sort a list's query asks for: one of columns, or the
// first of them in its own direction when the query names none (or one the
// list does not offer).
func readSort(path string, q url.Values, fragment string, columns ...sortColumn) listSort {
	s := listSort{Key: columns[0].Key, Desc: columns[0].Desc, path: path, query: q, columns: columns, fragment: fragment}
	for _, c := range columns {
		if string(c.Key) == q.Get("sort") {
			s.Key, s.Desc = c.Key, c.Desc
			switch q.Get("order") {
			case "asc":
				s.Desc = false
			case "desc":
				s.Desc = true
			}
		}
	}
	return s
}

// sortHeader is a column header of a sortable table: a link that sorts the
// list by it (the other way round when it is already sorted by it), and the
// header's aria-sort.
type sortHeader struct {
	Href     string
	AriaSort string // "ascending", "descending" or "none"
}

// Header returns the header of the column key: a link that works without
// JavaScript, going back to the list's first page.
func (s listSort) Header(key string) sortHeader {
	h := sortHeader{AriaSort: "none"}
	desc := false
	for _, c := range s.columns {
		if string(c.Key) == key {
			desc = c.Desc
		}
	}
	if string(s.Key) == key {
		h.AriaSort = "ascending"
		if s.Desc {
			h.AriaSort = "descending"
		}
		desc = !s.Desc
	}
	v := cloneValues(s.query)
	for _, p := range []string{"page", "queue-page"} {
		v.Del(p)
	}
	v.Set("sort", key)
	v.Set("order", "asc")
	if desc {
		v.Set("order", "desc")
	}
	h.Href = s.path + "?" + v.Encode() + s.fragment
	return h
}
