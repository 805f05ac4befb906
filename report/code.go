package report

import (
	"context"
	"fmt"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// The Complaint Handling Code's annual report (the "complaints performance
// and service improvement report") is the annual report of the Code's
// procedures, with what the Code asks for beside it: the figures Heed can
// measure for the self-assessment, the complaints refused, the service
// improvements made and the Ombudsman's annual letter. What officers write
// of it (heed.CodeAssessment) is joined to those figures in SelfAssessment.

// CodeReportTitle is the Code report's title, as the Codes name it.
const CodeReportTitle = "Complaints performance and service improvement report"

// CodeStage is one stage of a complaint under a Code's procedure, as the
// Code's measures read it.
type CodeStage struct {
	Procedure                       heed.ProcedureID
	Number                          int
	Started, Acknowledged           calendar.Date
	Deadline, ExtendedTo, Responded calendar.Date
	Outcome                         heed.Outcome
	// DifferentHandler is, for a Stage 2, whether its handler is another
	// person than Stage 1's; "" when either is not recorded.
	DifferentHandler string
	// RefusalReason is why a refused complaint was not taken into the
	// procedure ("" when none was given).
	RefusalReason string
}

// Improvement is a learning action completed: a service improvement made.
type Improvement struct {
	ServiceArea string
	Action      string
	Completed   calendar.Date
}

// CodeQuery asks for the stages of the Code's procedures that started, or
// were answered, in Year (up to AsOf), and the actions completed in it on
// their records.
type CodeQuery struct {
	Procedures   []heed.ProcedureID
	Year         Bucket
	AsOf         calendar.Date
	ServiceAreas []string // nil: the whole council
}

// CodeFacts are what the store supplies for a Code report's own figures.
type CodeFacts struct {
	Stages       []CodeStage
	Improvements []Improvement
}

// CodeSource supplies a report's facts and a Code report's own, and the
// calendar in force (with any bank holidays loaded), by which the Code's
// acknowledgements are judged.
type CodeSource interface {
	Source
	CodeFacts(ctx context.Context, q CodeQuery) (*CodeFacts, error)
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// CodeReport computes the Code's annual report for the financial year
// starting in April of year: the annual report of the Code's procedures,
// titled as the Code names it, with the Code's measures, the service
// improvements and the Ombudsman's letter (from a, which may be empty).
func CodeReport(ctx context.Context, src CodeSource, code heed.CodeID, year int, a *heed.CodeAssessment, opts Options) (*Report, error) {
	if opts.AsOf.IsZero() {
		opts.AsOf = calendar.Today()
	}
	if opts.Rules.Procedures == nil {
		opts.Rules = heed.DefaultRules()
	}
	opts.Procedures = code.Procedures()
	if opts.Scope == "" {
		opts.Scope = code.Label()
	} else {
		opts.Scope = code.Label() + ": " + opts.Scope
	}
	p := Annual(year)
	r, err := Generate(ctx, src, p, opts)
	if err != nil {
		return nil, err
	}
	cf, err := src.CodeFacts(ctx, CodeQuery{Procedures: opts.Procedures, Year: Bucket{From: p.From, To: p.To},
		AsOf: opts.AsOf, ServiceAreas: opts.ServiceAreas})
	if err != nil {
		return nil, fmt.Errorf("code facts: %w", err)
	}
	cal, err := src.Calendar(ctx)
	if err != nil {
		return nil, fmt.Errorf("code report: %w", err)
	}
	if a == nil {
		a = &heed.CodeAssessment{Code: code, Year: year}
	}
	r.Title = CodeReportTitle
	cm := codeMeasures(cal, opts, cf, Bucket{From: p.From, To: p.To})
	r.SelfAssessment = selfAssessment(code, a, cm)
	tables := []*Table{cm.table(code), letterTable(&a.Letter), improvementsTable(cf.Improvements)}
	r.Tables = append(tables, r.Tables...)
	if !opts.Publish {
		for _, im := range cf.Improvements {
			r.Improvements = append(r.Improvements, ImprovementLine{ServiceArea: im.ServiceArea, Action: im.Action, Completed: im.Completed.String()})
		}
	}
	r.Notes = append(r.Notes, codeNotes(code)...)
	return r, nil
}

// SelfAssessment is the Code report's self-assessment: each requirement
// with what officers wrote of it and, where Heed measures it, the figure.
type SelfAssessment struct {
	Code              heed.CodeID           `json:"code"`
	Requirements      []AssessedRequirement `json:"requirements"`
	NonCompliance     string                `json:"non_compliance"`
	GoverningResponse string                `json:"governing_response"`
	Updated           string                `json:"updated,omitempty"` // when last saved (ISO 8601), empty if never
}

// AssessedRequirement is one requirement of the Code as assessed.
type AssessedRequirement struct {
	ID         string          `json:"id"`
	Section    string          `json:"section"`
	Text       string          `json:"text"`
	Compliant  heed.Compliance `json:"compliant"` // yes, partly, no, or "" when not assessed
	Evidence   string          `json:"evidence"`
	Commentary string          `json:"commentary"`
	// Figure is what Heed measured of it ("209 of 235 (88.9%)"), if any.
	Figure string `json:"figure,omitempty"`
}

// selfAssessment joins what officers wrote to the figures measured.
func selfAssessment(code heed.CodeID, a *heed.CodeAssessment, fg codeFigures) *SelfAssessment {
	sa := &SelfAssessment{Code: code, NonCompliance: a.NonCompliance, GoverningResponse: a.GoverningResponse}
	if a.Version > 0 {
		sa.Updated = calendar.DateOf(a.UpdatedAt).String()
	}
	for _, req := range code.CodeRequirements() {
		e := a.Entry(req.ID)
		ar := AssessedRequirement{ID: req.ID, Section: req.Section, Text: req.Text, Compliant: e.Compliant,
			Evidence: e.Evidence, Commentary: e.Commentary}
		if f := fg[req.Measure]; f != nil {
			ar.Figure = fmt.Sprintf("%d of %d", f.met, f.of)
			if v := pct(f.met, f.of); !v.Null() {
				ar.Figure += " (" + v.String() + "%)"
			}
		}
		sa.Requirements = append(sa.Requirements, ar)
	}
	return sa
}

// ImprovementLine is one service improvement in the Code report (not in a
// published one: the actions are free text).
type ImprovementLine struct {
	ServiceArea string `json:"service_area"`
	Action      string `json:"action"`
	Completed   string `json:"completed"`
}

// codeFigure is one of the Code's measures: met out of of.
type codeFigure struct{ met, of int }

// codeFigures are the Code's measures, by CodeRequirement.Measure.
type codeFigures map[string]*codeFigure

// codeMeasures computes the Code's measures from the stages: each stage
// is judged by cal and the rules in force (opts.Rules); a stage counts in
// the year in which it started (acknowledgement, different handler,
// refusals) or was answered (in time, extended).
func codeMeasures(cal *calendar.Calendar, opts Options, cf *CodeFacts, year Bucket) codeFigures {
	fg := codeFigures{}
	for m := range codeMeasureLabels {
		fg[m] = &codeFigure{}
	}
	in := func(d calendar.Date) bool {
		return !d.IsZero() && !d.Before(year.From) && !d.After(year.To) && !d.After(opts.AsOf)
	}
	for i := range cf.Stages {
		cs := &cf.Stages[i]
		rec := &heed.Record{Type: heed.TypeComplaint, Procedure: cs.Procedure}
		st := &heed.Stage{Number: cs.Number, Started: cs.Started}
		if !cs.Acknowledged.After(opts.AsOf) { // not yet acknowledged at the report date
			st.Acknowledged = cs.Acknowledged
		}
		if in(cs.Started) {
			if cs.Outcome == heed.OutcomeRefused {
				fg["refused_with_reason"].of++
				if cs.RefusalReason != "" {
					fg["refused_with_reason"].met++
				}
				continue
			}
			for _, m := range opts.Rules.Milestones(cal, rec, st) {
				if m.What != "Acknowledge" || (m.Done.IsZero() && !m.Due.Before(opts.AsOf)) {
					continue // not yet due
				}
				fg["acknowledged_in_time"].of++
				if !m.Late(opts.AsOf) {
					fg["acknowledged_in_time"].met++
				}
			}
			if cs.Number == 2 && cs.DifferentHandler != "" {
				fg["stage2_different_handler"].of++
				if cs.DifferentHandler == "yes" {
					fg["stage2_different_handler"].met++
				}
			}
		}
		if !in(cs.Responded) || cs.Deadline.IsZero() || cs.Outcome == heed.OutcomeRefused {
			continue
		}
		timely := !cs.Responded.After(cs.Deadline)
		switch cs.Number {
		case 1:
			fg["stage1_in_time"].of++
			fg["stage1_extended"].of++
			if timely {
				fg["stage1_in_time"].met++
			}
			if !cs.ExtendedTo.IsZero() {
				fg["stage1_extended"].met++
			}
		case 2:
			fg["stage2_in_time"].of++
			if timely {
				fg["stage2_in_time"].met++
			}
		}
	}
	return fg
}

// codeMeasureLabels say what each measure counts.
var codeMeasureLabels = map[string]string{
	"acknowledged_in_time":     "Stages acknowledged within 5 working days",
	"stage1_in_time":           "Stage 1 responses within 10 working days of the acknowledgement",
	"stage1_extended":          "Stage 1 responses after an extension",
	"stage2_different_handler": "Stage 2 complaints handled by a different person from Stage 1",
	"stage2_in_time":           "Stage 2 responses within 20 working days of the acknowledgement",
	"refused_with_reason":      "Complaints refused with a reason recorded",
}

// table is the measures as a table: one row a requirement Heed measures.
func (fg codeFigures) table(code heed.CodeID) *Table {
	t := &Table{ID: "code_measures", Title: "What Heed measures of the Code", Chart: -1,
		Columns: []string{"Number", "Out of", "%"},
		Notes: []string{"Each figure is counted from the case records. A stage counts in the year it started " +
			"(acknowledgements, handlers, refusals) or was answered (responses, extensions)."}}
	for _, req := range code.CodeRequirements() {
		f := fg[req.Measure]
		if f == nil {
			continue
		}
		t.Rows = append(t.Rows, Row{Key: req.Measure, Label: req.ID + " " + codeMeasureLabels[req.Measure],
			Values: []Value{{N: float64(f.met)}, {N: float64(f.of)}, pct(f.met, f.of)}})
	}
	return t
}

// letterTable is the Ombudsman's annual letter's figures as the officer
// entered them; one not entered is not applicable.
func letterTable(l *heed.OmbudsmanLetter) *Table {
	t := &Table{ID: "ombudsman_letter", Title: "The Ombudsman's annual letter", Chart: -1,
		Columns: []string{"This council (%)", "Similar authorities (%)"},
		Notes:   []string{"As the Ombudsman's annual letter gives them, entered by a complaints officer."}}
	value := func(p *float64) Value {
		if p == nil {
			return NotApplicable()
		}
		return Value{N: *p}
	}
	for _, row := range []struct {
		key, label string
		v, avg     *float64
	}{
		{"upheld_rate", "Complaints upheld", l.UpheldRate, l.UpheldAverage},
		{"compliance_rate", "Compliance with the Ombudsman's recommendations", l.ComplianceRate, l.ComplianceAverage},
		{"satisfactory_remedy", "Satisfactory remedy provided by the council", l.SatisfactoryRemedy, l.SatisfactoryRemedyAvg},
	} {
		t.Rows = append(t.Rows, Row{Key: row.key, Label: row.label, Values: []Value{value(row.v), value(row.avg)}})
	}
	return t
}

// improvementsTable counts the actions completed in the year by service
// area: the service improvements made.
func improvementsTable(ims []Improvement) *Table {
	t := &Table{ID: "service_improvements", Title: "Service improvements made (learning actions completed)", Chart: -1,
		Columns: []string{"Actions completed"}}
	counts := map[string]int{}
	var areas []string
	for _, im := range ims {
		if counts[im.ServiceArea] == 0 {
			areas = append(areas, im.ServiceArea)
		}
		counts[im.ServiceArea]++
	}
	heed.SortNames(areas)
	for _, a := range areas {
		t.Rows = append(t.Rows, Row{Key: a, Label: a, Values: nums(counts[a])})
	}
	t.Rows = append(t.Rows, Row{Key: "total", Label: "Total", Values: nums(len(ims))})
	return t
}

// codeNotes are the Code report's own counting rules.
func codeNotes(code heed.CodeID) []string {
	var names []string
	for _, p := range code.Procedures() {
		names = append(names, p.Label())
	}
	return []string{
		fmt.Sprintf("This report counts the complaints of the procedures the %s covers: %s.", code.Label(), joinAnd(names)),
		"The response is counted from the acknowledgement, but never from later than the last day allowed to acknowledge: a late acknowledgement buys no time.",
	}
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " and " + s[len(s)-1]
}
