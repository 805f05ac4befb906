// Package csvcell keeps the cells of a CSV file Heed writes from being read
// as formulas by a spreadsheet, and reads them back as they were.
//
// A spreadsheet such as Excel or LibreOffice Calc runs a cell that begins
// with =, +, - or @ (and, in some, a tab or a carriage return) as a
// formula: a theme named =HYPERLINK("http://x","y") becomes a link in
// whoever opens the report. Escape writes such a cell with a single quote
// in front, which a spreadsheet shows as text; Unescape takes that quote
// away again, so that heed import reads an exported file back exactly.
// A plain number (-5, +3.2, -0.5) is left as it is, so that figures stay
// numbers.
package csvcell

// Escape returns s as it is safe to write in a CSV cell: with a single
// quote in front when it begins with =, +, -, @, a tab, a carriage return
// or a single quote (the last so that Unescape can tell the quotes it adds
// from a quote of the text), unless it is a plain number.
func Escape(s string) string {
	if needsQuote(s) {
		return "'" + s
	}
	return s
}

// Unescape returns the text of a cell Escape wrote: it removes the one
// leading single quote Escape added, and leaves every other cell as it is
// (a cell "'Hello", which Escape would not have written, keeps its quote).
// Unescape(Escape(s)) == s for every s.
func Unescape(s string) string {
	if len(s) > 1 && s[0] == '\'' && needsQuote(s[1:]) {
		return s[1:]
	}
	return s
}

// needsQuote reports whether Escape puts a quote in front of s.
func needsQuote(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@', '\t', '\r', '\'':
		return true
	case '+', '-':
		return !isNumber(s)
	}
	return false
}

// isNumber reports whether s is a plain decimal number: an optional sign,
// digits with at most one decimal point (at least one digit in all), and
// an optional exponent such as e-3. A spreadsheet reads such a cell as the
// number, never as a formula.
func isNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for ; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
