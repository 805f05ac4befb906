package heed

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// AuditSettingsChanged is a change to how Heed is set up rather than to a
// record or an account: service areas, teams, themes, procedure targets and
// bank holidays.
const AuditSettingsChanged AuditAction = "settings_changed"

// AuditExported records that someone downloaded a list of cases: which
// filter, in which format, and how many rows; never the rows themselves.
const AuditExported AuditAction = "exported"

// ServiceArea is a part of the council that records are filed under, with
// its teams.
type ServiceArea struct {
	ID      int64
	Name    string
	Records int // how many records are filed under it
	Teams   []Team
	// Retired names are kept for the records and reports that use them,
	// and hidden from the forms that file new records.
	Retired bool
	// Directorate is the part of the council the area belongs to, or ""
	// when none is set; a report can be run for one directorate.
	Directorate string
}

// Directorates lists the directorates the service areas belong to, in the
// order a person reads them, each once however it is written (NameKey).
func Directorates(areas []ServiceArea) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range areas {
		if k := NameKey(a.Directorate); a.Directorate != "" && !seen[k] {
			seen[k] = true
			out = append(out, a.Directorate)
		}
	}
	SortNames(out)
	return out
}

// AreasOf lists the names of the service areas that belong to the
// directorate (compared by NameKey), retired ones included: their records
// still count in its reports.
func AreasOf(areas []ServiceArea, directorate string) []string {
	key := NameKey(directorate)
	out := []string{}
	for _, a := range areas {
		if a.Directorate != "" && NameKey(a.Directorate) == key {
			out = append(out, a.Name)
		}
	}
	return out
}

// Team is a team within a service area.
type Team struct {
	ID      int64
	Name    string
	Retired bool
}

// Theme is what a complaint is about, such as "Delay" or "Communication".
type Theme struct {
	ID      int64
	Name    string
	Records int // how many records have it
	Retired bool
}

// NameKind is which list of names a change is to.
type NameKind string

// The lists of names records are filed under.
const (
	NameServiceArea NameKind = "service_area"
	NameTeam        NameKind = "team"
	NameTheme       NameKind = "theme"
)

// Label is the kind in words: "service area".
func (k NameKind) Label() string { return strings.ReplaceAll(string(k), "_", " ") }

// SettingsService keeps what an administrator sets up: the names records are
// filed under and the procedure targets in force. Every change is written
// to the audit log.
type SettingsService interface {
	// ServiceAreaList returns every service area with its teams, by name.
	ServiceAreaList(ctx context.Context) ([]ServiceArea, error)
	// CreateServiceArea adds a service area; a name already used (in any
	// case) is refused with ECONFLICT.
	CreateServiceArea(ctx context.Context, by Actor, name string) (*ServiceArea, error)
	// RenameServiceArea renames one; its records follow.
	RenameServiceArea(ctx context.Context, by Actor, id int64, name string) error
	// SetDirectorate puts a service area in a directorate, or in none
	// with "". A directorate is written as the other areas already write
	// it when its name differs only in case or spacing.
	SetDirectorate(ctx context.Context, by Actor, areaID int64, directorate string) error
	// CreateTeam adds a team to a service area.
	CreateTeam(ctx context.Context, by Actor, areaID int64, name string) (*Team, error)
	// RenameTeam renames a team.
	RenameTeam(ctx context.Context, by Actor, id int64, name string) error
	// Themes returns every theme by name.
	Themes(ctx context.Context) ([]Theme, error)
	// CreateTheme adds a theme.
	CreateTheme(ctx context.Context, by Actor, name string) (*Theme, error)
	// RenameTheme renames a theme.
	RenameTheme(ctx context.Context, by Actor, id int64, name string) error
	// MergeNames files every record under from under into instead, in one
	// transaction: each record gets a new version and a line of history,
	// the report counts follow, and from is removed. A team merges only
	// into a team of its own service area; a service area's teams and
	// managers move with it. It returns how many records moved.
	MergeNames(ctx context.Context, by Actor, kind NameKind, from, into int64) (moved int, err error)
	// RetireName hides a name from the forms that file new records, or
	// with retired false brings it back; its records and reports keep it.
	RetireName(ctx context.Context, by Actor, kind NameKind, id int64, retired bool) error

	// Rules returns the timescales in force.
	Rules() Rules
	// SaveTargets validates new targets (Rules.Validate), stores them so
	// they outlive a restart, puts them in force and moves the deadline of
	// every open stage to follow them. It returns how many deadlines moved.
	SaveTargets(ctx context.Context, by Actor, r Rules) (moved int, err error)
}

// Clone returns a deep copy of the rules, which can be changed without
// touching the original.
func (r Rules) Clone() Rules {
	c := r
	c.ReplyDays = maps.Clone(r.ReplyDays)
	if r.Procedures != nil {
		c.Procedures = make(map[ProcedureID]Procedure, len(r.Procedures))
		for id, p := range r.Procedures {
			p.Stages = slices.Clone(p.Stages)
			p.Earlier = slices.Clone(p.Earlier)
			for i := range p.Earlier {
				p.Earlier[i].Stages = slices.Clone(p.Earlier[i].Stages)
			}
			c.Procedures[id] = p
		}
	}
	return c
}

// TargetKey is the configuration key of one target of a procedure's stage,
// as RuleError names it: field is target_working_days,
// max_working_days or acknowledge_working_days.
func TargetKey(p ProcedureID, stage int, field string) string {
	return "procedures." + string(p) + ".stage" + strconv.Itoa(stage) + "." + field
}

// ReplyKey is the configuration key of a record type's reply target.
func ReplyKey(t RecordType) string {
	return "record_types." + string(t) + ".target_working_days"
}
