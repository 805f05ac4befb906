package heed

import "testing"

func TestChangeWords(t *testing.T) {
	tests := []struct {
		t    RecordType
		c    Change
		want string
	}{
		{TypeComplaint, Change{"stage1_responded", "2026-12-20", "2026-12-10"}, "Stage 1 response date changed from 20 December 2026 to 10 December 2026"},
		{TypeComplaint, Change{"theme", "", "Delay"}, "Theme recorded: Delay"},
		{TypeComplaint, Change{"team", "Fostering", ""}, "Team removed (was Fostering)"},
		{TypeComplaint, Change{"stage2_outcome", "upheld", "partially_upheld"}, "Stage 2 outcome changed from Upheld to Partially upheld"},
		{TypeComplaint, Change{"stage1_element2_finding", "", "not_upheld"}, "Stage 1 element 2 finding recorded: Not upheld"},
		{TypeComplaint, Change{"stage1_pause1_to", "", "2026-03-04"}, "Stage 1 pause 1 end recorded: 4 March 2026"},
		{TypeSAR, Change{"stage1_extended_to", "", "2026-05-01"}, "Extended deadline recorded: 1 May 2026"},
		{TypeComplaint, Change{"complainant_type", "parent", "child_or_young_person"}, "Who the complainant is changed from Parent to Child or young person"},
		{TypeComplaint, Change{"lesson2_action3_due", "", "2026-01-31"}, "Lesson 2, action 3 due date recorded: 31 January 2026"},
		{TypeComplaint, Change{"learning", "", "Call back within a day"}, "Lesson 1 recorded: Call back within a day"},
		{TypeComplaint, Change{"received", "2026-11-03", "2026-11-02"}, "Date received changed from 3 November 2026 to 2 November 2026"},
		{TypeComplaint, Change{"ombudsman_remedy_amount", "", "250.00"}, "Ombudsman's financial remedy recorded: £250.00"},
	}
	for _, tt := range tests {
		if got := ChangeWords(tt.t, tt.c); got != tt.want {
			t.Errorf("ChangeWords(%v) =\n%q, want\n%q", tt.c, got, tt.want)
		}
	}
}
