package config

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// Reading the procedures' settings: their stages, target sets by date and
// reference prefixes.

// prefixTypeNames lists the record types a reference prefix is set for.
func prefixTypeNames() string {
	names := make([]string, 0, len(heed.DefaultReferencePrefixes))
	for t := range heed.DefaultReferencePrefixes {
		names = append(names, string(t))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// parseProcedure puts the file's targets for a procedure over its built-in
// ones. The keys directly under [procedures.NAME] set the targets in force
// now; [[procedures.NAME.before]], when given, replaces the earlier sets,
// oldest first. Each earlier set given starts as the built-in earlier set
// in the same place when the file gives as many, and otherwise as the
// built-in set in force on its date (the first for one without a date), so
// it keeps that set's statutory maxima and how its clock counts.
func parseProcedure(builtin heed.Procedure, k procedureKeys, add func(key, format string, args ...any)) heed.Procedure {
	key := "procedures." + string(builtin.ID)
	p := builtin
	p.Stages = parseStages(key, builtin, slices.Clone(builtin.Stages), k.setKeys, add)
	if k.From != nil {
		if from := parseFrom(key+".from", k.From, add); !from.IsZero() {
			p.From = from
		}
	}
	if k.Name != nil {
		p.Name = strings.TrimSpace(*k.Name)
	}
	if k.Before == nil {
		return p
	}
	p.Earlier = nil
	for i, b := range *k.Before {
		bkey := fmt.Sprintf("%s.before[%d]", key, i+1)
		var from calendar.Date
		if b.From != nil {
			from = parseFrom(bkey+".from", b.From, add)
		}
		// The built-in set in the same place when the file gives as many,
		// else the one in force on the set's date.
		shape := builtin.SetOn(from)
		if len(*k.Before) == len(builtin.Earlier) {
			shape = builtin.Earlier[i]
		}
		set := heed.TargetSet{From: from, Name: shape.Name}
		if b.Name != nil {
			set.Name = strings.TrimSpace(*b.Name)
		}
		set.Stages = parseStages(bkey, builtin, slices.Clone(shape.Stages), b, add)
		p.Earlier = append(p.Earlier, set)
	}
	return p
}

// parseStages sets the numbers the file gives for each stage of a set.
func parseStages(key string, p heed.Procedure, stages []heed.StageRule, k setKeys, add func(key, format string, args ...any)) []heed.StageRule {
	for i, sk := range []*stageKeys{k.Stage1, k.Stage2, k.Stage3} {
		if sk == nil {
			continue
		}
		skey := fmt.Sprintf("%s.stage%d", key, i+1)
		if i >= len(stages) {
			if len(stages) == 1 {
				add(skey, "%s has 1 stage: expected stage1", p.ID.Label())
			} else {
				add(skey, "%s has %d stages: expected stage1 to stage%d", p.ID.Label(), len(stages), len(stages))
			}
			continue
		}
		s := &stages[i]
		setInt(&s.TargetDays, sk.TargetWorkingDays)
		setInt(&s.MaxDays, sk.MaxWorkingDays)
		setInt(&s.AcknowledgeDays, sk.AcknowledgeWorkingDays)
	}
	return stages
}

// parseFrom reads the date a set of targets applies from: a TOML date,
// or text such as "2026-04-01". It is zero, and the problem added, when
// the value is not a date.
func parseFrom(key string, v any, add func(key, format string, args ...any)) calendar.Date {
	var text string
	switch v := v.(type) {
	case toml.LocalDate:
		text = v.String()
	case string:
		text = strings.TrimSpace(v)
	default:
		add(key, "must be a date, such as 2026-04-01, not %v", v)
		return calendar.Date{}
	}
	d, err := calendar.ParseDate(text)
	if err != nil || d.IsZero() {
		add(key, "%q is not a date: write it as 2026-04-01", text)
		return calendar.Date{}
	}
	if y := d.Year(); y < heed.FirstYear || y > heed.LastYear {
		add(key, "%s is outside the years Heed counts: give a date from %d to %d", d.Long(), heed.FirstYear, heed.LastYear)
		return calendar.Date{}
	}
	return d
}

func setInt(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// replyTypeNames lists the record types whose reply target may be set.
func replyTypeNames() string {
	defaults := heed.DefaultRules().ReplyDays
	var s []string
	for _, t := range heed.RecordTypes {
		if _, ok := defaults[t]; ok {
			s = append(s, string(t))
		}
	}
	return strings.Join(s, ", ")
}

func procedureNames() string {
	s := make([]string, len(heed.ProcedureIDs))
	for i, p := range heed.ProcedureIDs {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}
