package heed

import (
	"strings"
	"testing"

	"github.com/heedhq/heed/calendar"
)

// TestStage2NeedsAnotherHandler: under the Complaint Handling Code (the
// corporate and housing procedures) Stage 2 is handled by someone other
// than the Stage 1 handler; the children's statutory procedure has no such
// rule.
func TestStage2NeedsAnotherHandler(t *testing.T) {
	rules, cal := DefaultRules(), calendar.EnglandAndWales()
	for _, tt := range []struct {
		procedure ProcedureID
		second    string
		refused   bool
	}{
		{Corporate, "jo", true}, {Corporate, "JO", true}, {Corporate, "sam", false}, {Corporate, "", false},
		{Housing, "jo", true}, {ChildrenStatutory, "jo", false},
	} {
		rec := &Record{Reference: "X-1", Type: TypeComplaint, Received: calendar.MustParseDate("2026-05-01"), ServiceArea: "Housing",
			Procedure: tt.procedure, Stages: []Stage{
				{Number: 1, Investigator: "jo", Responded: calendar.MustParseDate("2026-05-08"), Outcome: OutcomeNotUpheld},
				{Number: 2, Started: calendar.MustParseDate("2026-05-11"), Investigator: tt.second}}}
		rules.Normalize(rec)
		errs := rules.Check(cal, rec, calendar.MustParseDate("2026-12-02"))
		refused := false
		for _, e := range errs {
			if e.Field == "stage2_investigator" && strings.Contains(e.Message, "someone other than who handled Stage 1 (jo)") {
				refused = true
			}
		}
		if refused != tt.refused {
			t.Errorf("%s, Stage 2 by %q: refused %v, want %v (%v)", tt.procedure, tt.second, refused, tt.refused, errs)
		}
	}
}
