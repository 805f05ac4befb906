package report

import (
	"fmt"

	"github.com/heedhq/heed"
)

// Narrative is a report's written text, as a committee paper sets it
// around the figures: sections before the tables (an introduction) and
// sections after them (conclusions, recommendations). It is a plain list of
// titled sections so that any report (the annual report, the Complaint
// Handling Code's report) can carry one; it is never part of the JSON's
// figures.
type Narrative struct {
	Before []Section
	After  []Section
}

// Section is one titled section of text.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Empty reports whether the narrative has no section.
func (n Narrative) Empty() bool { return len(n.Before) == 0 && len(n.After) == 0 }

// NarrativeOf is the report's text from what officers wrote: their
// sections in order, those without text left out.
func NarrativeOf(n *heed.Narrative) Narrative {
	var out Narrative
	if n == nil {
		return out
	}
	for _, s := range n.Sections {
		paras := s.Paragraphs()
		if len(paras) == 0 {
			continue
		}
		sec := Section{Heading: s.Heading, Paragraphs: paras}
		if s.BeforeFigures {
			out.Before = append(out.Before, sec)
		} else {
			out.After = append(out.After, sec)
		}
	}
	return out
}

// Slug names the period as addresses and the report's text do: "2014-15"
// for a financial year, "2014Q3" for a quarter, "" for any other period
// (which has no text of its own).
func (p Period) Slug() string {
	switch p.kind {
	case "annual":
		return fmt.Sprintf("%d-%02d", p.From.Year(), (p.From.Year()+1)%100)
	case "quarterly":
		return fmt.Sprintf("%dQ%d", p.From.FinancialYear(), (int(p.From.Month())+8)%12/3+1)
	}
	return ""
}
