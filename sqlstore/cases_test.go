package sqlstore_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// caseFixture stores a few cases that differ in one way each, for the
// filters to tell apart.
func caseFixture(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	ctx := context.Background()
	closed := fullComplaint("CS-CLOSED") // Children's Social Care, stage 2, closed
	open := &heed.Record{Reference: "CS-OPEN", Type: heed.TypeComplaint, Received: d("2015-03-02"),
		ServiceArea: "Children's Social Care", Team: "Fostering", Procedure: heed.ChildrenStatutory, Theme: "Delay",
		ComplainantName: "Ada Quill", Summary: "Late reply about respite care",
		Stages: []heed.Stage{{Number: 1, Investigator: "ivy"}}}
	extended := &heed.Record{Reference: "CS-EXT", Type: heed.TypeComplaint, Received: d("2015-03-02"),
		ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory,
		ComplainantName: "Ben Marsh", Summary: "Contact arrangements",
		Stages: []heed.Stage{{Number: 1, ExtendedTo: d("2015-03-30")}}}
	corporate := &heed.Record{Reference: "CORP-1", Type: heed.TypeComplaint, Received: d("2015-02-10"),
		ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Cy Marsh", Summary: "Pothole",
		Stages: []heed.Stage{{Number: 1, Responded: d("2015-02-20")}}}
	praise := &heed.Record{Reference: "COMP-1", Type: heed.TypeCompliment, Received: d("2015-01-05"),
		ServiceArea: "Highways", ComplainantName: "Dee Fenwick", Summary: "Thanks for the quick repair"}
	for _, r := range []*heed.Record{closed, open, extended, corporate, praise} {
		if err := db.CreateRecord(ctx, storetest.Actor, r); err != nil {
			t.Fatalf("%s: %v", r.Reference, err)
		}
	}
}

func TestListCases(t *testing.T) {
	today := d("2015-03-20") // CS-OPEN's deadline (16 March) has passed; CS-EXT is extended to 30 March
	tests := []struct {
		name  string
		f     heed.CaseFilter
		want  []string
		total int // when not len(want): for a page
	}{
		{"everything, newest first", heed.CaseFilter{}, []string{"CS-EXT", "CS-OPEN", "CORP-1", "COMP-1", "CS-CLOSED"}, 0},
		{"type", heed.CaseFilter{Type: heed.TypeCompliment}, []string{"COMP-1"}, 0},
		{"procedure", heed.CaseFilter{Procedure: heed.Corporate}, []string{"CORP-1"}, 0},
		{"service area", heed.CaseFilter{ServiceArea: "Highways"}, []string{"CORP-1", "COMP-1"}, 0},
		{"team", heed.CaseFilter{Team: "Fostering"}, []string{"CS-OPEN"}, 0},
		{"theme", heed.CaseFilter{Theme: "Delay"}, []string{"CS-OPEN"}, 0},
		{"closed", heed.CaseFilter{Status: heed.StatusClosed}, []string{"CS-CLOSED"}, 0},
		{"latest stage 2", heed.CaseFilter{Stage: 2}, []string{"CS-CLOSED"}, 0},
		{"latest stage 1", heed.CaseFilter{Stage: 1, Type: heed.TypeComplaint}, []string{"CS-EXT", "CS-OPEN", "CORP-1"}, 0},
		{"date range", heed.CaseFilter{ReceivedFrom: d("2015-01-01"), ReceivedTo: d("2015-02-28")}, []string{"CORP-1", "COMP-1"}, 0},
		{"overdue, not the extended one", heed.CaseFilter{Overdue: true, Today: today}, []string{"CS-OPEN"}, 0},
		{"search a surname", heed.CaseFilter{Search: "marsh"}, []string{"CS-EXT", "CORP-1"}, 0},
		{"search the start of a word", heed.CaseFilter{Search: "resp"}, []string{"CS-OPEN"}, 0},
		{"search two words", heed.CaseFilter{Search: "Ben contact"}, []string{"CS-EXT"}, 0},
		{"search a reference", heed.CaseFilter{Search: "CORP-1"}, []string{"CORP-1"}, 0},
		{"search syntax is only words", heed.CaseFilter{Search: `"quick" * (`}, []string{"COMP-1"}, 0},
		{"search open cases", heed.CaseFilter{Search: "marsh", Status: heed.StatusOpen}, []string{"CS-EXT", "CORP-1"}, 0},
		{"search open cases, not a closed one", heed.CaseFilter{Search: "Test Person", Status: heed.StatusOpen}, nil, 0},
		{"search closed cases", heed.CaseFilter{Search: "Test Person", Status: heed.StatusClosed}, []string{"CS-CLOSED"}, 0},
		{"manager's areas", heed.CaseFilter{OnlyServiceAreas: []string{"Highways"}}, []string{"CORP-1", "COMP-1"}, 0},
		{"investigator's own", heed.CaseFilter{OnlyInvestigator: "ivy"}, []string{"CS-OPEN"}, 0},
		{"limited access with nothing allowed", heed.CaseFilter{LimitedAccess: true}, nil, 0},
		{"a page", heed.CaseFilter{Offset: 1, Limit: 2}, []string{"CS-OPEN", "CORP-1"}, 5},
		{"the last page, not full", heed.CaseFilter{Offset: 4, Limit: 2}, []string{"CS-CLOSED"}, 5},
		{"past the last page", heed.CaseFilter{Offset: 6, Limit: 2}, nil, 5},
		{"a search's first page", heed.CaseFilter{Search: "marsh", Limit: 1}, []string{"CS-EXT"}, 2},
		{"a search's last page", heed.CaseFilter{Search: "marsh", Offset: 1, Limit: 1}, []string{"CORP-1"}, 2},
		{"past a search's last page", heed.CaseFilter{Search: "marsh", Offset: 2, Limit: 1}, nil, 2},
		{"unallocated", heed.CaseFilter{Unallocated: true}, []string{"CS-EXT"}, 0},
		{"oldest first", heed.CaseFilter{Sort: heed.SortReceived}, []string{"CS-CLOSED", "COMP-1", "CORP-1", "CS-OPEN", "CS-EXT"}, 0},
		{"by reference", heed.CaseFilter{Sort: heed.SortReference}, []string{"COMP-1", "CORP-1", "CS-CLOSED", "CS-EXT", "CS-OPEN"}, 0},
		{"by reference, Z to A", heed.CaseFilter{Sort: heed.SortReference, Descending: true}, []string{"CS-OPEN", "CS-EXT", "CS-CLOSED", "CORP-1", "COMP-1"}, 0},
		{"by service area", heed.CaseFilter{Sort: heed.SortArea}, []string{"CS-CLOSED", "CS-OPEN", "CS-EXT", "CORP-1", "COMP-1"}, 0},
		{"by service area, a page", heed.CaseFilter{Sort: heed.SortArea, Descending: true, Offset: 1, Limit: 2}, []string{"CORP-1", "CS-EXT"}, 5},
		{"by due date, nothing due last", heed.CaseFilter{Sort: heed.SortDue}, []string{"CS-OPEN", "CS-EXT", "CS-CLOSED", "CORP-1", "COMP-1"}, 0},
		{"by due date, latest first, nothing due last", heed.CaseFilter{Sort: heed.SortDue, Descending: true}, []string{"CS-EXT", "CS-OPEN", "COMP-1", "CORP-1", "CS-CLOSED"}, 0},
		{"a search by reference", heed.CaseFilter{Search: "marsh", Sort: heed.SortReference}, []string{"CORP-1", "CS-EXT"}, 0},
		{"a search by reference, second page", heed.CaseFilter{Search: "marsh", Sort: heed.SortReference, Offset: 1, Limit: 1}, []string{"CS-EXT"}, 2},
	}
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		caseFixture(t, db)
		for _, tt := range tests {
			got, total, err := db.ListCases(context.Background(), tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var refs []string
			for _, c := range got {
				refs = append(refs, c.Reference)
			}
			if !slices.Equal(refs, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, refs, tt.want)
			}
			wantTotal := tt.total
			if wantTotal == 0 {
				wantTotal = len(tt.want)
			}
			if total != wantTotal {
				t.Errorf("%s: total %d, want %d", tt.name, total, wantTotal)
			}
		}
		got, _, err := db.ListCases(context.Background(), heed.CaseFilter{Search: "Ada"})
		if err != nil || len(got) != 1 {
			t.Fatalf("search Ada: %v %v", got, err)
		}
		if c := got[0]; c.Stage != 1 || c.Due != d("2015-03-16") || c.ServiceArea != "Children's Social Care" || c.Theme != "Delay" {
			t.Errorf("summary %+v", c)
		}
		// The search index follows an edit.
		rec, err := db.FindRecordByReference(context.Background(), "CS-OPEN")
		if err != nil {
			t.Fatal(err)
		}
		rec.ComplainantName = "Ada Lovelock"
		if err := db.UpdateRecord(context.Background(), storetest.Actor, rec); err != nil {
			t.Fatal(err)
		}
		found := func(when, term string, status heed.CaseStatus, want int) {
			t.Helper()
			got, _, err := db.ListCases(context.Background(), heed.CaseFilter{Search: term, Status: status})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != want {
				t.Errorf("%s, search %q (status %q) found %d, want %d", when, term, status, len(got), want)
			}
		}
		for _, status := range []heed.CaseStatus{"", heed.StatusOpen} {
			found("after the edit", "Quill", status, 0)
			found("after the edit", "Lovelock", status, 1)
		}
		// Open cases have an index of their own, which closing leaves and
		// reopening rejoins.
		for _, closed := range []calendar.Date{d("2015-03-25"), {}} {
			rec, err := db.FindRecordByReference(context.Background(), "CS-OPEN")
			if err != nil {
				t.Fatal(err)
			}
			rec.Closed = closed
			if err := db.UpdateRecord(context.Background(), storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
			open := 0
			if closed.IsZero() {
				open = 1
			}
			found("after closing or reopening", "Lovelock", heed.StatusOpen, open)
			found("after closing or reopening", "Lovelock", heed.StatusClosed, 1-open)
		}
	})
}

func TestOpenStages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		caseFixture(t, db)
		ctx := context.Background()
		refs := func(f heed.OpenStageFilter) []string {
			got, _, err := db.OpenStages(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, s := range got {
				out = append(out, s.Reference)
			}
			return out
		}
		if got := refs(heed.OpenStageFilter{Investigator: "ivy"}); !slices.Equal(got, []string{"CS-OPEN"}) {
			t.Errorf("ivy's stages: %v", got)
		}
		// Earliest due first: CS-OPEN's deadline, then CS-EXT's extension.
		if got := refs(heed.OpenStageFilter{}); !slices.Equal(got, []string{"CS-OPEN", "CS-EXT"}) {
			t.Errorf("open stages: %v", got)
		}
		if got := refs(heed.OpenStageFilter{Unallocated: true}); !slices.Equal(got, []string{"CS-EXT"}) {
			t.Errorf("unallocated: %v", got)
		}
		if got := refs(heed.OpenStageFilter{OnlyServiceAreas: []string{"Highways"}}); len(got) != 0 {
			t.Errorf("Highways has no open stage: %v", got)
		}
	})
}

// TestLinkedCases lists the records linked to one, newest first: the one
// it names, those naming it, and the complainant's other records (by name,
// ignoring case), a page at a time with their number, within the user's
// reach.
func TestLinkedCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		recs := []*heed.Record{
			{Reference: "HW-1", Type: heed.TypeComplaint, Received: d("2015-03-02"), ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Cy Marsh", RelatedReference: "HW-0"},
			{Reference: "HW-0", Type: heed.TypeComplaint, Received: d("2014-06-02"), ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Someone Else"},
			{Reference: "LGO-1", Type: heed.TypeOmbudsmanEnquiry, Received: d("2015-03-10"), ServiceArea: "Highways", RelatedReference: "HW-1", ComplainantName: "Cy Marsh"},
			{Reference: "HW-2", Type: heed.TypeComplaint, Received: d("2015-03-12"), ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "CY MARSH"},
			{Reference: "CS-2", Type: heed.TypeComplaint, Received: d("2015-01-12"), ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory, ComplainantName: "cy marsh"},
			{Reference: "HW-3", Type: heed.TypeComplaint, Received: d("2015-03-12"), ServiceArea: "Highways", Procedure: heed.Corporate, ComplainantName: "Cy Marshall"},
		}
		for _, r := range recs {
			if err := db.CreateRecord(ctx, storetest.Actor, r); err != nil {
				t.Fatalf("%s: %v", r.Reference, err)
			}
		}
		hw1, err := db.FindRecordByReference(ctx, "HW-1")
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name  string
			f     heed.CaseFilter
			want  []string
			total int
		}{
			{"all", heed.CaseFilter{LinkedTo: hw1}, []string{"HW-2", "LGO-1", "CS-2", "HW-0"}, 4},
			{"first page", heed.CaseFilter{LinkedTo: hw1, Limit: 2}, []string{"HW-2", "LGO-1"}, 4},
			{"second page", heed.CaseFilter{LinkedTo: hw1, Limit: 2, Offset: 2}, []string{"CS-2", "HW-0"}, 4},
			{"a manager's areas", heed.CaseFilter{LinkedTo: hw1, LimitedAccess: true, OnlyServiceAreas: []string{"Highways"}}, []string{"HW-2", "LGO-1", "HW-0"}, 3},
			{"with another filter", heed.CaseFilter{LinkedTo: hw1, Type: heed.TypeComplaint, Limit: 1}, []string{"HW-2"}, 3},
		}
		for _, tt := range tests {
			got, total, err := db.ListCases(ctx, tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var refs []string
			for _, c := range got {
				refs = append(refs, c.Reference)
			}
			if !slices.Equal(refs, tt.want) || total != tt.total {
				t.Errorf("%s: got %v of %d, want %v of %d", tt.name, refs, total, tt.want, tt.total)
			}
			// Opening the case reads the same page (on PostgreSQL in
			// the round trip that records the opening), with the
			// history as it is read afterwards, this opening last.
			f := tt.f
			f.LinkedTo = nil
			view, err := db.OpenCase(ctx, heed.Actor{Name: "opener " + tt.name}, hw1, f)
			if err != nil {
				t.Fatalf("%s: open: %v", tt.name, err)
			}
			if more := total > f.Offset+len(got); !reflect.DeepEqual(view.Linked, got) || view.MoreLinked != more {
				t.Errorf("%s: opening listed %+v (more: %t), want %+v (more: %t)", tt.name, view.Linked, view.MoreLinked, got, more)
			}
			h, err := db.RecordHistory(ctx, hw1.ID)
			if err != nil {
				t.Fatal(err)
			}
			if last := h[len(h)-1]; last.Action != heed.AuditViewed || last.Actor != "opener "+tt.name {
				t.Errorf("%s: the last history entry is %+v, want the opening", tt.name, last)
			}
			if !reflect.DeepEqual(view.History, h) {
				t.Errorf("%s: opening returned the history\n%+v\nwhich is now\n%+v", tt.name, view.History, h)
			}
		}
		// HW-2 is linked by name alone, to three records: a page of two
		// has one more after it, a page of three none.
		hw2, err := db.FindRecordByReference(ctx, "HW-2")
		if err != nil {
			t.Fatal(err)
		}
		for limit, more := range map[int]bool{2: true, 3: false} {
			view, err := db.OpenCase(ctx, storetest.Actor, hw2, heed.CaseFilter{Limit: limit})
			if err != nil {
				t.Fatal(err)
			}
			if len(view.Linked) != limit || view.MoreLinked != more {
				t.Errorf("HW-2 opened with a page of %d: %d linked, more: %t; want %d, more: %t", limit, len(view.Linked), view.MoreLinked, limit, more)
			}
		}
	})
}
