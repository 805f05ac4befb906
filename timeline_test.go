package heed

import (
	"testing"
	"time"

	"github.com/heedhq/heed/calendar"
)

// TestTimeline merges a case's events newest first, in words, and leaves
// out openings and the history lines of the case file's own entries.
func TestTimeline(t *testing.T) {
	d := calendar.MustParseDate
	at := func(s string) time.Time { tm, _ := time.Parse(time.RFC3339, s); return tm }
	rec := &Record{Stages: []Stage{{Number: 1, Started: d("2026-11-02"), Acknowledged: d("2026-11-03"),
		ExtendedTo: d("2026-11-30"), ExtensionReason: "complex", Responded: d("2026-11-20"), Outcome: OutcomeUpheld}}}
	history := []AuditEntry{
		{At: at("2026-11-02T09:00:00Z"), Actor: "jo", Action: AuditCreated, Note: "recorded"},
		{At: at("2026-11-04T10:00:00Z"), Actor: "sam", Action: AuditViewed},
		{At: at("2026-11-05T10:00:00Z"), Actor: "jo", Action: AuditUpdated, Note: "typing error", Changes: []Change{{Field: "theme", Old: "Delay", New: "Lack of Action"}}},
		{At: at("2026-11-06T10:00:00Z"), Actor: "jo", Action: AuditNoteAdded},
	}
	file := CaseFile{
		Notes: []Note{{ID: 1, At: at("2026-11-06T10:00:00Z"), Author: "jo", Text: "Called the school."}},
		Correspondence: []Correspondence{
			{Date: d("2026-11-16"), At: at("2026-11-16T12:00:00Z"), Direction: DirectionOut, Channel: ChannelLetter, Holding: true, Summary: "late", DocumentID: 4},
			{Date: d("2026-11-04"), At: at("2026-11-04T15:00:00Z"), Direction: DirectionIn, Channel: ChannelPhone, Summary: "Mother rang"},
		},
		Documents: []Document{{ID: 4, At: at("2026-11-16T11:00:00Z"), Name: "holding.pdf", By: "jo"}},
	}
	var got []string
	for _, e := range Timeline(rec, history, file) {
		got = append(got, e.Date.String()+" "+e.Title)
		if want := map[string]string{"Changed": "typing error"}[e.Title]; e.Kind == EventChange && e.Note != want {
			t.Errorf("%s: the reason %q, want %q", e.Title, e.Note, want)
		}
	}
	want := []string{
		"2026-11-20 Stage 1 response sent (Upheld)",
		"2026-11-16 Holding letter sent",
		"2026-11-16 Document added",
		"2026-11-06 Note",
		"2026-11-05 Changed",
		"2026-11-04 Phone call received",
		"2026-11-03 Stage 1 acknowledged",
		"2026-11-02 Recorded",
		"2026-11-02 Received",
	}
	if len(got) != len(want) {
		t.Fatalf("timeline:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %q, want %q", i, got[i], want[i])
		}
	}
}
