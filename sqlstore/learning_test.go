package sqlstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// learningFixture stores cases with lessons that differ in one way each:
// service area, theme, investigator, received date, and the state of their
// actions on 20 March 2015.
func learningFixture(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	recs := []*heed.Record{
		{Reference: "CS-L1", Type: heed.TypeComplaint, Received: d("2015-03-02"),
			ServiceArea: "Children's Social Care", Procedure: heed.ChildrenStatutory, Theme: "Delay",
			Stages: []heed.Stage{{Number: 1, Investigator: "ivy"}},
			Lessons: []heed.Lesson{
				{Text: "Reply to foster carers within the week", Actions: []heed.Action{
					{Description: "Remind the fostering team", Owner: "Fostering manager", Due: d("2015-03-10")},                               // overdue
					{Description: "Add a reply target to the rota", Owner: "Fostering manager", Due: d("2015-04-30")},                          // open, not due
					{Description: "Write to the carer 100% of the time", Owner: "Team lead", Due: d("2015-03-05"), Completed: d("2015-03-04")}, // completed
				}},
				{Text: "Check advocacy is offered", Actions: nil},
			}},
		{Reference: "HW-L1", Type: heed.TypeComplaint, Received: d("2015-02-10"),
			ServiceArea: "Highways", Procedure: heed.Corporate, Theme: "Quality of service",
			Stages: []heed.Stage{{Number: 1, Responded: d("2015-02-20")}},
			Lessons: []heed.Lesson{{Text: "Inspect reported potholes within a week", Actions: []heed.Action{
				{Description: "Change the inspection rota", Owner: "Highways manager", Due: d("2015-03-01"), Completed: d("2015-02-25"),
					Evidence: "New rota"}}}}},
		{Reference: "HW-L2", Type: heed.TypeComplaint, Received: d("2014-11-03"),
			ServiceArea: "Highways", Procedure: heed.Corporate,
			Stages:  []heed.Stage{{Number: 1, Responded: d("2014-11-10")}},
			Lessons: []heed.Lesson{{NoLearning: true}}},
		{Reference: "NO-LESSONS", Type: heed.TypeComplaint, Received: d("2015-03-05"),
			ServiceArea: "Highways", Procedure: heed.Corporate,
			Stages: []heed.Stage{{Number: 1}}},
	}
	for _, r := range recs {
		if err := db.CreateRecord(context.Background(), storetest.Actor, r); err != nil {
			t.Fatalf("%s: %v", r.Reference, err)
		}
	}
}

// lessonKey names an item as "REF: lesson text (action descriptions)".
func lessonKey(it heed.LearningItem) string {
	text := it.Lesson.Text
	if it.Lesson.NoLearning {
		text = "no learning"
	}
	var actions []string
	for _, a := range it.Lesson.Actions {
		actions = append(actions, a.Description)
	}
	return it.Reference + ": " + text + " (" + strings.Join(actions, "; ") + ")"
}

func TestListLearning(t *testing.T) {
	today := d("2015-03-20")
	const (
		carers   = "CS-L1: Reply to foster carers within the week (Remind the fostering team; Add a reply target to the rota; Write to the carer 100% of the time)"
		advocacy = "CS-L1: Check advocacy is offered ()"
		potholes = "HW-L1: Inspect reported potholes within a week (Change the inspection rota)"
		none     = "HW-L2: no learning ()"
	)
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		learningFixture(t, db)
		tests := []struct {
			name string
			f    heed.LearningFilter
			want []string
		}{
			{"everything, newest case first", heed.LearningFilter{}, []string{carers, advocacy, potholes, none}},
			{"service area", heed.LearningFilter{ServiceArea: "Highways"}, []string{potholes, none}},
			{"theme", heed.LearningFilter{Theme: "Delay"}, []string{carers, advocacy}},
			{"lessons only", heed.LearningFilter{Kind: heed.LessonLearning}, []string{carers, advocacy, potholes}},
			{"no learning identified", heed.LearningFilter{Kind: heed.LessonNoLearning}, []string{none}},
			{"received from", heed.LearningFilter{ReceivedFrom: d("2015-02-10")}, []string{carers, advocacy, potholes}},
			{"received to", heed.LearningFilter{ReceivedTo: d("2015-02-09")}, []string{none}},
			{"overdue actions only", heed.LearningFilter{ActionStatus: heed.ActionOverdue},
				[]string{"CS-L1: Reply to foster carers within the week (Remind the fostering team)"}},
			{"actions not completed", heed.LearningFilter{ActionStatus: heed.ActionOpen},
				[]string{"CS-L1: Reply to foster carers within the week (Remind the fostering team; Add a reply target to the rota)"}},
			{"completed actions", heed.LearningFilter{ActionStatus: heed.ActionCompleted}, []string{
				"CS-L1: Reply to foster carers within the week (Write to the carer 100% of the time)", potholes}},
			{"due in March", heed.LearningFilter{DueFrom: d("2015-03-01"), DueTo: d("2015-03-31")}, []string{
				"CS-L1: Reply to foster carers within the week (Remind the fostering team; Write to the carer 100% of the time)", potholes}},
			{"search a lesson's words, any case", heed.LearningFilter{Search: "POTHOLES week"}, []string{potholes}},
			{"search an action's owner", heed.LearningFilter{Search: "team lead"}, []string{carers}},
			{"search a reference", heed.LearningFilter{Search: "hw-l"}, []string{potholes, none}},
			{"search with LIKE's characters matches them as typed", heed.LearningFilter{Search: "100%"}, []string{carers}},
			{"search: % is not a wildcard", heed.LearningFilter{Search: "1%0"}, nil},
			{"a manager's areas", heed.LearningFilter{LimitedAccess: true, OnlyServiceAreas: []string{"Highways"}},
				[]string{potholes, none}},
			{"an investigator's cases", heed.LearningFilter{LimitedAccess: true, OnlyInvestigator: "ivy"},
				[]string{carers, advocacy}},
			{"limited access with no areas sees nothing", heed.LearningFilter{LimitedAccess: true}, nil},
			{"a manager filtering outside their areas sees nothing",
				heed.LearningFilter{ServiceArea: "Children's Social Care", LimitedAccess: true, OnlyServiceAreas: []string{"Highways"}}, nil},
			{"a page", heed.LearningFilter{Offset: 1, Limit: 2}, []string{advocacy, potholes}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				f := tt.f
				f.Today = today
				items, total, err := db.ListLearning(context.Background(), f)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, it := range items {
					got = append(got, lessonKey(it))
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("got\n  %q\nwant\n  %q", got, tt.want)
				}
				wantTotal := len(tt.want)
				if f.Limit > 0 {
					wantTotal = 4
				}
				if total != wantTotal {
					t.Errorf("total %d, want %d", total, wantTotal)
				}
			})
		}
	})
}

func TestListLearningItemFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		learningFixture(t, db)
		items, _, err := db.ListLearning(context.Background(), heed.LearningFilter{Search: "potholes"})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 1 {
			t.Fatalf("got %d items, want 1", len(items))
		}
		it := items[0]
		if it.RecordID == 0 || it.Type != heed.TypeComplaint || it.Received != d("2015-02-10") ||
			it.ServiceArea != "Highways" || it.Theme != "Quality of service" || it.Lesson.ID == 0 {
			t.Errorf("item: %+v", it)
		}
		want := heed.Action{Description: "Change the inspection rota", Owner: "Highways manager", Due: d("2015-03-01"),
			Completed: d("2015-02-25"), Evidence: "New rota"}
		if len(it.Lesson.Actions) != 1 {
			t.Fatalf("actions: %+v", it.Lesson.Actions)
		}
		got := it.Lesson.Actions[0]
		got.ID = 0
		if got != want {
			t.Errorf("action %+v, want %+v", got, want)
		}
	})
}
