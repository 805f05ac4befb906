package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/heedhq/heed/report"
)

// maxSheetName is the longest name Excel gives a worksheet, in characters
// (UTF-16 code units, as Excel counts them).
const maxSheetName = 31

// sheetNames names the workbook's sheets: Summary, then each table's by its
// title, then Lessons when the report lists lessons. A title longer than
// Excel allows is cut, at a word where that keeps most of it, and ends with
// "…"; a name that another sheet already has (Excel ignores case) gets
// " (2)", " (3)" and so on. A name never holds a character Excel forbids
// ([ ] : * ? / \), and never begins or ends with an apostrophe.
func sheetNames(r *report.Report) (summary string, tables []string, lessons string) {
	taken := map[string]bool{}
	summary = uniqueSheetName("Summary", taken)
	for _, t := range r.Tables {
		tables = append(tables, uniqueSheetName(t.Title, taken))
	}
	if len(r.Lessons) > 0 {
		lessons = uniqueSheetName("Lessons learnt", taken)
	}
	return summary, tables, lessons
}

// uniqueSheetName is title as a sheet name that is not yet taken, which it
// then takes.
func uniqueSheetName(title string, taken map[string]bool) string {
	title = sheetText(title)
	if strings.EqualFold(title, "History") { // Excel keeps the name for itself
		title += " (table)"
	}
	name := cutSheetName(title, maxSheetName)
	for n := 2; taken[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		name = cutSheetName(title, maxSheetName-len(suffix)) + suffix
	}
	taken[strings.ToLower(name)] = true
	return name
}

// sheetText is s without the characters a sheet name may not hold: a
// slash or colon becomes a hyphen, and brackets, asterisks, question marks
// and control characters go; spaces are collapsed, and apostrophes at the
// ends dropped.
func sheetText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':':
			return '-'
		case r == '[' || r == ']' || r == '*' || r == '?' || unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, "' ")
	if s == "" {
		s = "Table"
	}
	return s
}

// cutSheetName returns s when it is at most room characters long, or else s
// cut to fit with "…" at its end: at the last word that fits when that
// keeps at least two thirds of the room, else within a word.
func cutSheetName(s string, room int) string {
	if utf16Len(s) <= room {
		return s
	}
	room-- // for "…"
	cut, lastSpace, used := 0, -1, 0
	for i, r := range s {
		if used+utf16.RuneLen(r) > room {
			break
		}
		used += utf16.RuneLen(r)
		cut = i + len(string(r))
		if r == ' ' {
			lastSpace = i
		}
	}
	if cut < len(s) && s[cut] == ' ' {
		lastSpace = cut // the words that fit end there
	}
	if lastSpace >= 0 && utf16Len(s[:lastSpace]) >= room*2/3 {
		cut = lastSpace
	}
	return strings.TrimRight(s[:cut], " ,;.-'") + "…"
}
