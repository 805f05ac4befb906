package heed

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Names (of service areas, teams, themes, people) and references are
// compared one way everywhere: by NameKey, the name cleaned and case-folded.
// The store keeps that key beside each name, so that SQLite and PostgreSQL
// agree on which two names are the same, and lists sort names by
// CompareNames, as a person would, not by their bytes.

// CleanName returns a name or reference in its one written form: Unicode
// NFC, invisible formatting characters (a zero-width space, a soft hyphen,
// a byte order mark) removed, every run of white space (a non-breaking
// space, a tab or a line break too) one ordinary space, and no space at
// either end. A name that is not UTF-8 or holds any other control character
// (NUL, U+001F) is refused: such characters have no place in a name, and a
// person cannot see them to correct them.
func CleanName(s string) (string, error) {
	if cleanASCII(s) {
		return s, nil // the common case, in one pass over the bytes
	}
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("is not readable text: save the file as UTF-8 and try again")
	}
	if i := strings.IndexFunc(s, isHiddenControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return "", fmt.Errorf("holds a control character (%U), which a name cannot contain", r)
	}
	if isClean(s) {
		return s, nil // most names are already clean: no allocation
	}
	var b strings.Builder
	space := false
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.Is(unicode.Cf, r):
			// invisible: dropped
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}

// cleanASCII reports whether s is printable ASCII with no space at either
// end and none doubled: clean as it is.
func cleanASCII(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f || (c == ' ' && s[i-1] == ' ') {
			return false
		}
	}
	return true
}

// isHiddenControl reports whether r is a control character that is not
// white space.
func isHiddenControl(r rune) bool { return unicode.IsControl(r) && !unicode.IsSpace(r) }

// isClean reports whether s, valid UTF-8 with no control character, is
// already in the form CleanName gives.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for _, r := range s {
		if r >= utf8.RuneSelf {
			if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
				return false
			}
			prevSpace = false
			continue
		}
		if r != ' ' && unicode.IsSpace(r) {
			return false
		}
		if r == ' ' {
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		}
		prevSpace = false
	}
	return norm.NFC.IsNormalString(s)
}

// fold is the case folding NameKey uses; a cases.Caser is not safe for
// concurrent use, so each call takes one from the pool.
var folders = sync.Pool{New: func() any { return cases.Fold() }}

// NameKey is the form in which two names or references are the same name:
// cleaned (see CleanName; a name CleanName refuses is used as it is) and
// case-folded, so that "children's social care" and "Children's Social
// Care" are one service area, and DC-1 and dc-1 one reference.
func NameKey(s string) string {
	if c, err := CleanName(s); err == nil {
		s = c
	}
	if ascii(s) {
		return strings.ToLower(s) // what folding gives for ASCII, much faster
	}
	f := folders.Get().(cases.Caser)
	defer folders.Put(f)
	return f.String(s)
}

// ascii reports whether s is ASCII alone.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// LookalikeKey is the form in which two names only look alike: NameKey's
// with accents, punctuation and spaces left out, so that "Children’s Social
// Care" (a curly apostrophe), "Childrens Social Care" and "Children's
// Social Care" look alike. Names that look alike but are not the same name
// are a likely typing mistake, which an import refuses unless told they are
// new names.
func LookalikeKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(NameKey(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// collators order names; a collate.Collator is not safe for concurrent use.
var collators = sync.Pool{New: func() any {
	return collate.New(language.BritishEnglish, collate.IgnoreCase, collate.Loose)
}}

// CompareNames orders two names as a person would read them in a list: by
// letter, ignoring case and accents ("ageing well", "Émergency Planning",
// "Zebra Crossings"), then, for names that differ only in those, by their
// text, so that the order is always the same. It returns -1, 0 or +1.
func CompareNames(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	if n := c.CompareString(a, b); n != 0 {
		return n
	}
	return strings.Compare(a, b)
}

// SortNames sorts names in place as CompareNames orders them.
func SortNames(names []string) { slices.SortFunc(names, CompareNames) }
