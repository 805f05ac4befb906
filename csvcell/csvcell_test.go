package csvcell

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Housing", "Housing"},
		{"Children's Social Care", "Children's Social Care"},
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"@SUM(1)", "'@SUM(1)"},
		{"+1+2", "'+1+2"},
		{"-2+3", "'-2+3"},
		{"-", "'-"},
		{"+", "'+"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"\tTab", "'\tTab"},
		{"\rReturn", "'\rReturn"},
		{"'quoted", "''quoted"},
		{"'", "''"},
		{"-5", "-5"},
		{"+3.2", "+3.2"},
		{"-0.5", "-0.5"},
		{"-.5", "-.5"},
		{"-1e5", "-1e5"},
		{"-1e", "'-1e"},
		{"-1.2.3", "'-1.2.3"},
		{"-.", "'-."},
		{"12", "12"},
		{"3.5", "3.5"},
		{"a=b", "a=b"},
		{" =1+1", " =1+1"},
	} {
		got := Escape(c.in)
		if got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
		if back := Unescape(got); back != c.in {
			t.Errorf("Unescape(%q) = %q, want %q", got, back, c.in)
		}
	}
}

func TestUnescapeLeavesOtherQuotes(t *testing.T) {
	// Cells Escape would not have written keep their quote: a file made
	// by hand with a quote in front of ordinary text is read as it is.
	for _, s := range []string{"'Hello", "'5", "'-5", "'", "Rock 'n' roll"} {
		if got := Unescape(s); got != s {
			t.Errorf("Unescape(%q) = %q, want it unchanged", s, got)
		}
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"", "Housing", `=HYPERLINK("http://x","y")`, "@SUM(1)", "-5", "+3.2", "-0.5",
		"-2+3", "'", "''=1", "'-5", "\t", "\r\n", "-1e5", "-1e", "é", "\x00=", "=\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Escape(s)
		if got := Unescape(e); got != s {
			t.Fatalf("Unescape(Escape(%q)) = %q", s, got)
		}
		if e != s && e != "'"+s {
			t.Fatalf("Escape(%q) = %q: more than one quote added", s, e)
		}
		if e != "" && strings.ContainsRune("=+-@\t\r", rune(e[0])) && !isNumber(e) {
			t.Fatalf("Escape(%q) = %q still begins with %q", s, e, e[0])
		}
	})
}
