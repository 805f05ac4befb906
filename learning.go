package heed

import (
	"context"

	"github.com/heedhq/heed/calendar"
)

// LessonKind selects lessons by whether learning was identified.
type LessonKind string

// The lesson kinds a register can select; "" selects both.
const (
	LessonLearning   LessonKind = "learning"    // a lesson was identified
	LessonNoLearning LessonKind = "no_learning" // "no learning identified" was recorded
)

// ActionStatus selects actions by their state on a day.
type ActionStatus string

// The action statuses a register can select; "" selects every action.
const (
	ActionOpen      ActionStatus = "open"      // not completed, overdue or not
	ActionOverdue   ActionStatus = "overdue"   // not completed, due before today
	ActionCompleted ActionStatus = "completed" // completed
)

// Label is the status in plain English.
func (s ActionStatus) Label() string {
	switch s {
	case ActionOpen:
		return "Not completed"
	case ActionOverdue:
		return "Overdue"
	case ActionCompleted:
		return "Completed"
	}
	return string(s)
}

// ActionStatuses lists the action statuses a register can select.
var ActionStatuses = []ActionStatus{ActionOpen, ActionOverdue, ActionCompleted}

// LearningFilter selects lessons for the learning register. Zero fields
// select everything. The action fields (ActionStatus, DueFrom, DueTo) select
// the lessons with at least one such action, and only those actions are
// listed with them. The Only fields narrow the register to the cases a user
// may see, as in CaseFilter.
type LearningFilter struct {
	ServiceArea  string
	Theme        string
	Kind         LessonKind
	ReceivedFrom calendar.Date // the case's received date
	ReceivedTo   calendar.Date
	ActionStatus ActionStatus
	DueFrom      calendar.Date // an action's due date
	DueTo        calendar.Date
	// Today decides which actions are overdue.
	Today calendar.Date
	// Search matches every word typed, anywhere in the case reference, the
	// lesson, or an action's description or owner.
	Search string

	OnlyServiceAreas []string // a manager's areas; nil means no limit
	OnlyInvestigator string   // an investigator's user name
	LimitedAccess    bool     // when true, the Only fields apply even if empty

	Offset, Limit int
}

// FiltersActions reports whether the filter selects actions: then lessons
// without a selected action are left out, and the others list only the
// selected actions.
func (f LearningFilter) FiltersActions() bool {
	return f.ActionStatus != "" || !f.DueFrom.IsZero() || !f.DueTo.IsZero()
}

// LearningItem is one lesson of the register, with the case it came from.
type LearningItem struct {
	RecordID    int64
	Reference   string
	Type        RecordType
	Received    calendar.Date
	ServiceArea string
	Theme       string
	Lesson      Lesson // its actions are those the filter selects
}

// LearningService lists the lessons and actions of every case.
type LearningService interface {
	// ListLearning returns one page of the lessons the filter selects,
	// newest case first, and how many there are (at most CaseMaxTotal+1).
	ListLearning(ctx context.Context, f LearningFilter) ([]LearningItem, int, error)
}
