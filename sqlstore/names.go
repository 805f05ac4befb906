package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
)

// names keeps the service areas, teams and themes within one transaction,
// by key (heed.NameKey), creating those not yet known. A record's name is
// the stored one whenever it has the key of one, written as that is; a new
// name that only looks like another (heed.LookalikeKey) is refused unless
// the caller allows new names.
type names struct {
	areas, themes *nameSet
	teams         map[int64]*nameSet // by service area id

	// newNames allows names that look like others.
	newNames                      bool
	newAreas, newTeams, newThemes []string

	directorates
}

// nameSet is one table's names in one scope.
type nameSet struct {
	byKey       map[string]knownName
	byLookalike map[string]string // a look-alike key to a name with it
	pending     map[string]bool   // keys of new names checked, not yet created
	keys        map[string]string // names as written to their keys, see key
}

type knownName struct {
	id   int64
	name string
}

func newNameSet() *nameSet {
	return &nameSet{byKey: map[string]knownName{}, byLookalike: map[string]string{}, pending: map[string]bool{},
		keys: map[string]string{}}
}

// rememberKeys is how many names as written a nameSet remembers the keys
// of: an import repeats a few names on every row, and a hostile file's
// million different names are still not all kept.
const rememberKeys = 10000

// key is heed.NameKey(name), remembered: an import asks it of the same
// few names a million times.
func (s *nameSet) key(name string) string {
	if k, ok := s.keys[name]; ok {
		return k
	}
	k := heed.NameKey(name)
	if len(s.keys) < rememberKeys {
		s.keys[name] = k
	}
	return k
}

// find returns the known name with name's key.
func (s *nameSet) find(name string) (knownName, bool) {
	k, ok := s.byKey[s.key(name)]
	return k, ok
}

func (s *nameSet) add(id int64, name string) {
	s.byKey[s.key(name)] = knownName{id, name}
	if l := heed.LookalikeKey(name); l != "" {
		if _, ok := s.byLookalike[l]; !ok {
			s.byLookalike[l] = name
		}
	}
}

func (d *DB) loadNames(ctx context.Context, q querier) (*names, error) {
	n := &names{areas: newNameSet(), themes: newNameSet(), teams: map[int64]*nameSet{}, directorates: newDirectorates()}
	load := func(query string, fn func(*sql.Rows) error) error { return eachRow(ctx, q, query, fn) }
	directorate := `''`
	if d.hasSchema(directorateVersion) {
		directorate = `directorate`
	}
	if err := load(`SELECT id, name, `+directorate+` FROM service_areas`, func(r *sql.Rows) error {
		var id int64
		var name, dir string
		err := r.Scan(&id, &name, &dir)
		n.areas.add(id, name)
		n.directorates.add(id, dir)
		return err
	}); err != nil {
		return nil, fmt.Errorf("read service areas: %w", err)
	}
	if err := load(`SELECT id, service_area_id, name FROM teams`, func(r *sql.Rows) error {
		var id, area int64
		var name string
		err := r.Scan(&id, &area, &name)
		n.teamsOf(area).add(id, name)
		return err
	}); err != nil {
		return nil, fmt.Errorf("read teams: %w", err)
	}
	if err := load(`SELECT id, name FROM themes`, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		n.themes.add(id, name)
		return err
	}); err != nil {
		return nil, fmt.Errorf("read themes: %w", err)
	}
	return n, nil
}

func (n *names) teamsOf(area int64) *nameSet {
	s := n.teams[area]
	if s == nil {
		s = newNameSet()
		n.teams[area] = s
	}
	return s
}

// canonical writes the record's service area, team and theme as the stored
// names with the same key are written, so that a save that changes only
// their case changes nothing.
func (n *names) canonical(rec *heed.Record) {
	if a, ok := n.areas.find(rec.ServiceArea); ok && rec.ServiceArea != "" {
		rec.ServiceArea = a.name
		if t, ok := n.teamsOf(a.id).find(rec.Team); ok && rec.Team != "" {
			rec.Team = t.name
		}
	}
	if t, ok := n.themes.find(rec.Theme); ok && rec.Theme != "" {
		rec.Theme = t.name
	}
}

// lookalikes returns the record's new names that look like a name already
// known, or like one new in a record checked before, as field errors,
// unless new names are allowed.
func (n *names) lookalikes(rec *heed.Record) heed.FieldErrors {
	if n.newNames {
		return nil
	}
	var errs heed.FieldErrors
	check := func(s *nameSet, field, what, name string) {
		if name == "" {
			return
		}
		key := s.key(name)
		if _, ok := s.byKey[key]; ok || s.pending[key] {
			return
		}
		s.pending[key] = true
		like := heed.LookalikeKey(name)
		first, ok := s.byLookalike[like]
		if !ok {
			s.byLookalike[like] = name
			return
		}
		errs = append(errs, heed.FieldError{Field: field, Message: fmt.Sprintf(
			"%q looks like the %s %q, written differently: write it as that, or, if it is a new %s, add it first (an administrator can, or heed import --new-names)",
			name, what, first, what)})
	}
	check(n.areas, "service_area", "service area", rec.ServiceArea)
	if a, ok := n.areas.find(rec.ServiceArea); ok {
		check(n.teamsOf(a.id), "team", "team", rec.Team)
	}
	check(n.themes, "theme", "theme", rec.Theme)
	return errs
}

// ids returns the ids for the record's service area, team and theme (nil
// when not recorded), creating any not yet known, and writes the names as
// stored (see canonical).
func (n *names) ids(ctx context.Context, q querier, rec *heed.Record) (area, team, theme any, err error) {
	// get finds the name in s or creates it, by query, with the arguments
	// scope, the name and its key.
	get := func(s *nameSet, name *string, created *[]string, label, query string, scope ...any) (int64, error) {
		if k, ok := s.find(*name); ok {
			*name = k.name
			return k.id, nil
		}
		var id int64
		if err := q.QueryRowContext(ctx, query, append(scope, *name, s.key(*name))...).Scan(&id); err != nil {
			if isUniqueViolation(err) {
				return 0, heed.Errorf(heed.ECONFLICT, "Nothing was saved: someone else added the %s %s meanwhile. Try again.", label, *name)
			}
			return 0, fmt.Errorf("create %s: %w", label, err)
		}
		s.add(id, *name)
		*created = append(*created, label)
		return id, nil
	}
	if rec.ServiceArea != "" {
		a, err := get(n.areas, &rec.ServiceArea, &n.newAreas, rec.ServiceArea,
			`INSERT INTO service_areas (name, name_key) VALUES ($1, $2) RETURNING id`)
		if err != nil {
			return nil, nil, nil, err
		}
		area = a
		if err := n.directorates.place(ctx, q, a, rec); err != nil {
			return nil, nil, nil, err
		}
		if rec.Team != "" {
			if team, err = get(n.teamsOf(a), &rec.Team, &n.newTeams, rec.ServiceArea+" / "+rec.Team,
				`INSERT INTO teams (service_area_id, name, name_key) VALUES ($1, $2, $3) RETURNING id`, a); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	if rec.Theme != "" {
		if theme, err = get(n.themes, &rec.Theme, &n.newThemes, rec.Theme,
			`INSERT INTO themes (name, name_key) VALUES ($1, $2) RETURNING id`); err != nil {
			return nil, nil, nil, err
		}
	}
	return area, team, theme, nil
}

// created returns the names created, each list in order.
func (n *names) created() (areas, teams, themes []string) {
	heed.SortNames(n.newAreas)
	heed.SortNames(n.newTeams)
	heed.SortNames(n.newThemes)
	return n.newAreas, n.newTeams, n.newThemes
}
