package heed

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A report that goes to a committee is more than its tables: it opens with
// an introduction and closes with the council's conclusions and
// recommendations. Officers write that text for each report period, and it
// is printed with the figures in the HTML, PDF and DOCX renderings (never in
// the JSON's figures).

// NarrativeSection is one titled section of a report's text.
type NarrativeSection struct {
	Heading string
	// Text is the section's text; a blank line starts a new paragraph.
	Text string
	// BeforeFigures places the section before the report's tables (an
	// introduction); otherwise it follows them (conclusions,
	// recommendations).
	BeforeFigures bool
}

// Paragraphs splits the text into its paragraphs, at blank lines; the lines
// of one paragraph are joined by spaces.
func (s NarrativeSection) Paragraphs() []string {
	var out []string
	for _, p := range blankLines.Split(strings.ReplaceAll(s.Text, "\r\n", "\n"), -1) {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n`)

// Narrative is the text officers write for one report period, as an ordered
// list of sections.
type Narrative struct {
	// Period is the report period's slug: "2026-27" for a financial year,
	// "2026Q3" for one of its quarters.
	Period   string
	Sections []NarrativeSection

	Version   int // 0 before it is first saved
	UpdatedBy string
	UpdatedAt time.Time
}

// The limits of a narrative.
const (
	MaxNarrativeSections = 20
	MaxNarrativeHeading  = 120
	MaxNarrativeText     = 20000
)

// DefaultNarrativeSections are the sections a period's text starts with,
// all empty: an introduction before the tables, conclusions and
// recommendations after them.
func DefaultNarrativeSections() []NarrativeSection {
	return []NarrativeSection{
		{Heading: "Introduction", BeforeFigures: true},
		{Heading: "Conclusions"},
		{Heading: "Recommendations"},
	}
}

// NewNarrative returns the period's text before anything is saved: the
// default sections, empty.
func NewNarrative(period string) *Narrative {
	return &Narrative{Period: period, Sections: DefaultNarrativeSections()}
}

var narrativePeriod = regexp.MustCompile(`^(\d{4})-(\d{2})$|^\d{4}Q[1-4]$`)

// ValidNarrativePeriod reports whether period names a report period: a
// financial year "2026-27" or a quarter "2026Q3".
func ValidNarrativePeriod(period string) bool {
	m := narrativePeriod.FindStringSubmatch(period)
	if m == nil {
		return false
	}
	if m[1] == "" {
		return true
	}
	year, _ := strconv.Atoi(m[1])
	end, _ := strconv.Atoi(m[2])
	return (year+1)%100 == end
}

// Written reports whether any section has text.
func (n *Narrative) Written() bool {
	for _, s := range n.Sections {
		if strings.TrimSpace(s.Text) != "" {
			return true
		}
	}
	return false
}

// Fields flattens the narrative for its history, as Record.Fields does a
// record: "section1_heading", "section1_text", "section1_place".
func (n *Narrative) Fields() map[string]string {
	f := map[string]string{}
	for i, s := range n.Sections {
		key := fmt.Sprintf("section%d_", i+1)
		f[key+"heading"] = s.Heading
		if s.Text != "" {
			f[key+"text"] = s.Text
		}
		f[key+"place"] = "after the tables"
		if s.BeforeFigures {
			f[key+"place"] = "before the tables"
		}
	}
	return f
}

// Validate checks the narrative: a known period, at most
// MaxNarrativeSections sections, each with a heading of its own and texts
// of readable length. Fields are named "section1_heading", "section2_text".
func (n *Narrative) Validate() FieldErrors {
	var errs FieldErrors
	if !ValidNarrativePeriod(n.Period) {
		errs = append(errs, FieldError{Field: "period", Message: fmt.Sprintf("%q is not a report period: expected a financial year such as 2026-27 or a quarter such as 2026Q3", n.Period)})
	}
	if len(n.Sections) > MaxNarrativeSections {
		errs = append(errs, FieldError{Field: "sections", Message: fmt.Sprintf("A report can have at most %d sections: remove one before adding another", MaxNarrativeSections)})
	}
	seen := map[string]int{}
	for i, s := range n.Sections {
		key := fmt.Sprintf("section%d_", i+1)
		heading := strings.TrimSpace(s.Heading)
		switch {
		case heading == "":
			errs = append(errs, FieldError{Field: key + "heading", Message: fmt.Sprintf("Enter a heading for section %d", i+1)})
		case utf8.RuneCountInString(heading) > MaxNarrativeHeading:
			errs = append(errs, FieldError{Field: key + "heading", Message: fmt.Sprintf("The heading of section %d must be %d characters or fewer", i+1, MaxNarrativeHeading)})
		case seen[strings.ToLower(heading)] > 0:
			errs = append(errs, FieldError{Field: key + "heading", Message: fmt.Sprintf("Section %d has the same heading as section %d: give each section its own heading", i+1, seen[strings.ToLower(heading)])})
		default:
			seen[strings.ToLower(heading)] = i + 1
		}
		if utf8.RuneCountInString(s.Text) > MaxNarrativeText {
			errs = append(errs, FieldError{Field: key + "text", Message: fmt.Sprintf("The text of section %d must be %d characters or fewer", i+1, MaxNarrativeText)})
		}
	}
	return errs
}

// NarrativeService keeps the reports' texts.
type NarrativeService interface {
	// Narrative returns the period's text: NewNarrative's (Version 0) when
	// none was saved.
	Narrative(ctx context.Context, period string) (*Narrative, error)
	// SaveNarrative validates and saves the text, whose Version must be the
	// one read (ECONFLICT otherwise), and records the changes.
	SaveNarrative(ctx context.Context, by Actor, n *Narrative) error
}
