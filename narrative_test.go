package heed

import (
	"reflect"
	"testing"
)

// TestNarrativeParagraphs: a section's text is split into paragraphs at
// blank lines, whatever the line endings; a paragraph's lines are joined.
func TestNarrativeParagraphs(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  \n \n", nil},
		{"One line.", []string{"One line."}},
		{"First\nparagraph.\n\nSecond.", []string{"First paragraph.", "Second."}},
		{"A.\r\n\r\n\r\nB.\r\n", []string{"A.", "B."}},
		{"A.\n  \t\nB.", []string{"A.", "B."}},
	}
	for _, tt := range tests {
		if got := (NarrativeSection{Text: tt.text}).Paragraphs(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestValidNarrativePeriod: a report period is a financial year whose two
// years follow each other, or a quarter.
func TestValidNarrativePeriod(t *testing.T) {
	for period, want := range map[string]bool{"2026-27": true, "1999-00": true, "2026Q1": true, "2026Q4": true,
		"2026-28": false, "2026Q5": false, "2026": false, "": false, "2026-27x": false} {
		if got := ValidNarrativePeriod(period); got != want {
			t.Errorf("%q: %v, want %v", period, got, want)
		}
	}
}

// TestNarrativeValidate: headings are needed, short and each different;
// texts are of readable length; a report has at most 20 sections.
func TestNarrativeValidate(t *testing.T) {
	long := make([]byte, MaxNarrativeHeading+1)
	for i := range long {
		long[i] = 'a'
	}
	many := make([]NarrativeSection, MaxNarrativeSections+1)
	for i := range many {
		many[i].Heading = string(rune('A' + i))
	}
	tests := []struct {
		name     string
		sections []NarrativeSection
		want     []string
	}{
		{"the defaults", DefaultNarrativeSections(), nil},
		{"no heading", []NarrativeSection{{Heading: "  ", Text: "x"}}, []string{"section1_heading"}},
		{"a long heading", []NarrativeSection{{Heading: string(long)}}, []string{"section1_heading"}},
		{"the same heading", []NarrativeSection{{Heading: "Notes"}, {Heading: " notes "}}, []string{"section2_heading"}},
		{"too many", many, []string{"sections"}},
	}
	for _, tt := range tests {
		n := &Narrative{Period: "2026-27", Sections: tt.sections}
		var got []string
		for _, e := range n.Validate() {
			got = append(got, e.Field)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
