package sqlstore_test

import (
	"context"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestStatutoryStages: the children's statutory Stage 2 and 3 details are
// kept, Stage 2's clock runs from the agreed statement once it is
// recorded, and a change to it is a line of history.
func TestStatutoryStages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		rec := complaintIn("CS-9", "Children's Social Care", "Delay")
		rec.Procedure = heed.ChildrenStatutory
		rec.Received = d("2015-01-05")
		rec.UASC = true
		rec.Stages = []heed.Stage{
			{Number: 1, Responded: d("2015-01-16"), Outcome: heed.OutcomeNotUpheld},
			{Number: 2, Started: d("2015-01-26"), Investigator: "Ian Officer", IndependentPerson: "Ida Person",
				Adjudicator: "Ada Director", Responded: d("2015-03-20"), Outcome: heed.OutcomePartiallyUpheld,
				CorrectiveAction: heed.CorrectiveActionNo},
			{Number: 3, Started: d("2015-03-23"), PanelMet: d("2015-04-20"), PanelReported: d("2015-04-24")},
		}
		thanks := &heed.Record{Reference: "TH-1", Type: heed.TypeCompliment, Received: d("2015-01-05"), ServiceArea: "Education"}
		if _, err := db.ImportRecords(ctx, storetest.Actor, heed.RecordList{rec, thanks}, heed.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindRecordByReference(ctx, "TH-1"); err != nil {
			t.Errorf("a record without stages: %v", err) // its joined stage columns are NULL
		}
		got, err := db.FindRecordByReference(ctx, "CS-9")
		if err != nil {
			t.Fatal(err)
		}
		s2, s3 := got.Stage(2), got.Stage(3)
		if !got.UASC || s2.CorrectiveAction != heed.CorrectiveActionNo {
			t.Errorf("read back: uasc %v, Stage 2 corrective action %q", got.UASC, s2.CorrectiveAction)
		}
		if s2.IndependentPerson != "Ida Person" || s2.Adjudicator != "Ada Director" || s3.PanelMet != d("2015-04-20") || s3.PanelReported != d("2015-04-24") {
			t.Fatalf("stages read back: %+v %+v", s2, s3)
		}
		// 25 working days from the request (26 January) is 2 March.
		if s2.Deadline != d("2015-03-02") {
			t.Errorf("Stage 2 due %s, want 2 March 2015", s2.Deadline)
		}
		s2.StatementAgreed = d("2015-02-09")
		s2.CorrectiveAction = heed.CorrectiveActionYes
		got.UASC = false
		if err := db.ChangeRecord(ctx, storetest.Actor, got, "statement agreed at the meeting"); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindRecordByReference(ctx, "CS-9")
		// 25 working days from the agreed statement (9 February) is 16 March.
		if got.UASC || got.Stage(2).CorrectiveAction != heed.CorrectiveActionYes {
			t.Errorf("after the change: uasc %v, corrective action %q", got.UASC, got.Stage(2).CorrectiveAction)
		}
		if s := got.Stage(2); s.StatementAgreed != d("2015-02-09") || s.Deadline != d("2015-03-16") {
			t.Errorf("Stage 2 after the statement: agreed %s, due %s, want 16 March 2015", s.StatementAgreed, s.Deadline)
		}
		h, _ := db.RecordHistory(ctx, got.ID)
		if c := h[len(h)-1].Changes; len(c) == 0 || heed.ChangeWords(got.Type, c[len(c)-1]) == "" {
			t.Errorf("history %+v", h[len(h)-1])
		}
		checkKeptCounts(t, db)
	})
}
