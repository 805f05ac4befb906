package heed_test

import (
	"testing"

	"github.com/heedhq/heed"
)

// TestNormalizeYoungPerson checks that a complaint whose complainant is a
// child or young person is counted as one, whatever the form or file said
// of the flag, and that a flag ticked for someone else (a parent or an
// advocate complaining on a child's behalf) stays ticked.
func TestNormalizeYoungPerson(t *testing.T) {
	for _, c := range []struct {
		who    heed.ComplainantType
		ticked bool
		want   bool
	}{
		{heed.ComplainantChild, false, true},
		{heed.ComplainantChild, true, true},
		{heed.ComplainantParent, true, true},
		{heed.ComplainantAdvocate, true, true},
		{heed.ComplainantParent, false, false},
		{"", false, false},
	} {
		r := &heed.Record{Reference: "YP-1", Type: heed.TypeComplaint, Received: d("2015-03-02"), ServiceArea: "A",
			ComplainantType: c.who, YoungPerson: c.ticked}
		heed.DefaultRules().Normalize(r)
		if r.YoungPerson != c.want {
			t.Errorf("complainant %q, flag ticked %v: flag %v after Normalize, want %v", c.who, c.ticked, r.YoungPerson, c.want)
		}
	}
}
