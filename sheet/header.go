package sheet

import (
	"fmt"
	"strings"

	"github.com/heedhq/heed"
)

// required are the columns every file must have.
var required = []string{"reference", "type", "received"}

// header maps each column position to its field key ("" to ignore it).
type header struct {
	keys    []string
	written []string          // the header as written in the file
	column  map[string]string // each field key to its column as written
	ignored []string          // headers that are not Heed columns
}

// Column returns the field's column as the file's header writes it, or the
// field key when the file has no such column.
func (h *header) Column(field string) string {
	if c := h.column[field]; c != "" {
		return c
	}
	return field
}

func normalizeHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

// read takes the header row, and returns its problems: a column twice, a
// required column missing (with the nearest header found, when one is
// close), or no Heed column at all.
func (h *header) read(cells []string) heed.Problems {
	cells = append([]string(nil), cells...) // the reader reuses its slice
	*h = header{keys: make([]string, len(cells)), written: cells, column: map[string]string{}}
	var problems heed.Problems
	for i, c := range cells {
		key := normalizeHeader(c)
		switch {
		case key == "":
			continue
		case !heed.KnownField(key):
			h.ignored = append(h.ignored, strings.TrimSpace(c))
			continue
		case h.column[key] != "":
			problems = append(problems, heed.Problem{Row: 1, Column: c, Message: "this column appears twice in the header"})
			continue
		}
		h.keys[i] = key
		h.column[key] = strings.TrimSpace(c)
	}
	if len(h.column) == 0 {
		found := "no headers"
		if len(h.ignored) > 0 {
			found = "the headers " + quoteList(h.ignored)
		}
		return heed.Problems{{Row: 1, Message: fmt.Sprintf("none of the columns is a Heed column: the first row has %s. "+
			"The first row must name Heed's columns, such as %s (see the README's import format)%s",
			found, strings.Join(required, ", "), suggestions(h.ignored))}}
	}
	for _, req := range required {
		if h.column[req] != "" {
			continue
		}
		msg := "this required column is missing from the header row (reference, type and received are required)"
		if near := nearest(req, h.ignored); near != "" {
			msg += fmt.Sprintf(`: did you mean "%s" for %s?`, near, req)
		}
		problems = append(problems, heed.Problem{Row: 1, Column: req, Message: msg})
	}
	return problems
}

// suggestions names, for each header that is close to a Heed column, the
// column it may mean.
func suggestions(headers []string) string {
	var s []string
	for _, h := range headers {
		if key := nearestKey(h); key != "" {
			s = append(s, fmt.Sprintf(`"%s" may be %s`, h, key))
		}
	}
	if len(s) == 0 {
		return ""
	}
	return "; " + strings.Join(s, ", ")
}

// nearestKey is the Heed column nearest to header, when one is near.
func nearestKey(header string) string {
	h := normalizeHeader(header)
	best, bestDist := "", 3
	for _, key := range heed.Columns {
		if d := distance(h, key); d < bestDist {
			best, bestDist = key, d
		}
	}
	return best
}

// nearest is the header among headers nearest to key, when one is near.
func nearest(key string, headers []string) string {
	best, bestDist := "", 3
	for _, h := range headers {
		if d := distance(normalizeHeader(h), key); d < bestDist {
			best, bestDist = h, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func quoteList(s []string) string {
	const most = 10
	q := make([]string, 0, most)
	for i, v := range s {
		if i == most {
			q = append(q, fmt.Sprintf("and %d more", len(s)-most))
			break
		}
		q = append(q, `"`+v+`"`)
	}
	return strings.Join(q, ", ")
}
