package heed

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/cases"
)

func TestCleanName(t *testing.T) {
	tests := []struct {
		in, want string
		bad      bool
	}{
		{in: "Children's Social Care", want: "Children's Social Care"},
		{in: "  Children's   Social Care ", want: "Children's Social Care"},
		{in: "Children's\u00a0Social Care", want: "Children's Social Care"},
		{in: "Children's\tSocial\r\nCare", want: "Children's Social Care"},
		{in: "Edu\u200bcation", want: "Education"},
		{in: "\ufeffEducation\u00ad", want: "Education"},
		{in: "Cafe\u0301", want: "Café"}, // NFD to NFC
		{in: "", want: ""},
		{in: "Zeta\u001fHousing", bad: true},
		{in: "Zeta\x00", bad: true},
		{in: "Zeta\x7f", bad: true},
		{in: "Zeta\u0085x", want: "Zeta x"},
		{in: "bad \xff byte", bad: true},
	}
	for _, tt := range tests {
		got, err := CleanName(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("CleanName(%q) error = %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameKeys(t *testing.T) {
	same := [][2]string{
		{"children's social care", "Children's Social Care"},
		{"Children's\u00a0Social Care", "Children's Social Care"},
		{"Edu\u200bcation", "EDUCATION"},
		{"dc-1", "DC-1"},
		{"Straße", "STRASSE"},
	}
	for _, p := range same {
		if NameKey(p[0]) != NameKey(p[1]) {
			t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: want the same", p[0], NameKey(p[0]), p[1], NameKey(p[1]))
		}
	}
	alike := [][2]string{
		{"Children’s Social Care", "Children's Social Care"},
		{"Childrens Social Care", "Children's Social Care"},
		{"Émergency Planning", "emergency planning"},
		{"Adult Social-Care", "Adult Social Care"},
	}
	for _, p := range alike {
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("NameKey(%q) = NameKey(%q): they should be different names", p[0], p[1])
		}
		if LookalikeKey(p[0]) != LookalikeKey(p[1]) {
			t.Errorf("LookalikeKey(%q) = %q, LookalikeKey(%q) = %q: want the same", p[0], LookalikeKey(p[0]), p[1], LookalikeKey(p[1]))
		}
	}
	if LookalikeKey("Education") == LookalikeKey("Environment") {
		t.Error("Education and Environment should not look alike")
	}
}

func TestSortNames(t *testing.T) {
	got := []string{"Zebra Crossings", "Émergency Planning", "ageing well", "Adult Social Care", "adult social care", "Émergency planning"}
	SortNames(got)
	want := []string{"Adult Social Care", "adult social care", "ageing well", "Émergency Planning", "Émergency planning", "Zebra Crossings"}
	if !slices.Equal(got, want) {
		t.Errorf("SortNames = %q,\nwant %q", got, want)
	}
}

// TestNameKeyASCII: the quick way NameKey takes for ASCII gives what case
// folding gives.
func TestNameKeyASCII(t *testing.T) {
	f := cases.Fold()
	for r := rune(0x20); r < 0x7f; r++ {
		s := "a" + string(r) + "Z"
		if got, want := NameKey(s), f.String(strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("NameKey(%q) = %q, folding gives %q", s, got, want)
		}
	}
}

// TestCleanASCII: every string the quick way takes as clean is one the
// full rules leave as it is, and the quick way takes the plain names.
func TestCleanASCII(t *testing.T) {
	alphabet := []string{"a", "Z", " ", "\t", "\x1f", "\x7f", "'", "\u00a0", "\u200b"}
	var each func(prefix string, n int)
	each = func(s string, n int) {
		if cleanASCII(s) {
			valid, control := TextFault(s)
			if !valid || control >= 0 || !isClean(s) {
				t.Errorf("cleanASCII(%q) = true, but the full rules change or refuse it", s)
			}
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			each(s+c, n-1)
		}
	}
	each("", 4)
	for _, s := range []string{"Children's Social Care", "DC-2026-000123", "a b"} {
		if !cleanASCII(s) {
			t.Errorf("cleanASCII(%q) = false, want true", s)
		}
	}
}
