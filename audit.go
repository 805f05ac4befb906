package heed

import "sort"

func sortChanges(c []Change) {
	sort.Slice(c, func(i, j int) bool { return c[i].Field < c[j].Field })
}
