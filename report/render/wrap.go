package render

import (
	"strings"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
)

// newMeasure returns the width of a text set in Helvetica (Arial's
// metrics) at size points, in points: at a size in pixels, the width in
// pixels. The HTML charts and the PDF both measure their labels with it.
func newMeasure(size float64) func(string) float64 {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetFont("Helvetica", "", size)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	return func(s string) float64 { return pdf.GetStringWidth(tr(s)) }
}

// wrap breaks text into lines no wider than width, at spaces, and within a
// word only when the word alone is wider than a line.
func wrap(text string, width float64, measure func(string) float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if measure(try) <= width {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for measure(word) > width {
			cut := len(word)
			for cut > 0 && measure(word[:cut]) > width {
				_, size := utf8.DecodeLastRuneInString(word[:cut])
				cut -= size
			}
			if cut == 0 {
				_, cut = utf8.DecodeRuneInString(word)
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
