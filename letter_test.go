package heed_test

import (
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// TestCheckLetterTemplate: a template is refused with its line and what is
// wrong in words, for fields that do not exist in any branch, bad syntax,
// and what could run long; a good one passes.
func TestCheckLetterTemplate(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       string // a piece of the message; "" for none
	}{
		{"plain text", "Dear {{.Complainant}}\n\nYour reference is {{.Reference}}.", ""},
		{"elements and the ombudsman", "{{range .Elements}}- {{.Number}} {{.Summary}}: {{.Finding}}\n{{end}}{{.Ombudsman.Address}}", ""},
		{"root inside range", "{{range .Elements}}{{$.Reference}} {{.Summary}}{{end}}", ""},
		{"with and if", "{{with .Remedy}}{{.}}{{end}}{{if and .NextStage .EscalateBy}}by {{.EscalateBy}}{{end}}", ""},
		{"variables", "{{range $i, $e := .Elements}}{{$i}} {{$e.Summary}}{{end}}", ""},
		{"empty", "  \n", "Enter the letter's text"},
		{"unknown field", "Dear {{.Complainant}}\n{{.Postcode}}", "Line 2: there is no field .Postcode"},
		{"mistyped field", "{{.serviceArea}}", "did you mean .ServiceArea?"},
		{"unknown field in a branch not taken", "{{if .YoungPerson}}{{.Age}}{{end}}", "Line 1: there is no field .Age"},
		{"unknown field of an element", "{{range .Elements}}\n{{.Outcome}}{{end}}", "Line 2: there is no field .Outcome: here the fields are .Number, .Summary, .Finding"},
		{"field of a text", "{{.Reference.Year}}", "a text has nothing inside it"},
		{"unclosed action", "Dear {{.Complainant", "Line 1:"},
		{"if without end", "{{if .Remedy}}yes", "has no {{end}}"},
		{"stray end", "text {{end}}", "closes nothing"},
		{"unknown function", "{{upper .Reference}}", "there is no function \"upper\""},
		{"printf refused", "{{printf \"%s\" .Reference}}", "there is no function \"printf\""},
		{"range over a number", "{{range 1000000000}}x{{end}}", "{{range}} goes over a list"},
		{"range over a text", "{{range .Reference}}x{{end}}", "{{range}} goes over a list"},
		{"deep ranges", "{{range .Elements}}{{range $.Elements}}{{range $.Elements}}x{{end}}{{end}}{{end}}", "at most one other"},
		{"define", "{{define \"x\"}}a{{end}}b", "cannot use {{define}}"},
		{"template call", "{{template \"letter\"}}", "cannot use {{template}}"},
		{"too long", strings.Repeat("a", heed.MaxLetterTemplate+1), "too long"},
		{"runtime error", "{{index .Elements 7}}", "index out of range"},
	} {
		t.Run(c.name, func(t *testing.T) {
			errs := heed.CheckLetterTemplate(c.body)
			if c.want == "" {
				if errs != nil {
					t.Fatalf("refused: %v", errs)
				}
				return
			}
			if errs == nil {
				t.Fatalf("accepted, want %q", c.want)
			}
			if !strings.Contains(errs.Error(), c.want) || errs[0].Field != "body" {
				t.Errorf("errors %v, want one on body containing %q", errs, c.want)
			}
		})
	}
}

// FuzzCheckLetterTemplate: whatever an administrator types, the check never
// panics, and a text it accepts runs over every sample case.
func FuzzCheckLetterTemplate(f *testing.F) {
	for _, s := range []string{"Dear {{.Complainant}}", "{{range .Elements}}{{.Summary}}{{end}}", "{{if .NextStage}}{{.EscalateBy}}{{else}}x{{end}}",
		"{{.Nope}}", "{{", "{{range 5}}{{end}}", "{{with $x := .Ombudsman}}{{$x.Phone}}{{end}}", "{{len .Elements | print}}",
		"{{index .Elements 0 | print}}", "{{(.Ombudsman).Name}}", "{{block \"a\" .}}{{end}}", "{{/* note */}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if heed.CheckLetterTemplate(body) != nil {
			return
		}
		for _, k := range heed.LetterKinds {
			for _, a := range heed.LetterAudiences {
				out, err := heed.ExecuteLetter(body, heed.SampleLetterFields(k, a, heed.Housing))
				if err != nil && !strings.Contains(err.Error(), "index out of range") && !strings.Contains(err.Error(), "error calling index") {
					t.Fatalf("accepted %q, but it fails for %s %s: %v", body, k, a, err)
				}
				if len(out) > 200_000 {
					t.Fatalf("accepted %q, which writes %d bytes", body, len(out))
				}
			}
		}
	})
}

// TestNewLetterFields: a letter's facts come from the case: the stage it is
// about, the findings, the date by which to ask for the next stage (20
// working days from the response, bank holidays skipped) and the right
// Ombudsman.
func TestNewLetterFields(t *testing.T) {
	cal := calendar.EnglandAndWales()
	rec := &heed.Record{Reference: "CMP-2026-00007", Type: heed.TypeComplaint, Received: d("2026-11-02"), ServiceArea: "Housing Repairs",
		Procedure: heed.Housing, ComplainantName: "Alex Sample", ComplainantType: heed.ComplainantChild,
		Stages: []heed.Stage{{Number: 1, Started: d("2026-11-02"), Acknowledged: d("2026-11-03"), Deadline: d("2026-11-17"),
			ExtendedTo: d("2026-11-24"), Responded: d("2026-12-10"), Outcome: heed.OutcomePartiallyUpheld,
			Elements: []heed.Element{{Summary: "Repair late", Finding: heed.FindingUpheld}, {Summary: "Rude call", Finding: heed.FindingNotUpheld}}}}}
	req := &heed.LetterCase{Kind: heed.LetterStage1, Audience: heed.AudienceFor(rec), Date: d("2026-12-11"), Council: "Example Council", Officer: "Jo Officer"}
	f, err := heed.NewLetterFields(cal, rec, 2, req)
	if err != nil {
		t.Fatal(err)
	}
	// The letter's day, 11 December 2026 (the response was recorded the day
	// before), + 20 working days: Christmas Day, Boxing Day (28 December,
	// substitute) and New Year's Day are skipped.
	if f.NextStage != 2 || f.EscalateBy != "13 January 2027" {
		t.Errorf("next stage %d by %q, want 2 by 13 January 2027", f.NextStage, f.EscalateBy)
	}
	if f.ResponseDue != "24 November 2026" || f.Outcome != "Partially upheld" || len(f.Elements) != 2 || f.Elements[1].Finding != "Not upheld" {
		t.Errorf("fields = %+v", f)
	}
	if !f.YoungPerson || f.Ombudsman.Name != "Housing Ombudsman Service" || !strings.Contains(f.Ombudsman.Address, "PR2 0ET") {
		t.Errorf("young %v, ombudsman %+v", f.YoungPerson, f.Ombudsman)
	}
	if _, err := heed.NewLetterFields(cal, rec, 2, &heed.LetterCase{Kind: heed.LetterStage2}); heed.ErrorCode(err) != heed.EINVALID {
		t.Errorf("a Stage 2 letter for a case with no Stage 2: %v", err)
	}
	rec.Procedure = heed.Corporate
	req.Kind = heed.LetterStage1
	f, _ = heed.NewLetterFields(cal, rec, 1, req)
	if f.NextStage != 0 || f.EscalateBy != "" || !strings.Contains(f.Ombudsman.Address, "CV4 0EH") {
		t.Errorf("last stage: next %d by %q, ombudsman %+v", f.NextStage, f.EscalateBy, f.Ombudsman)
	}
}

// TestAudienceFor: a child or young person, or a care leaver, gets the
// young person's version; an adult writing for a child the standard one.
func TestAudienceFor(t *testing.T) {
	for who, want := range map[heed.ComplainantType]heed.LetterAudience{
		heed.ComplainantChild: heed.AudienceYoungPerson, heed.ComplainantCareLeaver: heed.AudienceYoungPerson,
		heed.ComplainantParent: heed.AudienceStandard, heed.ComplainantAdvocate: heed.AudienceStandard, "": heed.AudienceStandard,
	} {
		if got := heed.AudienceFor(&heed.Record{ComplainantType: who, YoungPerson: true}); got != want {
			t.Errorf("complainant %q: %s, want %s", who, got, want)
		}
	}
}
