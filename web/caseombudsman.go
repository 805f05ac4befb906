package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// The Ombudsman's remedies and recommendations are added, changed and
// removed one at a time, each on its own page (?item=N changes the Nth;
// none adds one), as GOV.UK's "add another" pattern does without
// JavaScript. The case's version guards each save, and its history says
// what changed.

// ombudsmanEnquiry is why a form of the Ombudsman's part does not apply.
func ombudsmanEnquiry(rec *heed.Record, _ heed.Rules) string {
	if rec.Type != heed.TypeOmbudsmanEnquiry {
		return "Only an Ombudsman enquiry has an Ombudsman decision."
	}
	return ""
}

// itemInputs maps the numbered keys of one kind of item (ombudsman_remedy)
// to the form's inputs: the form shows one item, so every number's error
// belongs by its inputs.
func itemInputs(prefix string, inputs map[string]string) map[string]string {
	out := map[string]string{}
	for n := 1; n <= 50; n++ {
		for suffix, id := range inputs {
			out[fmt.Sprintf("%s%d%s", prefix, n, suffix)] = id
		}
	}
	return out
}

// remedies are the remedies of the record's Ombudsman part, for the forms.
func remedies(rec *heed.Record) int {
	if rec.Ombudsman == nil {
		return 0
	}
	return len(rec.Ombudsman.Remedies)
}

func recommendations(rec *heed.Record) int {
	if rec.Ombudsman == nil {
		return 0
	}
	return len(rec.Ombudsman.Recommendations)
}

// ombudsmanOf returns the record's Ombudsman part, made when it has none.
func ombudsmanOf(rec *heed.Record) *heed.OmbudsmanCase {
	if rec.Ombudsman == nil {
		rec.Ombudsman = &heed.OmbudsmanCase{}
	}
	return rec.Ombudsman
}

var remedyForm = &caseForm{
	path: "ombudsman-remedy", title: "Add a remedy", template: "case_remedy",
	allowed: (*heed.User).CanAllocate, done: "remedy", applies: ombudsmanEnquiry, items: remedies,
	inputs: itemInputs("ombudsman_remedy", map[string]string{"_type": "type", "_amount": "amount", "_due": "due-day", "_complied": "complied-day"}),
	fill: func(f *formPage, v url.Values) {
		if f.Item == 0 {
			return
		}
		m := f.Record.Ombudsman.Remedies[f.Item-1]
		v.Set("type", string(m.Type))
		if m.Pence > 0 {
			v.Set("amount", strings.TrimPrefix(pounds(m.Pence), "£"))
		}
		setDate(v, "due", m.Due)
		setDate(v, "complied", m.Complied)
	},
	apply: func(f *formPage, v url.Values) heed.FieldErrors {
		o := ombudsmanOf(f.Record)
		if v.Get("remove") == "yes" && f.Item > 0 {
			o.Remedies = append(o.Remedies[:f.Item-1], o.Remedies[f.Item:]...)
			return nil
		}
		var errs heed.FieldErrors
		var m heed.Remedy
		if t := v.Get("type"); !hasOption(f.Options["remedies"], t) {
			errs = append(errs, heed.FieldError{Field: "type", Message: "Select the type of remedy"})
		} else {
			m.Type = heed.RemedyType(t)
		}
		if amount := strings.TrimSpace(v.Get("amount")); amount != "" {
			pence, err := heed.ParsePounds(amount)
			if err != nil {
				errs = append(errs, heed.FieldError{Field: "amount", Message: "Enter the amount in pounds, such as 250 or 1,250.50, up to £" + thousands(heed.MaxRemedyPence/100)})
			}
			m.Pence = pence
		}
		var err *heed.FieldError
		if m.Due, err = dateInput(v, "due", "The date the remedy is due"); err != nil {
			errs = append(errs, *err)
		}
		if m.Complied, err = dateInput(v, "complied", "The date the council complied"); err != nil {
			errs = append(errs, *err)
		}
		if f.Item == 0 {
			o.Remedies = append(o.Remedies, m)
		} else {
			o.Remedies[f.Item-1] = m
		}
		return errs
	},
}

var recommendationForm = &caseForm{
	path: "ombudsman-recommendation", title: "Add a recommendation", template: "case_recommendation",
	allowed: (*heed.User).CanAllocate, done: "recommendation", applies: ombudsmanEnquiry, items: recommendations,
	inputs: itemInputs("ombudsman_recommendation", map[string]string{"": "text", "_due": "due-day", "_complied": "complied-day"}),
	fill: func(f *formPage, v url.Values) {
		if f.Item == 0 {
			return
		}
		m := f.Record.Ombudsman.Recommendations[f.Item-1]
		v.Set("text", m.Text)
		setDate(v, "due", m.Due)
		setDate(v, "complied", m.Complied)
	},
	apply: func(f *formPage, v url.Values) heed.FieldErrors {
		o := ombudsmanOf(f.Record)
		if v.Get("remove") == "yes" && f.Item > 0 {
			o.Recommendations = append(o.Recommendations[:f.Item-1], o.Recommendations[f.Item:]...)
			return nil
		}
		var errs heed.FieldErrors
		m := heed.Recommendation{Text: strings.TrimSpace(v.Get("text"))}
		if m.Text == "" {
			errs = append(errs, heed.FieldError{Field: "text", Message: "Enter what the Ombudsman recommended"})
		}
		var err *heed.FieldError
		if m.Due, err = dateInput(v, "due", "The date the recommendation is due"); err != nil {
			errs = append(errs, *err)
		}
		if m.Complied, err = dateInput(v, "complied", "The date the council complied"); err != nil {
			errs = append(errs, *err)
		}
		if f.Item == 0 {
			o.Recommendations = append(o.Recommendations, m)
		} else {
			o.Recommendations[f.Item-1] = m
		}
		return errs
	},
}

// parseItem reads which item a form changes: 0 adds one; -1 is none the
// record has.
func parseItem(raw string, items int) int {
	if raw == "" || raw == "new" {
		return 0
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > items {
		return -1
	}
	return n
}
