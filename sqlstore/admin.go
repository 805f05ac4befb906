package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var _ heed.SettingsService = (*DB)(nil)

// cleanName writes a name in its one form (heed.CleanName) and checks it
// is one: readable, not empty, not too long.
func cleanName(name, what string) (string, error) {
	name, err := heed.CleanName(name)
	switch {
	case err != nil:
		return "", heed.Errorf(heed.EINVALID, "The name of the %s %s.", what, err)
	case name == "":
		return "", heed.Errorf(heed.EINVALID, "Enter the name of the %s.", what)
	case utf8.RuneCountInString(name) > heed.MaxName:
		return "", heed.Errorf(heed.EINVALID, "The name of the %s must be %d characters or fewer.", what, heed.MaxName)
	}
	return name, nil
}

// nameTable describes one of the tables of names records are filed under.
type nameTable struct {
	table string // service_areas, teams or themes
	what  string // in messages and the audit log: "service area"
	field string // the audit change's field
	scope string // the column that scopes uniqueness (teams: service_area_id), or ""
}

var (
	areaNames  = nameTable{table: "service_areas", what: "service area", field: "service_area"}
	teamNames  = nameTable{table: "teams", what: "team", field: "team", scope: "service_area_id"}
	themeNames = nameTable{table: "themes", what: "theme", field: "theme"}
)

// taken reports whether another row (not id) of the table, in the same
// scope, already has the name, however written (heed.NameKey).
func (n nameTable) taken(ctx context.Context, tx *sql.Tx, name string, id, scopeID int64) (bool, error) {
	q := `SELECT count(*) FROM ` + n.table + ` WHERE name_key = $1 AND id <> $2`
	args := []any{heed.NameKey(name), id}
	if n.scope != "" {
		q += ` AND ` + n.scope + ` = $3`
		args = append(args, scopeID)
	}
	var count int
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&count); err != nil {
		return false, fmt.Errorf("check %s name: %w", n.what, err)
	}
	return count > 0, nil
}

// createName adds a name (in scope scopeID, for teams) and records it.
func (d *DB) createName(ctx context.Context, by heed.Actor, n nameTable, name string, scopeID int64, note string) (int64, string, error) {
	name, err := cleanName(name, n.what)
	if err != nil {
		return 0, "", err
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, "", fmt.Errorf("add %s: %w", n.what, err)
	}
	defer tx.Rollback()
	if taken, err := n.taken(ctx, tx, name, 0, scopeID); err != nil {
		return 0, "", err
	} else if taken {
		return 0, "", heed.Errorf(heed.ECONFLICT, "There is already a %s called %s%s.", n.what, name, note)
	}
	var id int64
	if n.scope != "" {
		err = tx.QueryRowContext(ctx, `INSERT INTO `+n.table+` (`+n.scope+`, name, name_key) VALUES ($1, $2, $3) RETURNING id`,
			scopeID, name, heed.NameKey(name)).Scan(&id)
	} else {
		err = tx.QueryRowContext(ctx, `INSERT INTO `+n.table+` (name, name_key) VALUES ($1, $2) RETURNING id`,
			name, heed.NameKey(name)).Scan(&id)
	}
	if isUniqueViolation(err) {
		return 0, "", heed.Errorf(heed.ECONFLICT, "There is already a %s called %s%s.", n.what, name, note)
	}
	if err != nil {
		return 0, "", fmt.Errorf("add %s: %w", n.what, err)
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: n.what + " added" + note, Changes: []heed.Change{{Field: n.field, New: name}}}); err != nil {
		return 0, "", err
	}
	if err := tx.Commit(); err != nil {
		return 0, "", fmt.Errorf("add %s: %w", n.what, err)
	}
	if n == areaNames {
		d.forgetAreas()
	}
	return id, name, nil
}

// rename renames row id of the table and records the change; a name that
// does not change writes nothing.
func (d *DB) rename(ctx context.Context, by heed.Actor, n nameTable, id int64, name string) error {
	name, err := cleanName(name, n.what)
	if err != nil {
		return err
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("rename %s: %w", n.what, err)
	}
	defer tx.Rollback()
	row, err := readName(ctx, tx, n, id)
	if err != nil {
		return err
	}
	old, scopeID := row.name, row.scope
	if old == name {
		return nil
	}
	if taken, err := n.taken(ctx, tx, name, id, scopeID); err != nil {
		return err
	} else if taken {
		return heed.Errorf(heed.ECONFLICT, "There is already a %s called %s.", n.what, name)
	}
	_, err = tx.ExecContext(ctx, `UPDATE `+n.table+` SET name = $1, name_key = $2 WHERE id = $3`, name, heed.NameKey(name), id)
	if isUniqueViolation(err) {
		return heed.Errorf(heed.ECONFLICT, "There is already a %s called %s.", n.what, name)
	}
	if err != nil {
		return fmt.Errorf("rename %s: %w", n.what, err)
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: n.what + " renamed", Changes: []heed.Change{{Field: n.field, Old: old, New: name}}}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("rename %s: %w", n.what, err)
	}
	if n == areaNames {
		d.forgetAreas()
	}
	return nil
}

// ServiceAreaList returns every service area with its teams and how many
// records are filed under it, by name.
func (d *DB) ServiceAreaList(ctx context.Context) ([]heed.ServiceArea, error) {
	counts, err := d.namedCounts(ctx, "service_area_id")
	if err != nil {
		return nil, err
	}
	var out []heed.ServiceArea
	index := map[int64]int{}
	err = eachRow(ctx, d.db, `SELECT id, name, retired, directorate FROM service_areas`, func(r *sql.Rows) error {
		var a heed.ServiceArea
		if err := r.Scan(&a.ID, &a.Name, &a.Retired, &a.Directorate); err != nil {
			return err
		}
		a.Records = counts[a.ID]
		index[a.ID] = len(out)
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list service areas: %w", err)
	}
	err = eachRow(ctx, d.db, `SELECT id, service_area_id, name, retired FROM teams`, func(r *sql.Rows) error {
		var t heed.Team
		var area int64
		if err := r.Scan(&t.ID, &area, &t.Name, &t.Retired); err != nil {
			return err
		}
		if i, ok := index[area]; ok {
			out[i].Teams = append(out[i].Teams, t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	slices.SortFunc(out, func(a, b heed.ServiceArea) int { return heed.CompareNames(a.Name, b.Name) })
	for _, a := range out {
		slices.SortFunc(a.Teams, func(a, b heed.Team) int { return heed.CompareNames(a.Name, b.Name) })
	}
	return out, nil
}

// namedCounts adds up record_counts by a column (service_area_id or
// theme_id): how many records each area or theme has, without reading
// every record.
func (d *DB) namedCounts(ctx context.Context, column string) (map[int64]int, error) {
	out := map[int64]int{}
	err := eachRow(ctx, d.db, `SELECT `+column+`, sum(n) FROM record_counts GROUP BY `+column, func(r *sql.Rows) error {
		var id, n int64
		if err := r.Scan(&id, &n); err != nil {
			return err
		}
		out[id] = int(n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count records by %s: %w", column, err)
	}
	return out, nil
}

// CreateServiceArea adds a service area.
func (d *DB) CreateServiceArea(ctx context.Context, by heed.Actor, name string) (*heed.ServiceArea, error) {
	id, name, err := d.createName(ctx, by, areaNames, name, 0, "")
	if err != nil {
		return nil, err
	}
	return &heed.ServiceArea{ID: id, Name: name}, nil
}

// RenameServiceArea renames a service area; its records, teams and
// managers follow, as they refer to it by id.
func (d *DB) RenameServiceArea(ctx context.Context, by heed.Actor, id int64, name string) error {
	return d.rename(ctx, by, areaNames, id, name)
}

// CreateTeam adds a team to a service area.
func (d *DB) CreateTeam(ctx context.Context, by heed.Actor, areaID int64, name string) (*heed.Team, error) {
	var area string
	err := d.db.QueryRowContext(ctx, `SELECT name FROM service_areas WHERE id = $1`, areaID).Scan(&area)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, heed.Errorf(heed.ENOTFOUND, "There is no such service area.")
	}
	if err != nil {
		return nil, fmt.Errorf("add team: %w", err)
	}
	id, name, err := d.createName(ctx, by, teamNames, name, areaID, " in "+area)
	if err != nil {
		return nil, err
	}
	return &heed.Team{ID: id, Name: name}, nil
}

// RenameTeam renames a team.
func (d *DB) RenameTeam(ctx context.Context, by heed.Actor, id int64, name string) error {
	return d.rename(ctx, by, teamNames, id, name)
}

// Themes returns every theme, by name, with how many records have it.
func (d *DB) Themes(ctx context.Context) ([]heed.Theme, error) {
	counts, err := d.namedCounts(ctx, "theme_id")
	if err != nil {
		return nil, err
	}
	var out []heed.Theme
	err = eachRow(ctx, d.db, `SELECT id, name, retired FROM themes`, func(r *sql.Rows) error {
		var t heed.Theme
		if err := r.Scan(&t.ID, &t.Name, &t.Retired); err != nil {
			return err
		}
		t.Records = counts[t.ID]
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list themes: %w", err)
	}
	slices.SortFunc(out, func(a, b heed.Theme) int { return heed.CompareNames(a.Name, b.Name) })
	return out, nil
}

// CreateTheme adds a theme.
func (d *DB) CreateTheme(ctx context.Context, by heed.Actor, name string) (*heed.Theme, error) {
	id, name, err := d.createName(ctx, by, themeNames, name, 0, "")
	if err != nil {
		return nil, err
	}
	return &heed.Theme{ID: id, Name: name}, nil
}

// RenameTheme renames a theme.
func (d *DB) RenameTheme(ctx context.Context, by heed.Actor, id int64, name string) error {
	return d.rename(ctx, by, themeNames, id, name)
}

// targetFields lists every target a council sets, by configuration key,
// for the audit log: each set's numbers and the date it applies from.
func targetFields(r heed.Rules) map[string]string {
	f := map[string]string{}
	for _, p := range r.Procedures {
		sets := p.Sets()
		for k, set := range sets {
			key := p.SetKey(k)
			if len(sets) > 1 {
				f[key+".from"] = set.From.String()
			}
			for i, s := range set.Stages {
				f[targetKey(key, i+1, "target_working_days")] = strconv.Itoa(s.TargetDays)
				f[targetKey(key, i+1, "max_working_days")] = strconv.Itoa(s.MaxDays)
				f[targetKey(key, i+1, "acknowledge_working_days")] = strconv.Itoa(s.AcknowledgeDays)
			}
		}
	}
	for t, days := range r.ReplyDays {
		f[heed.ReplyKey(t)] = strconv.Itoa(days)
	}
	return f
}

// targetKey is the configuration key of one target of a stage in the set
// whose key is set (heed.Procedure.SetKey).
func targetKey(set string, stage int, field string) string {
	return set + ".stage" + strconv.Itoa(stage) + "." + field
}

// withTargets returns base with the targets of r (those a council sets:
// the dated sets of each procedure base has, with the target, maximum with
// extension and acknowledgement of each stage, and the reply targets base
// has). Each set of r keeps the shape (statutory ceilings, how its clock
// counts) of base's set in the same place when both have as many sets, and
// otherwise of base's set in force on its date; everything else stays
// base's.
func withTargets(base, r heed.Rules) heed.Rules {
	out := base.Clone()
	for id, p := range out.Procedures {
		from, ok := r.Procedures[id]
		if !ok {
			continue
		}
		sets, baseSets := from.Sets(), p.Sets()
		for k := range sets {
			// The same sets keep their own shape, whatever their dates;
			// others take the shape of base's set in force on their date.
			shape := slices.Clone(p.SetOn(sets[k].From).Stages)
			if len(sets) == len(baseSets) {
				shape = slices.Clone(baseSets[k].Stages)
			}
			for i := range shape {
				if i < len(sets[k].Stages) {
					shape[i].TargetDays = sets[k].Stages[i].TargetDays
					shape[i].MaxDays = sets[k].Stages[i].MaxDays
					shape[i].AcknowledgeDays = sets[k].Stages[i].AcknowledgeDays
				}
			}
			sets[k].Stages = shape
		}
		out.Procedures[id] = p.WithSets(sets)
	}
	for t := range out.ReplyDays {
		if days, ok := r.ReplyDays[t]; ok {
			out.ReplyDays[t] = days
		}
	}
	return out
}

// SaveTargets puts new procedure and reply targets in force: it checks
// them against the statutory maxima, stores them (they then override the
// configuration file's at every start), moves the deadline of every open
// stage to follow them, and records the change and each move in the audit
// log. Only the targets of r are taken; the statutory ceilings stay. It
// returns how many deadlines moved.
func (d *DB) SaveTargets(ctx context.Context, by heed.Actor, r heed.Rules) (int, error) {
	return retryDeadlocks(func() (int, error) { return d.saveTargets(ctx, by, r) })
}

func (d *DB) saveTargets(ctx context.Context, by heed.Actor, r heed.Rules) (int, error) {
	// Holding the calendar's lock keeps a bank holiday load, which moves
	// deadlines too, from running at the same time.
	if _, err := d.Calendar(ctx); err != nil {
		return 0, err
	}
	// The write transaction first, then the lock: a record saved meanwhile
	// holds the (SQLite) writer and asks for the calendar, which takes the
	// lock; taken the other way round, each waited for the other.
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("save targets: %w", err)
	}
	defer tx.Rollback()
	d.mu.Lock()
	defer d.mu.Unlock()
	cal := d.calendar
	old := d.rules.get()
	rules := withTargets(old, r)
	if err := rules.Validate(); err != nil {
		return 0, err
	}
	changes := heed.Diff(targetFields(old), targetFields(rules))
	if len(changes) == 0 {
		return 0, nil
	}
	if err := storeTargets(ctx, tx, rules); err != nil {
		return 0, err
	}
	w, err := d.newWriter(ctx, tx)
	if err != nil {
		return 0, err
	}
	defer w.close()
	moved, err := d.moveDeadlines(ctx, w, by, rules, cal, "procedure targets changed")
	if err != nil {
		return 0, err
	}
	if err := w.audit(ctx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: fmt.Sprintf("procedure targets changed: %d open deadlines moved", moved), Changes: changes}); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("save targets: %w", err)
	}
	d.rules.set(rules)
	d.log.Info("procedure targets changed", "changes", len(changes), "deadlines_moved", moved)
	return moved, nil
}

func storeTargets(ctx context.Context, tx *sql.Tx, r heed.Rules) error {
	for _, q := range []string{`DELETE FROM stage_targets`, `DELETE FROM stage_target_sets`, `DELETE FROM reply_targets`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("save targets: %w", err)
		}
	}
	for id, p := range r.Procedures {
		for k, set := range p.Sets() {
			from := ""
			if k > 0 || !set.From.IsZero() {
				from = set.From.String()
			}
			for i, s := range set.Stages {
				if _, err := tx.ExecContext(ctx, `INSERT INTO stage_target_sets (procedure, set_from, set_name, stage, acknowledge_days, target_days, max_days)
					VALUES ($1, $2, $3, $4, $5, $6, $7)`, string(id), from, set.Name, i+1, s.AcknowledgeDays, s.TargetDays, s.MaxDays); err != nil {
					return fmt.Errorf("save targets: %w", err)
				}
			}
		}
	}
	for t, days := range r.ReplyDays {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reply_targets (record_type, target_days) VALUES ($1, $2)`, string(t), days); err != nil {
			return fmt.Errorf("save targets: %w", err)
		}
	}
	return nil
}

// loadTargets puts the targets an administrator saved over the rules the
// store was opened with. Saved targets that break the rules (a statutory
// maximum lowered since) are left out, with a warning, and the
// configuration's stay in force. The dated sets saved replace the
// configuration's; a database from before dated sets has one set, which
// sets the targets in force now.
func (d *DB) loadTargets(ctx context.Context) error {
	base := d.rules.get()
	saved := heed.Rules{Procedures: map[heed.ProcedureID]heed.Procedure{}, ReplyDays: map[heed.RecordType]int{}}
	sets, err := d.savedTargetSets(ctx)
	if err != nil {
		return err
	}
	found := len(sets) > 0
	for id, list := range sets {
		saved.Procedures[id] = heed.Procedure{ID: id}.WithSets(list)
	}
	err = eachRow(ctx, d.db, `SELECT procedure, stage, acknowledge_days, target_days, max_days FROM stage_targets ORDER BY procedure, stage`,
		func(r *sql.Rows) error {
			var id string
			var n int
			var s heed.StageRule
			if err := r.Scan(&id, &n, &s.AcknowledgeDays, &s.TargetDays, &s.MaxDays); err != nil {
				return err
			}
			if _, ok := sets[heed.ProcedureID(id)]; ok {
				return nil // a dated set was saved since
			}
			p, ok := saved.Procedures[heed.ProcedureID(id)]
			if !ok {
				// One set, the targets in force now: the earlier sets stay
				// the configuration's.
				p = base.Procedures[heed.ProcedureID(id)]
				p.Stages = nil
			}
			if n == len(p.Stages)+1 { // stages are stored 1, 2, 3
				p.Stages = append(p.Stages, s)
			}
			saved.Procedures[heed.ProcedureID(id)] = p
			found = true
			return nil
		})
	if err != nil {
		return fmt.Errorf("read saved targets: %w", err)
	}
	err = eachRow(ctx, d.db, `SELECT record_type, target_days FROM reply_targets`, func(r *sql.Rows) error {
		var t string
		var days int
		if err := r.Scan(&t, &days); err != nil {
			return err
		}
		saved.ReplyDays[heed.RecordType(t)] = days
		found = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("read saved targets: %w", err)
	}
	if !found {
		return nil
	}
	rules := withTargets(base, saved)
	if err := rules.Validate(); err != nil {
		d.log.Warn("the targets saved in the database break the rules; the configuration's are in force until an administrator saves them again", "err", err)
		return nil
	}
	d.rules.set(rules)
	return nil
}

// savedTargetSets reads the dated sets of targets saved, oldest first, by
// procedure.
func (d *DB) savedTargetSets(ctx context.Context) (map[heed.ProcedureID][]heed.TargetSet, error) {
	out := map[heed.ProcedureID][]heed.TargetSet{}
	err := eachRow(ctx, d.db, `SELECT procedure, set_from, set_name, stage, acknowledge_days, target_days, max_days
		FROM stage_target_sets ORDER BY procedure, set_from, stage`, func(r *sql.Rows) error {
		var id, from, name string
		var n int
		var s heed.StageRule
		if err := r.Scan(&id, &from, &name, &n, &s.AcknowledgeDays, &s.TargetDays, &s.MaxDays); err != nil {
			return err
		}
		var day calendar.Date
		if from != "" {
			var err error
			if day, err = calendar.ParseDate(from); err != nil {
				return fmt.Errorf("procedure %s: set from %q: %w", id, from, err)
			}
		}
		list := out[heed.ProcedureID(id)]
		if len(list) == 0 || !list[len(list)-1].From.Equal(day) {
			list = append(list, heed.TargetSet{From: day, Name: name})
		}
		set := &list[len(list)-1]
		if n == len(set.Stages)+1 { // stages are stored 1, 2, 3
			set.Stages = append(set.Stages, s)
		}
		out[heed.ProcedureID(id)] = list
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read saved targets: %w", err)
	}
	return out, nil
}
