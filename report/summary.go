package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/heedhq/heed"
)

// summary reads the headline numbers in plain English. A figure that is
// not applicable (a percentage of nothing) is never compared with: the
// sentence says there is no comparable figure instead.
func summary(r *Report, previous string) []string {
	var out []string
	for _, id := range []string{"complaints", "compliments", "mp_enquiries", "ombudsman_enquiries"} {
		m := r.Measure(id)
		noun := m.Label
		switch {
		case m.Change.Null():
			out = append(out, fmt.Sprintf("%s: %v; there is no comparable figure for %s.", noun, m.Value, previous))
		case m.Change.N == 0:
			out = append(out, fmt.Sprintf("%s were unchanged at %v compared with %s.", noun, m.Value, previous))
		case m.ChangePercent.Null():
			out = append(out, fmt.Sprintf("%s rose from none to %v compared with %s.", noun, m.Value, previous))
		default:
			verb := "rose"
			if m.Change.N < 0 {
				verb = "fell"
			}
			out = append(out, fmt.Sprintf("%s %s by %v (%.1f%%) compared with %s.", noun, verb, math.Abs(m.Change.N), math.Abs(m.ChangePercent.N), previous))
		}
	}
	in := r.Measure("in_time_percent")
	switch {
	case in.Value.Null():
		out = append(out, "No complaint's Stage 1 response in the period can be judged against the target yet, so there is no percentage answered within the target.")
	case in.Previous.Null():
		out = append(out, fmt.Sprintf("%.1f%% of complaints answered at Stage 1 were answered within the target; there is no comparable figure for %s, which had no Stage 1 response to judge.", in.Value.N, previous))
	default:
		out = append(out, fmt.Sprintf("%.1f%% of complaints answered at Stage 1 were answered within the target, compared with %.1f%% in %s.", in.Value.N, in.Previous.N, previous))
	}
	if up := r.Measure("upheld_percent").Value; up.Null() {
		out = append(out, "No complaints were received in the period, so there is no percentage upheld at Stage 1.")
	} else {
		out = append(out, fmt.Sprintf("%.1f%% of complaints were upheld and %.1f%% partially upheld at Stage 1.",
			up.N, r.Measure("partially_upheld_percent").Value.N))
	}
	if esc := r.Measure("escalation_rate_percent").Value; esc.Null() {
		out = append(out, "There were no Stage 1 responses in the period, so there is no escalation rate.")
	} else {
		out = append(out, fmt.Sprintf("For every 100 Stage 1 responses, %.1f complaints went on to Stage 2.", esc.N))
	}
	if r.Learning.Actions > 0 {
		out = append(out, fmt.Sprintf("%d of %d learning actions are complete and %d are overdue.", r.Learning.Completed, r.Learning.Actions, r.Learning.Overdue))
	}
	return out
}

// countingRules are the report's notes: how every figure is counted.
func countingRules(opts Options) []string {
	notes := []string{
		"A record is counted in the quarter and year it was received.",
		"The figures are the records as they stood at the end of " + opts.AsOf.Long() + ": a record received, a response or outcome, an Ombudsman decision, a remedy or recommendation complied with, an action completed or a pause ended after that day is not counted.",
		"A Stage 2 or Stage 3 is counted in the year its request was received, even when Stage 1 was the year before. A request not progressed counts as an escalation request, not as a stage.",
		"Outcomes and timescales belong to the complaint's Stage 1, grouped by the quarter the complaint was received.",
		"In time means the response was on or before the deadline set by the target, not by an extension; a separate table counts responses within an agreed extension. A holding letter never counts.",
		"An unanswered stage whose deadline has passed at the report date (" + opts.AsOf.Long() + ") is late; one not yet due is pending, and is neither in time nor late. An unanswered stage whose pause has not ended is paused, not late, and is counted as pending.",
		"A Stage 1 with no outcome is pending: not yet due (or paused), late and unanswered, or answered without an outcome.",
		"Escalation rate = Stage 2 stages started in the period ÷ Stage 1 responses made in the period, over the procedures that have a Stage 2, leaving out complaints " + excludedOutcomes() + ".",
		"Corrective action and late responses count the stage responses made in the period, whatever year the complaint was received. Working days late count from the last day allowed (an agreed extension's end, else the deadline).",
		"Changes and percentage changes are computed from the unrounded figures, then rounded to one decimal place.",
		"A figure shown as n/a (not applicable) has nothing to count, such as an average of no responses or a percentage of none; it is not 0.",
		"Deadlines count working days: weekends and England and Wales bank holidays are skipped; the day the clock starts is day 0.",
	}
	for _, id := range heed.ProcedureIDs {
		if sets := opts.Rules.Procedures[id].DescribeSets(); sets != "" {
			notes = append(notes, fmt.Sprintf("Each stage is judged by the targets in force on the day it started (the day the complaint was received, for Stage 1). %s: %s.", id.Label(), sets))
		}
	}
	notes = append(notes, averageDaysRule(opts.Rules))
	if opts.Publish {
		notes = append(notes, fmt.Sprintf("This is the published version: in tables about children and young people, and tables split finer than service area by quarter, counts from 1 to %d are not shown. Lesson texts are left out.", opts.SuppressBelow-1))
	}
	return notes
}

// excludedOutcomes names the outcomes the escalation rate leaves out, in
// words: "withdrawn or resolved early".
func excludedOutcomes() string {
	var words []string
	for _, o := range escalationExcluded {
		words = append(words, strings.ToLower(o.Label()))
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// averageDaysRule says from which day each procedure's average working
// days count: always the day the stage started (Stage 1: the complaint
// received; Stage 2 and 3: the request received), even where the deadline
// counts from a later day.
func averageDaysRule(rules heed.Rules) string {
	var later []string
	for _, id := range heed.ProcedureIDs {
		p, ok := rules.Procedures[id]
		if !ok {
			continue
		}
		for i, st := range p.Stages {
			switch {
			case st.FromAcknowledgement:
				later = append(later, fmt.Sprintf("%s Stage %d's deadline counts from the acknowledgement", id.Label(), i+1))
			case st.FromStatement:
				later = append(later, fmt.Sprintf("%s Stage %d's deadline counts from the agreed statement of complaint", id.Label(), i+1))
			}
		}
	}
	rule := "Average working days count, for every procedure, from the day the stage started (Stage 1: the day the complaint was received; " +
		"Stage 2 and 3: the day the request was received) to the response, that day being day 0."
	if len(later) > 0 {
		rule += " They count from that day even where the deadline counts from a later one (" + strings.Join(later, "; ") + ")."
	}
	return rule
}
