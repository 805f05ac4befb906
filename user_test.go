package heed

import "testing"

func TestUserCanSee(t *testing.T) {
	rec := &Record{ServiceArea: "Highways", Stages: []Stage{{Number: 1, Investigator: "ivy"}, {Number: 2, Investigator: "sam"}}}
	tests := []struct {
		name string
		u    User
		want bool
	}{
		{"administrator", User{Role: RoleAdmin}, true},
		{"complaints officer", User{Role: RoleOfficer}, true},
		{"manager of the area", User{Role: RoleManager, ServiceAreas: []string{"Parks", "highways"}}, true},
		{"manager of another area", User{Role: RoleManager, ServiceAreas: []string{"Parks"}}, false},
		{"manager of no area", User{Role: RoleManager}, false},
		{"investigator of stage 1", User{Role: RoleInvestigator, Username: "ivy"}, true},
		{"investigator of stage 2", User{Role: RoleInvestigator, Username: "sam"}, true},
		{"another investigator", User{Role: RoleInvestigator, Username: "zoe"}, false},
		{"investigator with no name", User{Role: RoleInvestigator}, false},
		{"viewer", User{Role: RoleViewer}, false},
		{"no role", User{Username: "ivy"}, false},
	}
	for _, tt := range tests {
		if got := tt.u.CanSee(rec); got != tt.want {
			t.Errorf("%s: CanSee = %v, want %v", tt.name, got, tt.want)
		}
		if got := tt.u.CanAllocate(rec); got && !tt.want {
			t.Errorf("%s: may allocate a case they cannot see", tt.name)
		}
	}
}

// TestCanWorkOnStage: an investigator works only on the stage allocated to
// them; others who may see the case on any stage.
func TestCanWorkOnStage(t *testing.T) {
	rec := &Record{ServiceArea: "Housing", Stages: []Stage{{Number: 1, Investigator: "ivy"}, {Number: 2, Investigator: "sam"}}}
	ivy := &User{Username: "ivy", Role: RoleInvestigator}
	sam := &User{Username: "sam", Role: RoleInvestigator}
	mgr := &User{Username: "mo", Role: RoleManager, ServiceAreas: []string{"Housing"}}
	viewer := &User{Username: "vic", Role: RoleViewer}
	tests := []struct {
		u     *User
		stage int
		want  bool
	}{
		{ivy, 1, true}, {ivy, 2, false}, {sam, 2, true}, {sam, 1, false},
		{mgr, 1, true}, {mgr, 2, true}, {viewer, 1, false},
	}
	for _, tt := range tests {
		if got := tt.u.CanWorkOnStage(rec, rec.Stage(tt.stage)); got != tt.want {
			t.Errorf("%s on Stage %d: %v, want %v", tt.u.Username, tt.stage, got, tt.want)
		}
	}
}
