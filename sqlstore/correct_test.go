package sqlstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestCorrectionsKeepCounts: correcting a received date, a service area,
// an answered stage's response date and outcome, reopening and closing
// each keep the report counts equal to counts rebuilt from the records,
// and each is a line of history with its reason.
func TestCorrectionsKeepCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rec := complaintIn("C-1", "Education", "Delay")
		rec.Stages = []heed.Stage{{Number: 1, Responded: d("2015-03-10"), Outcome: heed.OutcomeUpheld}}
		rec.Closed = d("2015-03-10")
		other := complaintIn("C-2", "Highways", "Delay")
		if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{rec, other}, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		steps := []struct {
			reason string
			change func(r *heed.Record)
		}{
			{"typing error", func(r *heed.Record) { r.Received, r.Stages[0].Started = d("2015-02-27"), d("2015-02-27") }},
			{"", func(r *heed.Record) { r.ServiceArea = "Highways" }},
			{"the letter was dated wrongly", func(r *heed.Record) { r.Stages[0].Responded = d("2015-03-09") }},
			{"the findings were read wrongly", func(r *heed.Record) { r.Stages[0].Outcome = heed.OutcomePartiallyUpheld }},
			{"the complainant wrote again", func(r *heed.Record) { r.Closed = heed.Record{}.Closed }},
			{"", func(r *heed.Record) { r.Closed = d("2015-03-12") }},
		}
		for i, step := range steps {
			r, err := db.FindRecordByReference(ctx, "C-1")
			if err != nil {
				t.Fatal(err)
			}
			step.change(r)
			if err := db.ChangeRecord(ctx, storetest.Actor, r, step.reason); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			checkKeptCounts(t, db)
			h, _ := db.RecordHistory(ctx, r.ID)
			last := h[len(h)-1]
			want := step.reason
			if want == "" {
				want = "edited"
			}
			if last.Note != want || len(last.Changes) == 0 {
				t.Errorf("step %d: last history line %+v, want the note %q", i, last, want)
			}
		}
		r, _ := db.FindRecordByReference(ctx, "C-1")
		if r.Stages[0].Responded != d("2015-03-09") || r.Stages[0].Outcome != heed.OutcomePartiallyUpheld || r.ServiceArea != "Highways" {
			t.Errorf("after the corrections: %+v", r.Stages[0])
		}
		r.Summary = "x"
		if err := db.ChangeRecord(ctx, storetest.Actor, r, strings.Repeat("why ", 1000)); heed.ErrorCode(err) != heed.EINVALID {
			t.Errorf("a reason of 4,000 characters: %v", err)
		}
	})
}
