package web

import (
	"net/url"

	"github.com/heedhq/heed"
)

// refuseForm records that the council does not accept a complaint into its
// procedure: Stage 1's outcome refused, with the reason, closing the case on
// the day of the refusal.
var refuseForm = &caseForm{
	path: "refuse", title: "Refuse this complaint", template: "case_refuse",
	allowed: (*heed.User).CanAllocate, done: "refused",
	applies: func(rec *heed.Record, _ heed.Rules) string {
		st := latestStage(rec)
		switch {
		case rec.Type != heed.TypeComplaint || st == nil:
			return "Only a complaint can be refused."
		case st.Number != 1 || !st.Open():
			return "Only a complaint still waiting for its Stage 1 response can be refused."
		}
		return ""
	},
	inputs: map[string]string{"refusal_reason": "refusal_reason", "closed": "refused-day", "outcome": "refusal_reason"},
	fill:   func(f *formPage, v url.Values) { setDate(v, "refused", f.Today) },
	apply: func(f *formPage, v url.Values) heed.FieldErrors {
		var errs heed.FieldErrors
		reason := v.Get("refusal_reason")
		if !hasOption(f.Options["refusals"], reason) {
			errs = append(errs, heed.FieldError{Field: "refusal_reason", Message: "Select why the complaint is refused"})
		}
		d, err := requiredDate(v, "refused", "The date the council refused the complaint")
		if err != nil {
			errs = append(errs, *err)
		}
		f.Stage.Outcome, f.Stage.RefusalReason = heed.OutcomeRefused, heed.RefusalReason(reason)
		f.Record.Closed = d
		return errs
	},
}
