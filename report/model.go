package report

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Report is one computed report. Its JSON form is a documented contract
// (see README): keep it stable.
type Report struct {
	// Title is the report's name when it is not the annual or quarterly
	// report's (the Complaint Handling Code's report); see Heading.
	Title   string `json:"title,omitempty"`
	Council string `json:"council,omitempty"`
	// Scope names the part of the council reported on (a directorate);
	// empty for the whole council.
	Scope     string        `json:"scope,omitempty"`
	Period    PeriodLabel   `json:"period"`
	AsOf      string        `json:"as_of"`
	Published bool          `json:"published"`
	Tables    []*Table      `json:"tables"`
	Measures  []Measure     `json:"measures"`
	Summary   []string      `json:"summary"`
	Lessons   []LessonLine  `json:"lessons"`
	Notes     []string      `json:"notes"`
	Learning  LearningState `json:"learning"`
	// Narrative is the text officers wrote for the period, printed around
	// the tables; never in the JSON's figures.
	Narrative Narrative `json:"-"`
	// Improvements are the service improvements made (the Code report's,
	// left out of a published one).
	Improvements []ImprovementLine `json:"improvements,omitempty"`
	// SelfAssessment is the Code report's self-assessment; nil in others.
	SelfAssessment *SelfAssessment `json:"self_assessment,omitempty"`
}

// Heading is the report's heading: its title and period.
func (r *Report) Heading() string {
	title := r.Title
	if title == "" {
		title = "Complaints and feedback report"
	}
	return title + " " + r.Period.Label
}

// PeriodLabel is the period in the JSON contract.
type PeriodLabel struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
}

// Table is one table of figures.
type Table struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Columns     []string `json:"columns"`
	Rows        []Row    `json:"rows"`
	Comparisons []Row    `json:"comparisons,omitempty"`
	Notes       []string `json:"notes,omitempty"`
	// Sensitive tables (about children, or finer than service area by
	// quarter) have small counts suppressed when published.
	Sensitive bool `json:"-"`
	// Chart names the column drawn as a bar chart in HTML and PDF; -1 none.
	Chart int `json:"-"`
}

// Row is a labelled row of values. Key names the row for machines and
// stays the same whatever the label says: a procedure's or an outcome's id,
// a service area's or a theme's name, a quarter ("Q1"), "total" for the
// Total row, and for a comparison "year_before" or "two_years_before".
type Row struct {
	Key    string  `json:"key"`
	Label  string  `json:"label"`
	Values []Value `json:"values"`
}

// comparisonKeys are the keys of the comparison rows: the year before the
// period, then the year before that.
var comparisonKeys = [3]string{"", "year_before", "two_years_before"}

// Value is a figure of the report: a count, an average or a percentage to
// one decimal place; or no figure at all, which JSON writes as null and
// every other rendering shows for what it is.
type Value struct {
	N float64
	// Suppressed: a small count left out of a published report ("*").
	Suppressed bool
	// NotApplicable: there is nothing to count, such as an average of no
	// responses or a percentage of no complaints ("n/a", never 0).
	NotApplicable bool
	// exact is N before it was rounded to one decimal place (rounded):
	// changes are computed from it.
	exact   float64
	rounded bool
}

// ratio is x rounded to one decimal place, remembering x.
func ratio(x float64) Value { return Value{N: round1(x), exact: x, rounded: true} }

// unrounded is the figure before rounding.
func (v Value) unrounded() float64 {
	if v.rounded {
		return v.exact
	}
	return v.N
}

// NotApplicable is a figure that does not apply: an average or a
// percentage whose denominator is empty.
func NotApplicable() Value { return Value{NotApplicable: true} }

// Null reports whether the value has no figure: suppressed or not
// applicable.
func (v Value) Null() bool { return v.Suppressed || v.NotApplicable }

// MarshalJSON writes the number, or null when it has no figure.
func (v Value) MarshalJSON() ([]byte, error) {
	if v.Null() {
		return []byte("null"), nil
	}
	return json.Marshal(v.N)
}

// UnmarshalJSON reads a number or null. JSON does not say why a value is
// null; null is read as suppressed.
func (v *Value) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*v = Value{Suppressed: true}
		return nil
	}
	return json.Unmarshal(b, &v.N)
}

// String is the value as a page shows it.
func (v Value) String() string {
	if v.Suppressed {
		return "*"
	}
	if v.NotApplicable {
		return "n/a"
	}
	if v.N == math.Trunc(v.N) {
		return fmt.Sprintf("%d", int64(v.N))
	}
	return fmt.Sprintf("%.1f", v.N)
}

// Measure is a headline figure with last year's value. A percentage of
// nothing is not applicable (null in JSON), and so is a change from or to
// it.
type Measure struct {
	ID            string `json:"id"`
	Label         string `json:"label"`
	Value         Value  `json:"value"`
	Previous      Value  `json:"previous"`
	Change        Value  `json:"change"`
	ChangePercent Value  `json:"change_percent"` // not applicable too when the previous value is 0
	Percent       bool   `json:"-"`
}

// LessonLine is one lesson in the report, with its actions' state.
type LessonLine struct {
	Reference   string `json:"reference"`
	ServiceArea string `json:"service_area"`
	Text        string `json:"text"`
	Actions     int    `json:"actions"`
	Completed   int    `json:"completed"`
}

// LearningState is the state of the period's lessons and actions.
type LearningState struct {
	Lessons    int `json:"lessons"`
	NoLearning int `json:"no_learning_identified"`
	Actions    int `json:"actions"`
	Completed  int `json:"actions_completed"`
	Overdue    int `json:"actions_overdue"`
	Open       int `json:"actions_open"`
}

// Options shape a report.
type Options struct {
	Council string
	// Publish suppresses small counts in sensitive tables, and leaves out
	// lesson texts, for the public and councillors.
	Publish bool
	// SuppressBelow: counts from 1 to SuppressBelow-1 are suppressed (5).
	SuppressBelow int
	AsOf          calendar.Date
	Rules         heed.Rules
	// ServiceAreas limits the report to these service areas (a manager's,
	// or a directorate's); nil is the whole council.
	ServiceAreas []string
	// Scope names what ServiceAreas are (a directorate), for the report.
	Scope string
	// Narrative is what officers wrote for the period (nil: none).
	Narrative *heed.Narrative
	// Procedures limits the report to the records of these procedures (the
	// Complaint Handling Code's report); nil is every record.
	Procedures []heed.ProcedureID
}

// Measure returns the measure with the id, or a zero one.
func (r *Report) Measure(id string) Measure {
	for _, m := range r.Measures {
		if m.ID == id {
			return m
		}
	}
	return Measure{}
}

// Table returns the table with the id, or nil.
func (r *Report) Table(id string) *Table {
	for _, t := range r.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Row returns the row (or comparison) with the key, or nil.
func (t *Table) Row(key string) *Row {
	for _, rows := range [][]Row{t.Rows, t.Comparisons} {
		for i := range rows {
			if rows[i].Key == key {
				return &rows[i]
			}
		}
	}
	return nil
}
