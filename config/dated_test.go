package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// datedCorporate gives the corporate procedure three dated sets: the
// council's own from the start, a revision in 2020, the Code's from 2026.
const datedCorporate = `council_name = "X"

[procedures.corporate]
from = 2026-04-01
name = "the Complaint Handling Code's timescales"

[procedures.corporate.stage1]
target_working_days = 10

[[procedures.corporate.before]]
name = "the council's first corporate timescales"
stage1 = { target_working_days = 15, max_working_days = 20 }
stage2 = { target_working_days = 25, max_working_days = 40 }

[[procedures.corporate.before]]
from = "2020-01-06"
name = "the council's revised corporate timescales"

[procedures.corporate.before.stage1]
target_working_days = 12
`

func TestDatedTargets(t *testing.T) {
	cfg, err := Load(write(t, datedCorporate), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Rules().Procedures[heed.Corporate]
	sets := p.Sets()
	if len(sets) != 3 {
		t.Fatalf("%d sets, want 3: %+v", len(sets), sets)
	}
	tests := []struct {
		day                  string
		name                 string
		stage1, stage2, ack1 int
		fromAcknowledgement  bool
	}{
		{"2015-06-01", "the council's first corporate timescales", 15, 25, 0, false},
		// The revision starts as the built-in set of its day (the council's
		// before the Code): 20 at Stage 2.
		{"2020-01-06", "the council's revised corporate timescales", 12, 20, 0, false},
		{"2026-03-31", "the council's revised corporate timescales", 12, 20, 0, false},
		{"2026-04-01", "the Complaint Handling Code's timescales", 10, 20, 5, true},
	}
	for _, tt := range tests {
		set := p.SetOn(calendar.MustParseDate(tt.day))
		if set.Name != tt.name || set.Stages[0].TargetDays != tt.stage1 || set.Stages[1].TargetDays != tt.stage2 ||
			set.Stages[0].AcknowledgeDays != tt.ack1 || set.Stages[0].FromAcknowledgement != tt.fromAcknowledgement {
			t.Errorf("%s: %+v, want %s, %d and %d working days, %d to acknowledge", tt.day, set, tt.name, tt.stage1, tt.stage2, tt.ack1)
		}
	}
	for _, key := range []string{"from = 2026-04-01", "[[procedures.corporate.before]]", "before = []"} {
		if !strings.Contains(Example(), key) {
			t.Errorf("the example does not document %s", key)
		}
	}
	// Without [[before]], the built-in earlier set stays.
	cfg, err = Load(write(t, "[procedures.corporate.stage1]\ntarget_working_days = 8\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	p = cfg.Rules().Procedures[heed.Corporate]
	if len(p.Earlier) != 1 || p.Earlier[0].Name != heed.CorporateTimescales || p.Stages[0].TargetDays != 8 || p.Earlier[0].Stages[0].TargetDays != 10 {
		t.Errorf("the file's targets in force now changed the earlier set: %+v", p)
	}
	// before = [] makes the targets in force now apply to every stage.
	cfg, err = Load(write(t, "[procedures.corporate]\nbefore = []\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if p := cfg.Rules().Procedures[heed.Corporate]; len(p.Earlier) != 0 || !p.SetOn(calendar.MustParseDate("2015-01-05")).Stages[0].FromAcknowledgement {
		t.Errorf("before = [] left earlier sets: %+v", p)
	}
}

// TestDatedTargetProblems: a wrong date, or a set in the wrong order or
// past a statutory maximum, names the line of the set.
func TestDatedTargetProblems(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // each "line:key:words"
	}{
		{"a date that is not one", "[procedures.corporate]\nfrom = \"2026-13-01\"\n",
			[]string{"2:procedures.corporate.from:is not a date"}},
		{"a number for a date", "[procedures.corporate]\nfrom = 2026\n",
			[]string{"2:procedures.corporate.from:must be a date"}},
		{"the second earlier set's target above the maximum", "[[procedures.corporate.before]]\n\n[[procedures.corporate.before]]\nfrom = 2020-01-06\n[procedures.corporate.before.stage2]\ntarget_working_days = 41\n",
			[]string{"6:procedures.corporate.before[2].stage2.target_working_days:above the statutory maximum of 40"}},
		{"sets out of order", "[procedures.corporate]\nfrom = 2019-04-01\n\n[[procedures.corporate.before]]\n[[procedures.corporate.before]]\nfrom = 2020-01-06\n",
			[]string{"2:procedures.corporate.from:1 April 2019 is not after 6 January 2020"}},
		{"a later set without a date", "[[procedures.corporate.before]]\n[[procedures.corporate.before]]\nname = \"revised\"\n",
			[]string{"2:procedures.corporate.before[2].from:give the date"}},
		{"an earlier set with a stage the procedure lacks", "[procedures.housing]\nfrom = 2024-04-01\n[[procedures.housing.before]]\n[procedures.housing.before.stage3]\ntarget_working_days = 10\n",
			[]string{"4:procedures.housing.before[1].stage3:2 stages"}},
		{"a date outside the years Heed counts", "[procedures.corporate]\nfrom = 1900-04-01\n",
			[]string{"2:procedures.corporate.from:outside the years"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.text)
			err := Check(p, env(nil))
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v (%T), want Errors", err, err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				parts := strings.SplitN(w, ":", 3)
				got := errs[i]
				if !strings.Contains(got.String(), ", line "+parts[0]+":") || got.Key != parts[1] || !strings.Contains(got.String(), parts[2]) {
					t.Errorf("problem %q, want line %s key %q containing %q", got.String(), parts[0], parts[1], parts[2])
				}
			}
		})
	}
}
