package generate

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// testEnd is a fixed last received date, safely in the past so that no
// record is "in the future", with Christmas Eve and open cases close by.
func testEnd() calendar.Date { return calendar.NewDate(2025, time.December, 31) }

func collect(t testing.TB, opts Options) []*heed.Record {
	t.Helper()
	var out []*heed.Record
	err := Records(opts, heed.DefaultRules(), calendar.EnglandAndWales(), func(r *heed.Record) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	opts := Options{Records: 2000, Years: 2, End: testEnd(), Seed: 7}
	a, b := collect(t, opts), collect(t, opts)
	opts.Seed = 8
	c := collect(t, opts)
	same := 0
	for i := range a {
		if d := heed.Diff(a[i].Fields(), b[i].Fields()); len(d) > 0 {
			t.Fatalf("record %d differs between two runs with one seed: %+v", i, d)
		}
		if maps.Equal(a[i].Fields(), c[i].Fields()) {
			same++
		}
	}
	if same == len(a) {
		t.Error("another seed gave the same records")
	}
}

func TestCounts(t *testing.T) {
	for _, opts := range []Options{
		{Records: 0, Years: 1, End: testEnd(), Seed: 1},
		{Records: 1, Years: 1, End: testEnd(), Seed: 1},
		{Records: 37, Years: 1, End: calendar.NewDate(2025, time.April, 1), Seed: 2},
		{Records: 5000, Years: 5, End: testEnd(), Seed: 3},
	} {
		recs := collect(t, opts)
		if len(recs) != opts.Records {
			t.Errorf("%+v: %d records, want %d", opts, len(recs), opts.Records)
		}
		first := calendar.NewDate(opts.End.FinancialYear()-opts.Years+1, time.April, 1)
		refs := map[string]bool{}
		var prev calendar.Date
		for _, r := range recs {
			if r.Received.Before(prev) || r.Received.Before(first) || r.Received.After(opts.End) {
				t.Fatalf("%+v: %s received %s: out of order or outside %s to %s", opts, r.Reference, r.Received, first, opts.End)
			}
			prev = r.Received
			if refs[r.Reference] {
				t.Fatalf("%+v: reference %s used twice", opts, r.Reference)
			}
			refs[r.Reference] = true
		}
	}
}

func TestBadOptions(t *testing.T) {
	ok := Options{Records: 10, Years: 1, End: testEnd()}
	noHousing := heed.DefaultRules()
	noHousing.Procedures = maps.Clone(noHousing.Procedures)
	delete(noHousing.Procedures, heed.Housing)
	for _, tc := range []struct {
		name  string
		opts  Options
		rules heed.Rules
		cal   *calendar.Calendar
	}{
		{"nothing", Options{}, heed.DefaultRules(), calendar.EnglandAndWales()},
		{"negative records", Options{Records: -1, Years: 1, End: testEnd()}, heed.DefaultRules(), calendar.EnglandAndWales()},
		{"no years", Options{Records: 10, End: testEnd()}, heed.DefaultRules(), calendar.EnglandAndWales()},
		{"no end", Options{Records: 10, Years: 1}, heed.DefaultRules(), calendar.EnglandAndWales()},
		{"no calendar", ok, heed.DefaultRules(), nil},
		{"no housing procedure", ok, noHousing, calendar.EnglandAndWales()},
	} {
		err := Records(tc.opts, tc.rules, tc.cal, func(*heed.Record) error { return nil })
		if err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestStopsOnError(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Records(Options{Records: 100, Years: 1, End: testEnd()}, heed.DefaultRules(), calendar.EnglandAndWales(),
		func(*heed.Record) error {
			if calls++; calls == 3 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || calls != 3 {
		t.Errorf("got %v after %d calls, want stop after 3", err, calls)
	}
}

func TestReferences(t *testing.T) {
	for _, tc := range []struct {
		group int
		year  int
		n     int
		want  string
	}{
		{groupChildren, 2014, 1, "CS-2014-00001"},
		{groupChildren, 2014, 123, "CS-2014-00123"},
		{groupInformation, 2015, 99999, "IG-2015-99999"},
		{groupCorporate, 2015, 123456, "CO-2015-123456"},
	} {
		g := newGen(Options{Years: 2, End: calendar.NewDate(2016, time.March, 31)}, heed.DefaultRules(),
			calendar.EnglandAndWales(), newCatalogue())
		g.seq[tc.group][tc.year-g.firstYear] = tc.n - 1
		if got := g.reference(tc.group, calendar.NewDate(tc.year, time.May, 1)); got != tc.want {
			t.Errorf("reference %d of group %d in %d = %q, want %q", tc.n, tc.group, tc.year, got, tc.want)
		}
	}
}

// TestValidAndCovering generates three years and checks that every record
// passes the rules unchanged by Normalize, that every case clocks and reports
// must handle appears, and that proportions are near the seed council's.
func TestValidAndCovering(t *testing.T) {
	const n = 20000
	end := testEnd()
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	recs := collect(t, Options{Records: n, Years: 3, End: end, Seed: 1})
	if len(recs) != n {
		t.Fatalf("%d records, want %d", len(recs), n)
	}
	seen := map[string]int{}
	complaints := map[string]bool{}
	var (
		answered, inTime        int // Stage 1 of complaints
		upheld, partly, decided int
	)
	for _, r := range recs {
		before := r.Fields()
		rules.Normalize(r)
		if d := heed.Diff(before, r.Fields()); len(d) > 0 {
			t.Fatalf("%s: Normalize changed %+v", r.Reference, d)
		}
		if errs := rules.Check(cal, r, end); len(errs) > 0 {
			t.Fatalf("%s is invalid: %v", r.Reference, errs)
		}
		if !strings.HasPrefix(r.Reference[3:], "20") || r.Reference[2] != '-' {
			t.Fatalf("reference %q is not like CS-2014-00123", r.Reference)
		}
		seen["type "+string(r.Type)]++
		seen["procedure "+string(r.Procedure)]++
		seen["redirected to "+string(r.RedirectedTo)]++
		wd := r.Received.Weekday()
		switch {
		case wd == time.Saturday:
			seen["received on a Saturday"]++
		case r.Received.Month() == time.December && r.Received.Day() == 24:
			seen["received on Christmas Eve"]++
		case wd == time.Friday && r.Received.AddDays(3).Weekday() == time.Monday && !cal.IsWorkingDay(r.Received.AddDays(3)):
			seen["received on the Friday before a bank holiday Monday"]++
		}
		if r.Type == heed.TypeSAR && r.Received.Month() == time.January && r.Received.Day() >= 30 {
			seen["SAR on 30 or 31 January"]++
			if s := r.Stage(1); s.Deadline.Month() != time.February && s.Deadline.Month() != time.March {
				t.Errorf("%s received %s is due %s", r.Reference, r.Received, s.Deadline)
			}
		}
		if r.Type == heed.TypeSAR && r.ServiceArea == "" {
			seen["SAR with no service area"]++
		}
		if r.YoungPerson && r.ComplainantType == heed.ComplainantChild {
			seen["young person, advocacy "+string(r.Advocacy)]++
		}
		if r.Team != "" && r.Theme != "" && r.Summary != "" && r.ComplainantName != "" && r.Channel != "" {
			seen["complete details"]++
		}
		for _, l := range r.Lessons {
			if l.NoLearning {
				seen["no learning identified"]++
			}
			for _, a := range l.Actions {
				if a.Owner == "" || a.Due.IsZero() || strings.Contains(r.ComplainantName, a.Owner) {
					t.Errorf("%s: action %+v needs an owner's job title and a due date", r.Reference, a)
				}
				if a.Completed.IsZero() {
					seen["action open"]++
				} else {
					seen["action completed"]++
				}
			}
		}
		for i := range r.Stages {
			s := &r.Stages[i]
			seen["stage "+string(rune('0'+s.Number))]++
			seen["outcome "+string(s.Outcome)]++
			if len(s.Pauses) > 0 {
				seen["pause"]++
			}
			findings := map[heed.Finding]bool{}
			for _, e := range s.Elements {
				findings[e.Finding] = true
			}
			if len(findings) > 1 {
				seen["elements with different findings"]++
			}
			if len(s.Elements) > 0 && s.Outcome != heed.DerivedOutcome(s.Elements) {
				t.Errorf("%s: Stage %d outcome %s, elements give %s", r.Reference, s.Number, s.Outcome, heed.DerivedOutcome(s.Elements))
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
			if s.Open() && !s.Deadline.Before(end) {
				seen["open and not yet due"]++
			}
			if s.Number > 1 {
				prev := r.Stage(s.Number - 1)
				if limit := cal.AddWorkingDays(prev.Responded, 20); prev.Responded.IsZero() || s.Started.After(limit) {
					t.Errorf("%s: Stage %d asked for %s, more than 20 working days after %s", r.Reference, s.Number, s.Started, prev.Responded)
				}
			}
		}
		// A refused complaint has no response: the date closed is the refusal's.
		if s := r.Stage(len(r.Stages)); s != nil && !s.Open() && s.Outcome != heed.OutcomeRefused && !r.Closed.Equal(s.Responded) {
			t.Errorf("%s: closed %s, but the last stage was answered %s", r.Reference, r.Closed, s.Responded)
		}
		if r.RelatedReference != "" && !complaints[r.RelatedReference] {
			t.Fatalf("%s concerns %s, which is not an earlier complaint", r.Reference, r.RelatedReference)
		}
		if r.Type == heed.TypeOmbudsmanEnquiry {
			if r.RelatedReference == "" {
				t.Fatalf("%s: an Ombudsman enquiry about no complaint", r.Reference)
			}
			if o := r.Ombudsman; o != nil && !o.Decided.IsZero() {
				seen["ombudsman decision"]++
			}
		}
		if r.Type == heed.TypeComplaint {
			complaints[r.Reference] = true
			if r.RelatedReference != "" {
				seen["repeat complaint"]++
			}
			s := r.Stage(1)
			if in, ok := s.InTime(); ok {
				answered++
				if in {
					inTime++
				}
			}
			switch s.Outcome {
			case heed.OutcomeUpheld:
				upheld++
			case heed.OutcomePartiallyUpheld:
				partly++
			}
			if s.Outcome != "" {
				decided++
			}
		}
	}
	want := []string{
		"received on a Saturday", "received on Christmas Eve", "received on the Friday before a bank holiday Monday",
		"SAR on 30 or 31 January", "SAR with no service area", "young person, advocacy offered", "young person, advocacy provided",
		"complete details", "no learning identified", "action open", "action completed",
		"stage 1", "stage 2", "stage 3", "pause", "elements with different findings", "extension", "late",
		"open and overdue", "open and not yet due", "ombudsman decision", "repeat complaint",
		"redirected to school", "redirected to safeguarding",
	}
	for _, o := range heed.Outcomes {
		want = append(want, "outcome "+string(o))
	}
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
	for _, tc := range []struct {
		what     string
		got, of  int
		low, top int // percent
	}{
		{"complaints among records", seen["type complaint"], n, 38, 50},
		{"Stage 1 answers in time", inTime, answered, 55, 75},
		{"Stage 1 upheld", upheld, decided, 5, 11},
		{"Stage 1 partially upheld", partly, decided, 12, 20},
		{"complaints with Stage 2", seen["stage 2"], seen["type complaint"], 2, 12},
	} {
		if pct := 100 * tc.got / max(tc.of, 1); pct < tc.low || pct > tc.top {
			t.Errorf("%s: %d%% (%d of %d), want %d%% to %d%%", tc.what, pct, tc.got, tc.of, tc.low, tc.top)
		}
	}
}

// BenchmarkRecords generates a million records over three years.
func BenchmarkRecords(b *testing.B) {
	const n = 1000000
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	opts := Options{Records: n, Years: 3, End: testEnd(), Seed: 1}
	for b.Loop() {
		if err := Records(opts, rules, cal, func(*heed.Record) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
