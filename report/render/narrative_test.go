package render

import (
	"bytes"
	"strings"
	"testing"
)

// TestNarrativeAroundTheTables: the officers' text is printed as a
// committee paper sets it: the introduction before the summary and the
// tables, the conclusions and recommendations after the last table and
// before the notes, in the HTML and the PDF alike; a section without text
// is left out, and the JSON's figures never carry the text.
func TestNarrativeAroundTheTables(t *testing.T) {
	r := small(false)
	var html bytes.Buffer
	if err := HTML(&html, r); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, page := range pdfPages(t, r) {
		all = append(all, page...)
	}
	pdf := strings.Join(all, "\n")
	for name, text := range map[string]string{"HTML": html.String(), "PDF": pdf} {
		order := []string{"Introduction", "It goes to the Corporate Committee.", "Summary", "Lessons learnt",
			"Conclusions", "Fewer complaints were upheld", "Recommendations", "The committee is asked to note", "How the figures are counted"}
		at := 0
		for _, want := range order {
			i := strings.Index(text[at:], want)
			if i < 0 {
				t.Errorf("%s: %q is missing, or out of order after %q", name, want, text[max(at-40, 0):at])
				break
			}
			at += i + len(want)
		}
		if strings.Contains(text, "Not yet written") {
			t.Errorf("%s prints a section without text", name)
		}
	}
	var js bytes.Buffer
	if err := JSON(&js, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js.String(), "Corporate Committee") || strings.Contains(js.String(), "The committee is asked to note") {
		t.Error("the JSON carries the report's text")
	}
}
