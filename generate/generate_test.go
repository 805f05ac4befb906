package generate

import (
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var (
	rules = heed.DefaultRules()
	cal   = calendar.EnglandAndWales()
	end   = calendar.MustParseDate("2026-10-31")
)

func collect(t testing.TB, opts Options) []*heed.Record {
	t.Helper()
	var out []*heed.Record
	if err := Records(opts, rules, cal, func(r *heed.Record) error { out = append(out, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := collect(t, Options{Records: 500, Years: 2, End: end, Seed: 7})
	b := collect(t, Options{Records: 500, Years: 2, End: end, Seed: 7})
	c := collect(t, Options{Records: 500, Years: 2, End: end, Seed: 8})
	same := 0
	for i := range a {
		if d := heed.Diff(a[i].Fields(), b[i].Fields()); len(d) > 0 {
			t.Fatalf("record %d differs between two runs with one seed: %+v", i, d)
		}
		if len(heed.Diff(a[i].Fields(), c[i].Fields())) == 0 {
			same++
		}
	}
	if same == len(a) {
		t.Error("another seed gave the same records")
	}
}

// TestRecordsAreValidAndCoverTheCases generates three years and checks that
// every record passes the rules and that every case clocks and reports must
// handle appears.
func TestRecordsAreValidAndCoverTheCases(t *testing.T) {
	const n = 20000
	recs := collect(t, Options{Records: n, Years: 3, End: end, Seed: 1})
	if len(recs) != n {
		t.Fatalf("%d records, want %d", len(recs), n)
	}
	first := calendar.NewDate(2024, time.April, 1)
	seen := map[string]int{}
	refs := map[string]bool{}
	complaints := map[string]bool{}
	var prev calendar.Date
	for _, r := range recs {
		if errs := rules.Check(cal, r); len(errs) > 0 {
			t.Fatalf("%s is invalid: %v", r.Reference, errs)
		}
		if refs[r.Reference] {
			t.Fatalf("reference %s used twice", r.Reference)
		}
		refs[r.Reference] = true
		if r.Received.Before(prev) || r.Received.Before(first) || r.Received.After(end) {
			t.Fatalf("%s received %s: out of order or outside 2024/25 to %s", r.Reference, r.Received, end)
		}
		prev = r.Received
		seen["type "+string(r.Type)]++
		seen["procedure "+string(r.Procedure)]++
		if r.Received.Weekday() == time.Saturday {
			seen["received on a Saturday"]++
		}
		if r.Received.Month() == time.December && r.Received.Day() == 24 {
			seen["received on Christmas Eve"]++
		}
		if next := r.Received.AddDays(3); r.Received.Weekday() == time.Friday && !cal.IsWorkingDay(next) {
			seen["received before a bank holiday Monday"]++
		}
		if r.Type == heed.TypeSAR && r.Received.Month() == time.January && r.Received.Day() >= 30 {
			seen["SAR on 30 or 31 January"]++
		}
		if r.YoungPerson && r.Advocacy == heed.AdvocacyProvided {
			seen["young person with an advocate"]++
		}
		if len(r.Lessons) > 0 && len(r.Lessons[0].Actions) > 0 {
			seen["learning action"]++
		}
		for _, s := range r.Stages {
			seen["stage "+string(rune('0'+s.Number))]++
			if s.Outcome == heed.OutcomeNotProgressed {
				seen["not progressed"]++
			}
			if len(s.Elements) > 0 {
				seen["elements"]++
			}
			if !s.ExtendedTo.IsZero() {
				seen["extension"]++
			}
			if in, ok := s.InTime(); ok && !in {
				seen["late"]++
			}
			if s.Open() && s.Deadline.Before(end) {
				seen["open and overdue"]++
			}
		}
		if r.Type == heed.TypeOmbudsmanEnquiry && r.RelatedReference != "" {
			if !complaints[r.RelatedReference] {
				t.Fatalf("%s concerns %s, which is not an earlier complaint", r.Reference, r.RelatedReference)
			}
			seen["ombudsman linked to a complaint"]++
		}
		if r.Type == heed.TypeComplaint {
			complaints[r.Reference] = true
		}
	}
	want := []string{"received on a Saturday", "received on Christmas Eve", "received before a bank holiday Monday",
		"SAR on 30 or 31 January", "young person with an advocate", "learning action", "stage 1", "stage 2", "stage 3",
		"not progressed", "elements", "extension", "late", "open and overdue", "ombudsman linked to a complaint"}
	for _, t0 := range heed.RecordTypes {
		want = append(want, "type "+string(t0))
	}
	for _, p := range heed.ProcedureIDs {
		want = append(want, "procedure "+string(p))
	}
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("no record with %s", w)
		}
	}
	// Realism: roughly 65% of answered Stage 1 complaints are in time.
	in, answered := 0, 0
	for _, r := range recs {
		if r.Type == heed.TypeComplaint {
			if ok, done := r.Stage(1).InTime(); done {
				answered++
				if ok {
					in++
				}
			}
		}
	}
	if pct := 100 * in / answered; pct < 55 || pct > 80 {
		t.Errorf("%d%% of Stage 1 responses in time, want about 65%%", pct)
	}
}

func TestOptionsAreRequired(t *testing.T) {
	if err := Records(Options{}, rules, cal, func(*heed.Record) error { return nil }); err == nil {
		t.Error("no options: no error")
	}
}

func BenchmarkRecords(b *testing.B) {
	for b.Loop() {
		if err := Records(Options{Records: 100000, Years: 3, End: end, Seed: 1}, rules, cal, func(*heed.Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
