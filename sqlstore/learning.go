package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/heedhq/heed"
)

var _ heed.LearningService = (*DB)(nil)

// actionConds are the conditions on an action (alias a) that the filter
// asks for, with their arguments added to w.
func actionConds(w *where, f heed.LearningFilter) []string {
	var conds []string
	add := func(cond string, args ...any) {
		for _, a := range args {
			w.args = append(w.args, a)
			cond = strings.Replace(cond, "?", fmt.Sprintf("$%d", len(w.args)), 1)
		}
		conds = append(conds, cond)
	}
	switch f.ActionStatus {
	case heed.ActionOpen:
		add("a.completed IS NULL")
	case heed.ActionOverdue:
		add("a.completed IS NULL AND a.due < ?", dateArg(f.Today))
	case heed.ActionCompleted:
		add("a.completed IS NOT NULL")
	}
	if !f.DueFrom.IsZero() {
		add("a.due >= ?", dateArg(f.DueFrom))
	}
	if !f.DueTo.IsZero() {
		add("a.due <= ?", dateArg(f.DueTo))
	}
	return conds
}

// likeTerm is a LIKE pattern matching s anywhere, with LIKE's own
// characters escaped (the queries name \ as the escape character).
func likeTerm(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// learningWhere builds the conditions on lessons (l) and their records (r):
// the record's own, and who may see it, as the cases list has them.
func (d *DB) learningWhere(f heed.LearningFilter) *where {
	w := &where{}
	d.caseWhere(w, heed.CaseFilter{
		ServiceArea: f.ServiceArea, Theme: f.Theme, ReceivedFrom: f.ReceivedFrom, ReceivedTo: f.ReceivedTo,
		OnlyServiceAreas: f.OnlyServiceAreas, OnlyInvestigator: f.OnlyInvestigator, LimitedAccess: f.LimitedAccess,
	})
	switch f.Kind {
	case heed.LessonLearning:
		w.add("NOT l.no_learning")
	case heed.LessonNoLearning:
		w.add("l.no_learning")
	}
	if f.FiltersActions() {
		conds := actionConds(w, f)
		w.conds = append(w.conds, "EXISTS (SELECT 1 FROM actions a WHERE a.lesson_id = l.id AND "+strings.Join(conds, " AND ")+")")
	}
	for _, term := range strings.Fields(f.Search) {
		w.args = append(w.args, likeTerm(term))
		n := len(w.args)
		w.conds = append(w.conds, fmt.Sprintf(`(lower(r.reference) LIKE $%[1]d ESCAPE '\' OR lower(l.text) LIKE $%[1]d ESCAPE '\'
			OR EXISTS (SELECT 1 FROM actions a WHERE a.lesson_id = l.id
				AND (lower(a.description) LIKE $%[1]d ESCAPE '\' OR lower(a.owner) LIKE $%[1]d ESCAPE '\')))`, n))
	}
	return w
}

// ListLearning returns one page of the lessons the filter selects, newest
// case first, each with its actions (those the filter selects, when it
// selects actions), and how many lessons there are, counted up to
// heed.CaseMaxTotal+1.
func (d *DB) ListLearning(ctx context.Context, f heed.LearningFilter) ([]heed.LearningItem, int, error) {
	w := d.learningWhere(f)
	var total int
	err := d.db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT 1 FROM lessons l JOIN records r ON r.id = l.record_id
		WHERE %s LIMIT %d) t`, w.sql(), heed.CaseMaxTotal+1), w.args...).Scan(&total)
	if err != nil {
		return nil, 0, fmt.Errorf("count lessons: %w", err)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 25
	}
	args := append(w.args, limit, f.Offset)
	q := fmt.Sprintf(`SELECT l.id, l.text, l.no_learning, r.id, r.reference, r.type, r.received,
		COALESCE(sa.name, ''), COALESCE(t.name, '')
	FROM lessons l JOIN records r ON r.id = l.record_id
	LEFT JOIN service_areas sa ON sa.id = r.service_area_id
	LEFT JOIN themes t ON t.id = r.theme_id
	WHERE %s ORDER BY r.received DESC, r.id DESC, l.position LIMIT $%d OFFSET $%d`, w.sql(), len(args)-1, len(args))
	var items []heed.LearningItem
	byLesson := map[int64]int{}
	err = eachRowArgs(ctx, d.db, q, args, func(rows *sql.Rows) error {
		var it heed.LearningItem
		var typ string
		if err := rows.Scan(&it.Lesson.ID, &it.Lesson.Text, &it.Lesson.NoLearning, &it.RecordID, &it.Reference, &typ,
			date{&it.Received}, &it.ServiceArea, &it.Theme); err != nil {
			return err
		}
		it.Type = heed.RecordType(typ)
		byLesson[it.Lesson.ID] = len(items)
		items = append(items, it)
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list lessons: %w", err)
	}
	if len(items) == 0 {
		return items, total, nil
	}
	if err := d.loadLessonActions(ctx, f, items, byLesson); err != nil {
		return nil, 0, err
	}
	return items, total, nil
}

// loadLessonActions reads the actions of the listed lessons, only those the
// filter selects.
func (d *DB) loadLessonActions(ctx context.Context, f heed.LearningFilter, items []heed.LearningItem, byLesson map[int64]int) error {
	w := &where{}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		ids = append(ids, fmt.Sprint(it.Lesson.ID)) // integers from the database: safe to inline
	}
	w.conds = append(w.conds, "a.lesson_id IN ("+strings.Join(ids, ",")+")")
	w.conds = append(w.conds, actionConds(w, f)...)
	q := `SELECT a.lesson_id, a.id, a.description, a.owner, a.due, a.completed, a.evidence
	FROM actions a WHERE ` + w.sql() + ` ORDER BY a.lesson_id, a.position`
	err := eachRowArgs(ctx, d.db, q, w.args, func(rows *sql.Rows) error {
		var lid int64
		var a heed.Action
		if err := rows.Scan(&lid, &a.ID, &a.Description, &a.Owner, date{&a.Due}, date{&a.Completed}, &a.Evidence); err != nil {
			return err
		}
		l := &items[byLesson[lid]].Lesson
		l.Actions = append(l.Actions, a)
		return nil
	})
	if err != nil {
		return fmt.Errorf("read lessons' actions: %w", err)
	}
	return nil
}
