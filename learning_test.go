package heed_test

import (
	"testing"

	"github.com/heedhq/heed"
)

func TestLearningFilterFiltersActions(t *testing.T) {
	tests := []struct {
		name string
		f    heed.LearningFilter
		want bool
	}{
		{"nothing", heed.LearningFilter{}, false},
		{"lesson and case fields only", heed.LearningFilter{ServiceArea: "Highways", Kind: heed.LessonNoLearning,
			ReceivedFrom: d("2015-01-01"), Search: "rota", Today: d("2015-03-20")}, false},
		{"a status", heed.LearningFilter{ActionStatus: heed.ActionOverdue}, true},
		{"due from", heed.LearningFilter{DueFrom: d("2015-01-01")}, true},
		{"due to", heed.LearningFilter{DueTo: d("2015-01-01")}, true},
	}
	for _, tt := range tests {
		if got := tt.f.FiltersActions(); got != tt.want {
			t.Errorf("%s: FiltersActions() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestActionStatusLabel(t *testing.T) {
	for _, s := range heed.ActionStatuses {
		if s.Label() == string(s) || s.Label() == "" {
			t.Errorf("%s has no label", s)
		}
	}
}
