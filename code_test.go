package heed

import (
	"strings"
	"testing"
)

func TestLetterFigures(t *testing.T) {
	for _, tt := range []struct {
		key, value string
		want       string // the figure as read back, or the error's words
		ok         bool
	}{
		{"letter_upheld_rate", "62.5", "62.5", true},
		{"letter_upheld_rate", " 70 % ", "70", true},
		{"letter_compliance_rate", "100", "100", true},
		{"letter_compliance_rate", "", "", true},
		{"letter_compliance_rate", "101", "must be a percentage from 0 to 100", false},
		{"letter_satisfactory_remedy", "-1", "must be a percentage from 0 to 100", false},
		{"letter_satisfactory_remedy", "half", "must be a percentage from 0 to 100", false},
		{"letter_unknown", "5", "is not a figure", false},
	} {
		var l OmbudsmanLetter
		fe := l.SetFigure(tt.key, tt.value)
		if (fe == nil) != tt.ok {
			t.Errorf("SetFigure(%q, %q) = %v", tt.key, tt.value, fe)
			continue
		}
		if fe != nil {
			if !strings.Contains(fe.Message, tt.want) || fe.Field != tt.key {
				t.Errorf("SetFigure(%q, %q): %s %q", tt.key, tt.value, fe.Field, fe.Message)
			}
			continue
		}
		for _, f := range l.Figures() {
			if f.Key == tt.key && f.Value() != tt.want {
				t.Errorf("SetFigure(%q, %q) reads back %q", tt.key, tt.value, f.Value())
			}
		}
	}
}

func TestCodeAssessmentValidate(t *testing.T) {
	long := strings.Repeat("x", MaxAssessmentText+1)
	for _, tt := range []struct {
		name   string
		a      CodeAssessment
		fields []string
	}{
		{"empty", CodeAssessment{Code: CodeLGSCO, Year: 2026}, nil},
		{"answered", CodeAssessment{Code: CodeHousing, Year: 2027, Entries: []AssessmentEntry{{Requirement: "6.1", Compliant: Compliant}}}, nil},
		{"unknown code", CodeAssessment{Code: "ombudsman", Year: 2026}, []string{"code"}},
		{"before the Code", CodeAssessment{Code: CodeLGSCO, Year: 2025}, []string{"year"}},
		{"bad answer", CodeAssessment{Code: CodeLGSCO, Year: 2026, Entries: []AssessmentEntry{{Requirement: "6.1", Compliant: "maybe"}}}, []string{"6.1_compliant"}},
		{"long texts", CodeAssessment{Code: CodeLGSCO, Year: 2026, GoverningResponse: long,
			Entries: []AssessmentEntry{{Requirement: "2.1", Evidence: long}}}, []string{"2.1_evidence", "governing_response"}},
	} {
		errs := tt.a.Validate()
		var got []string
		for _, e := range errs {
			got = append(got, e.Field)
		}
		if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
			t.Errorf("%s: errors on %q, want %q", tt.name, got, tt.fields)
		}
	}
}
