package report

import (
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// TestCodeMeasures checks each of the Code's measures on stages built to
// fall on either side of each rule: acknowledged in time, late, not yet
// due; answered in the year though started before it; extended; Stage 2
// by another handler or the same; refused with and without a reason.
func TestCodeMeasures(t *testing.T) {
	d := calendar.MustParseDate
	stages := []CodeStage{
		{Number: 1, Started: d("2026-06-01"), Acknowledged: d("2026-06-03"), Deadline: d("2026-06-17"), Responded: d("2026-06-10")},
		{Number: 1, Started: d("2026-06-01"), Acknowledged: d("2026-06-15"), Deadline: d("2026-06-22"), ExtendedTo: d("2026-07-01"), Responded: d("2026-06-25")},
		{Number: 1, Started: d("2026-11-30")}, // acknowledgement not yet due on 1 December
		{Number: 1, Started: d("2026-03-20"), Acknowledged: d("2026-03-23"), Deadline: d("2026-04-14"), Responded: d("2026-04-10")},
		{Number: 2, Started: d("2026-07-01"), Acknowledged: d("2026-07-02"), Deadline: d("2026-07-30"), Responded: d("2026-07-20"), DifferentHandler: "yes"},
		{Number: 2, Started: d("2026-08-03"), DifferentHandler: "no"}, // acknowledgement due 10 August: late
		{Number: 2, Started: d("2026-08-03"), Acknowledged: d("2026-08-04")},
		{Number: 1, Started: d("2026-09-01"), Outcome: heed.OutcomeRefused, RefusalReason: "out_of_time"},
		{Number: 1, Started: d("2026-09-02"), Outcome: heed.OutcomeRefused},
		{Number: 1, Started: d("2026-12-02"), Acknowledged: d("2026-12-02"), Responded: d("2026-12-02"), Deadline: d("2026-12-10")}, // after the report date
	}
	for i := range stages {
		stages[i].Procedure = heed.Corporate
	}
	opts := Options{AsOf: d("2026-12-01"), Rules: heed.DefaultRules()}
	p := Annual(2026)
	fg := codeMeasures(calendar.EnglandAndWales(), opts, &CodeFacts{Stages: stages}, Bucket{From: p.From, To: p.To})
	for _, c := range []struct {
		measure string
		met, of int
	}{
		{"acknowledged_in_time", 3, 5},
		{"stage1_in_time", 2, 3},
		{"stage1_extended", 1, 3},
		{"stage2_different_handler", 1, 2},
		{"stage2_in_time", 1, 1},
		{"refused_with_reason", 1, 2},
	} {
		if got := fg[c.measure]; got == nil || got.met != c.met || got.of != c.of {
			t.Errorf("%s: %+v, want %d of %d", c.measure, got, c.met, c.of)
		}
	}
	tbl := fg.table(heed.CodeLGSCO)
	if len(tbl.Rows) != 6 || tbl.Rows[1].Key != "acknowledged_in_time" || tbl.Rows[1].Values[2].N != 60 {
		t.Errorf("the measures' table: %+v", tbl.Rows)
	}
}

// TestLetterTable: a figure of the Ombudsman's letter not entered is not
// applicable, never 0.
func TestLetterTable(t *testing.T) {
	upheld := 71.5
	tbl := letterTable(&heed.OmbudsmanLetter{UpheldRate: &upheld})
	if v := tbl.Rows[0].Values; v[0].N != 71.5 || v[0].Null() || !v[1].NotApplicable {
		t.Errorf("upheld rate row: %+v", v)
	}
	if v := tbl.Rows[2].Values; !v[0].NotApplicable || !v[1].NotApplicable {
		t.Errorf("satisfactory remedy row: %+v", v)
	}
}
