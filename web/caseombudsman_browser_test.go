package web

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// TestOmbudsmanAndRefusalInTheBrowser: an officer adds, changes and
// removes the Ombudsman's remedies and a recommendation, is asked for a
// lesson once fault is found, and refuses a complaint; axe-core checks
// each page, filled and with errors, at 320 and at 1280 px.
func TestOmbudsmanAndRefusalInTheBrowser(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	lgo := &heed.Record{Reference: "LGO-B", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Highways",
		RelatedReference: "HW-1", Ombudsman: &heed.OmbudsmanCase{Reference: "14 000 123", Decision: heed.DecisionUpheld,
			Decided: d("2015-03-16"), Fault: heed.FaultFound,
			Remedies: []heed.Remedy{{Type: heed.RemedyApology, Due: d("2015-04-16")}}}}
	if _, err := app.Store.ImportRecords(context.Background(), heed.Actor{Name: "test"}, heed.RecordList{lgo}, heed.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := newBrowserSession(t, app)
	b.signIn("officer")

	for _, width := range []int64{320, 1280} {
		b.prefix = "ombudsman-" + strconv.FormatInt(width, 10) + "-"
		b.do(chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
		b.visit("case", "/cases/LGO-B", "Remedies", "Apology", "record what was learnt", "No recommendation has been recorded")
		b.visit("decision", "/cases/LGO-B/ombudsman", "Did the Ombudsman find fault?")
		b.do(chromedp.Click(chromedp.CSS("#fault-2"))) // no fault, for an upheld decision
		b.submit(true)
		if got := b.text(".govuk-error-summary"); !strings.Contains(got, "The finding of fault cannot be no for an upheld decision") {
			t.Errorf("no fault for an upheld decision: %q", got)
		}
		b.check("decision-error")
		b.visit("remedy-filled", "/cases/LGO-B/ombudsman-remedy?item=1", "Change remedy 1", "Remove this remedy")
		b.visit("remedy-new", "/cases/LGO-B/ombudsman-remedy", "Add a remedy")
		b.do(chromedp.SetValue(chromedp.CSS("#amount"), "a lot"))
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "Select the type of remedy") || !strings.Contains(got, "Enter the amount in pounds") {
			t.Errorf("a remedy without its type: %q", got)
		}
		b.check("remedy-error")
		b.visit("recommendation-new", "/cases/LGO-B/ombudsman-recommendation", "Add a recommendation")
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "Enter what the Ombudsman recommended") {
			t.Errorf("a recommendation without words: %q", got)
		}
		b.check("recommendation-error")
		b.visit("refuse", "/cases/CS-OPEN/refuse", "Why is the complaint refused?")
		b.submit(true)
		if got := b.main(); !strings.Contains(got, "Select why the complaint is refused") {
			t.Errorf("a refusal without a reason: %q", got)
		}
		b.check("refuse-error")
	}
	b.prefix = ""

	// A second remedy, due before the decision: refused with the rule's words.
	b.visit("remedy-add", "/cases/LGO-B/ombudsman-remedy", "Add a remedy")
	b.do(chromedp.SetValue(chromedp.CSS("#type"), "financial_payment"), chromedp.SetValue(chromedp.CSS("#amount"), "300"))
	b.do(b.date("due", "1", "3", "2015")...)
	b.submit(true)
	if got := b.text(".govuk-error-summary"); !strings.Contains(got, "The date remedy 2 is due must be on or after the date of the Ombudsman's decision (16 March 2015)") {
		t.Errorf("a remedy due before the decision: %q", got)
	}
	b.do(b.date("due", "16", "4", "2015")...)
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "Financial payment: £300.00") || !strings.Contains(got, "Ombudsman's remedy 2 recorded: Financial payment") {
		t.Errorf("the case after adding a remedy: %q", got)
	}
	// The first remedy is removed: the payment is the only one left.
	b.open("/cases/LGO-B/ombudsman-remedy?item=1")
	b.leave(chromedp.Click(chromedp.CSS(`button[name="remove"]`)), ".govuk-notification-banner--success")
	if got := b.text("#ombudsman ~ table"); strings.Contains(got, "Apology") || !strings.Contains(got, "£300.00") {
		t.Errorf("after removing the apology, the remedies are %q", got)
	}
	b.visit("recommendation-add", "/cases/LGO-B/ombudsman-recommendation", "Add a recommendation")
	b.do(chromedp.SetValue(chromedp.CSS("#text"), "Review how letters are sent"))
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "Review how letters are sent") {
		t.Errorf("the recommendation is not on the case: %q", got)
	}
	rec := app.record(t, "LGO-B")
	if len(rec.Ombudsman.Remedies) != 1 || rec.Ombudsman.Remedies[0].Pence != 30000 || len(rec.Ombudsman.Recommendations) != 1 {
		t.Errorf("stored: %+v", rec.Ombudsman)
	}

	// Refusing a complaint closes it, with its reason on the case.
	b.open("/cases/CS-OPEN/refuse")
	b.do(chromedp.Click(chromedp.CSS("#refusal_reason-2")))
	b.submit(false)
	if got := b.main(); !strings.Contains(got, "Reason for refusal") || !strings.Contains(got, heed.RefusedLegalProceedings.Label()) ||
		!strings.Contains(got, "Stage 1 outcome recorded: Refused") {
		t.Errorf("the refused case: %q", got)
	}
	b.check("refused-case")
	if r := app.record(t, "CS-OPEN"); r.Stage(1).Outcome != heed.OutcomeRefused || r.Closed.IsZero() {
		t.Errorf("stored: outcome %q, closed %s", r.Stage(1).Outcome, r.Closed)
	}
}
