package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// TestRemediesRecommendationsAndRefusal: the Ombudsman's remedies and
// recommendations are added, changed and removed one at a time, a
// complaint is refused with its reason, each save a new version with its
// history; a wrong form saves nothing, and a viewer or an investigator may
// not use them.
func TestRemediesRecommendationsAndRefusal(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	lgo := &heed.Record{Reference: "LGO-R", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-02"), ServiceArea: "Highways",
		Ombudsman: &heed.OmbudsmanCase{Decision: heed.DecisionUpheld, Decided: d("2015-03-16")}}
	if err := app.Store.CreateRecord(t.Context(), heed.Actor{Name: "test"}, lgo); err != nil {
		t.Fatal(err)
	}
	c := app.client(t)
	c.signIn("officer")
	steps := []struct {
		name, path string
		form       url.Values
		wantError  string
		check      func(*heed.Record) bool
	}{
		{"a remedy without its type", "LGO-R/ombudsman-remedy", url.Values{"amount": {"250"}}, "Select the type of remedy", nil},
		{"a remedy past the limit", "LGO-R/ombudsman-remedy", url.Values{"type": {"financial_payment"}, "amount": {"2000000"}}, "Enter the amount in pounds", nil},
		{"a remedy complied tomorrow", "LGO-R/ombudsman-remedy", merge(date3("complied", "21", "3", "2015"), url.Values{"type": {"apology"}}),
			"The date the council complied with remedy 1 must be today (20 March 2015) or earlier", nil},
		{"a remedy", "LGO-R/ombudsman-remedy", merge(date3("due", "16", "4", "2015"), url.Values{"type": {"financial_payment"}, "amount": {"1,250.50"}}), "",
			func(r *heed.Record) bool {
				return len(r.Ombudsman.Remedies) == 1 && r.Ombudsman.Remedies[0].Pence == 125050 && r.Ombudsman.Remedies[0].Due == d("2015-04-16")
			}},
		{"another remedy", "LGO-R/ombudsman-remedy", url.Values{"type": {"apology"}}, "",
			func(r *heed.Record) bool {
				return len(r.Ombudsman.Remedies) == 2 && r.Ombudsman.Remedies[1].Type == heed.RemedyApology
			}},
		{"the first remedy complied with", "LGO-R/ombudsman-remedy?item=1",
			merge(date3("due", "16", "4", "2015"), date3("complied", "19", "3", "2015"), url.Values{"item": {"1"}, "type": {"financial_payment"}, "amount": {"1250.50"}}), "",
			func(r *heed.Record) bool { return r.Ombudsman.Remedies[0].Complied == d("2015-03-19") }},
		{"the first remedy removed", "LGO-R/ombudsman-remedy?item=1", url.Values{"item": {"1"}, "remove": {"yes"}}, "",
			func(r *heed.Record) bool {
				return len(r.Ombudsman.Remedies) == 1 && r.Ombudsman.Remedies[0].Type == heed.RemedyApology
			}},
		{"a recommendation without words", "LGO-R/ombudsman-recommendation", date3("due", "1", "6", "2015"), "Enter what the Ombudsman recommended", nil},
		{"a recommendation", "LGO-R/ombudsman-recommendation", merge(date3("due", "1", "6", "2015"), url.Values{"text": {"Review the letters"}}), "",
			func(r *heed.Record) bool {
				return len(r.Ombudsman.Recommendations) == 1 && r.Ombudsman.Recommendations[0].Due == d("2015-06-01")
			}},
		{"no fault for an upheld decision", "LGO-R/ombudsman", merge(date3("decided", "16", "3", "2015"), url.Values{"decision": {"upheld"}, "fault": {"no"}}),
			"cannot be no for an upheld decision", nil},
		{"fault found", "LGO-R/ombudsman", merge(date3("decided", "16", "3", "2015"), url.Values{"decision": {"upheld"}, "fault": {"yes"}}), "",
			func(r *heed.Record) bool {
				return r.Ombudsman.Fault == heed.FaultFound && len(r.Ombudsman.Remedies) == 1
			}},
		{"a refusal without a reason", "CS-OPEN/refuse", date3("refused", "20", "3", "2015"), "Select why the complaint is refused", nil},
		{"a refusal", "CS-OPEN/refuse", merge(date3("refused", "20", "3", "2015"), url.Values{"refusal_reason": {"previously_considered"}}), "",
			func(r *heed.Record) bool {
				return r.Stage(1).Outcome == heed.OutcomeRefused && r.Stage(1).RefusalReason == heed.RefusedPreviouslyConsidered && r.Closed == d("2015-03-20")
			}},
		{"a correction refused without its reason", "CS-OPEN/correct-stage-1", merge(date3("acknowledged", "3", "3", "2015"),
			url.Values{"investigator": {"ivy"}, "outcome": {"refused"}, "change_reason": {"wrong reason"}}), "Refusal reason is required", nil},
		{"the reason corrected", "CS-OPEN/correct-stage-1", merge(date3("acknowledged", "3", "3", "2015"),
			url.Values{"investigator": {"ivy"}, "outcome": {"refused"}, "refusal_reason": {"out_of_time"}, "change_reason": {"wrong reason"}}), "",
			func(r *heed.Record) bool {
				return r.Stage(1).Outcome == heed.OutcomeRefused && r.Stage(1).RefusalReason == heed.RefusedOutOfTime && r.Stage(1).Acknowledged == d("2015-03-03")
			}},
		{"withdrawn, not refused", "CS-OPEN/correct-stage-1", merge(date3("acknowledged", "3", "3", "2015"),
			url.Values{"investigator": {"ivy"}, "outcome": {"withdrawn"}, "change_reason": {"it was withdrawn"}}), "",
			func(r *heed.Record) bool {
				return r.Stage(1).Outcome == heed.OutcomeWithdrawn && r.Stage(1).RefusalReason == ""
			}},
	}
	for _, st := range steps {
		ref, _, _ := strings.Cut(st.path, "/")
		before := app.record(t, ref)
		res := c.submit("/cases/"+st.path, st.form)
		after := app.record(t, ref)
		if st.wantError != "" {
			if res.Code != http.StatusBadRequest || !strings.Contains(errorSummary(res.Body), st.wantError) {
				t.Errorf("%s: %d, errors %q, want %q", st.name, res.Code, errorSummary(res.Body), st.wantError)
			}
			if after.Version != before.Version {
				t.Errorf("%s: a refused form saved a new version", st.name)
			}
			continue
		}
		if res.Code != http.StatusSeeOther {
			t.Fatalf("%s: %d, errors %q", st.name, res.Code, errorSummary(res.Body))
		}
		if !st.check(after) {
			t.Errorf("%s: the case is now %+v %+v", st.name, after.Ombudsman, after.Stages)
		}
		if after.Version != before.Version+1 {
			t.Errorf("%s: version %d → %d", st.name, before.Version, after.Version)
		}
		if e := app.lastChange(t, ref); e.Actor != "officer" || len(e.Changes) == 0 {
			t.Errorf("%s: history %+v", st.name, e)
		}
	}
	if res := c.get("/cases/LGO-R/ombudsman-remedy?item=9"); res.Code != http.StatusNotFound {
		t.Errorf("a remedy the case lacks: %d", res.Code)
	}
	if res := c.get("/cases/CS-OPEN/refuse"); res.Code != http.StatusUnprocessableEntity { // closed
		t.Errorf("refusing a refused complaint: %d", res.Code)
	}
	page := c.get("/cases/LGO-R").Body
	if !strings.Contains(page, "record what was learnt") || !strings.Contains(page, "Review the letters") {
		t.Errorf("the case page does not ask for a lesson or show the recommendation")
	}
	for _, who := range []string{"viewer", "ivy"} {
		o := app.client(t)
		o.signIn(who)
		if res := o.get("/cases/LGO-R/ombudsman-remedy"); res.Code == http.StatusOK {
			t.Errorf("%s may add a remedy", who)
		}
	}
}
