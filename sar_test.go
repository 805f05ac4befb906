package heed_test

import (
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// TestSARExtension checks a subject access request's extension: allowed to
// three calendar months after receipt, refused beyond with a message that
// says so (it once said "no extension allowed"), and shown in the clock's
// explanation.
func TestSARExtension(t *testing.T) {
	rules, cal := heed.DefaultRules(), calendar.EnglandAndWales()
	sar := func(extended string) *heed.Record {
		r := &heed.Record{Reference: "SAR-1", Type: heed.TypeSAR, Received: d("2023-01-30"),
			Stages: []heed.Stage{{Number: 1, Started: d("2023-01-30"), ExtendedTo: d(extended)}}}
		rules.Normalize(r)
		return r
	}
	// 30 April 2023 is a Sunday and 1 May a bank holiday: Tuesday 2 May.
	if errs := rules.Check(cal, sar("2023-05-02"), d("2026-12-02")); len(errs) > 0 {
		t.Errorf("an extension to three months refused: %v", errs)
	}
	errs := rules.Check(cal, sar("2023-05-03"), d("2026-12-02"))
	if len(errs) != 1 || errs[0].Field != "stage1_extended_to" {
		t.Fatalf("an extension past three months: %v", errs)
	}
	msg := errs[0].Message
	for _, want := range []string{"on or before 2 May 2023", "extendable by two further months"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "no extension") {
		t.Errorf("message %q says no extension is allowed", msg)
	}

	c := heed.SARClock(cal, d("2023-01-30"))
	if c.Deadline != d("2023-02-28") || c.Latest != d("2023-05-02") {
		t.Errorf("SARClock: due %s, latest %s", c.Deadline, c.Latest)
	}
	text := strings.Join(c.Explanation, "\n")
	if !strings.Contains(text, "Sunday 30 April 2023, not a working day") || !strings.Contains(text, "Tuesday 2 May 2023 at the latest") {
		t.Errorf("explanation lacks the extended date:\n%s", text)
	}
	r := sar("")
	if sc, _ := rules.StageClock(cal, r, &r.Stages[0]); strings.Join(sc.Explanation, "\n") != text {
		t.Errorf("the case page's explanation differs from SARClock's:\n%s", sc.Explanation)
	}
	// Past the list, the extended date (here the only one past it) warns.
	c = heed.SARClock(cal, d("2028-10-20"))
	if text := strings.Join(c.Explanation, "\n"); strings.Count(text, "one-off bank holidays after 31 December 2028 are not yet known") != 1 {
		t.Errorf("an extension into 2029 without one warning:\n%s", text)
	}
}
