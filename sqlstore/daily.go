package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// QueueDaily queues day's messages (day is ISO 8601), and returns how many
// it queued: a reminder to each investigator whose stage is due in the
// reminder's working days; an overdue notice to the investigator and the
// managers of the case's service area the first working day after a stage
// was due; then, each working day, a digest that lists each user's stages
// still overdue, with everything for a user who chose a daily digest; and
// on the week's first working day, a digest of overdue learning actions to
// their owners. Each message has a once key (its kind, stage, user and
// day), so that running it again, or in two processes at once, queues
// nothing twice. It all happens in one transaction.
func (d *DB) QueueDaily(ctx context.Context, day string) (int, error) {
	on := d.noticesOn()
	if on == nil {
		return 0, nil
	}
	today, err := calendar.ParseDate(day)
	if err != nil || today.IsZero() {
		return 0, fmt.Errorf("daily messages: %q is not a day", day)
	}
	cal, err := d.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	if !cal.IsWorkingDay(today) {
		return 0, nil
	}
	horizon := cal.AddWorkingDays(today, on.ReminderDays)
	recs, err := d.loadRecords(ctx, d.db, `r.voided_at IS NULL AND r.id IN (SELECT s.record_id FROM stages s
		WHERE s.responded IS NULL AND s.outcome = '' AND s.investigator <> '' AND (s.deadline <= $1 OR s.extended_to <= $1))`, dateArg(horizon))
	if err != nil {
		return 0, fmt.Errorf("daily messages: %w", err)
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("daily messages: %w", err)
	}
	defer tx.Rollback()
	q := &dailyQueue{d: d, tx: tx, day: day, today: today, users: map[string]staffAddress{}, known: map[string]bool{},
		managers: map[string][]string{}, digests: map[string][]string{}, held: map[string][]int64{}}
	for _, rec := range recs {
		for i := range rec.Stages {
			if err := q.stage(ctx, cal, rec, &rec.Stages[i], on.ReminderDays); err != nil {
				return 0, err
			}
		}
	}
	if err := q.heldNotices(ctx); err != nil {
		return 0, err
	}
	if err := q.sendDigests(ctx); err != nil {
		return 0, err
	}
	if heed.FirstWorkingDayOfWeek(cal, today) {
		if err := q.learning(ctx); err != nil {
			return 0, err
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("daily messages: commit: %w", err)
	}
	return q.queued, nil
}

// dailyQueue is one day's run of QueueDaily.
type dailyQueue struct {
	d      *DB
	tx     *sql.Tx
	day    string
	today  calendar.Date
	queued int

	users    map[string]staffAddress // by user name; known tells those found
	known    map[string]bool
	managers map[string][]string // by service area
	digests  map[string][]string // each user's digest lines
	held     map[string][]int64  // the messages held for each user's digest
}

func (q *dailyQueue) user(ctx context.Context, name string) (staffAddress, bool, error) {
	if a, ok := q.users[name]; ok {
		return a, q.known[name], nil
	}
	a, ok, err := q.d.staffAddress(ctx, q.tx, name)
	q.users[name], q.known[name] = a, ok
	return a, ok, err
}

func (q *dailyQueue) areaManagers(ctx context.Context, area string) ([]string, error) {
	if m, ok := q.managers[area]; ok {
		return m, nil
	}
	var out []string
	err := eachRowArgs(ctx, q.tx, `SELECT u.username FROM users u JOIN user_service_areas usa ON usa.user_id = u.id
		JOIN service_areas sa ON sa.id = usa.service_area_id WHERE u.role = 'manager' AND NOT u.disabled AND sa.name = $1 ORDER BY u.username`,
		[]any{area}, func(r *sql.Rows) error {
			var name string
			if err := r.Scan(&name); err != nil {
				return err
			}
			out = append(out, name)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("daily messages: managers: %w", err)
	}
	q.managers[area] = out
	return out, nil
}

// stage queues what is due today about stage s of rec.
func (q *dailyQueue) stage(ctx context.Context, cal *calendar.Calendar, rec *heed.Record, s *heed.Stage, reminderDays int) error {
	alert, left := heed.AlertOn(cal, s, q.today, reminderDays)
	if alert == heed.AlertNone {
		return nil
	}
	to := []string{s.Investigator}
	kind := heed.NoticeReminder
	if alert != heed.AlertReminder {
		kind = heed.NoticeOverdue
		m, err := q.areaManagers(ctx, rec.ServiceArea)
		if err != nil {
			return err
		}
		for _, name := range m {
			if name != s.Investigator {
				to = append(to, name)
			}
		}
	}
	for _, name := range to {
		addr, ok, err := q.user(ctx, name)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if alert == heed.AlertStillOverdue || addr.Digest {
			q.digests[name] = append(q.digests[name], heed.AlertLine(rec, s, alert, left))
			continue
		}
		data := heed.StageData(rec, s)
		data.Deadline, data.DaysLeft = heed.DueBy(s).Long(), left
		if inv, ok, _ := q.user(ctx, s.Investigator); ok {
			data.Investigator = inv.FullName
		}
		subject, body, err := q.d.render(ctx, q.tx, kind, data)
		if err != nil {
			return err
		}
		key := fmt.Sprintf("%s:%d:%d:%s:%s", kind, rec.ID, s.Number, q.day, name)
		if kind == heed.NoticeOverdue {
			// Once for each time a stage becomes overdue, whatever the day.
			key = fmt.Sprintf("%s:%d:%d:%s:%s", kind, rec.ID, s.Number, heed.DueBy(s), name)
		}
		if err := q.queue(ctx, heed.Notice{Kind: kind, To: addr.Email, ToUser: name, RecordID: rec.ID, Reference: rec.Reference,
			Stage: s.Number, Subject: subject, Body: body}, key); err != nil {
			return err
		}
	}
	return nil
}

func (q *dailyQueue) queue(ctx context.Context, n heed.Notice, key string) error {
	ok, err := q.d.queueNotice(ctx, q.tx, n, key)
	if ok {
		q.queued++
	}
	return err
}

// heldNotices puts the messages held for users' digests in them.
func (q *dailyQueue) heldNotices(ctx context.Context) error {
	return eachRowArgs(ctx, q.tx, `SELECT id, to_user, subject FROM outbox WHERE status = $1 ORDER BY id`, []any{string(heed.NoticeHeld)},
		func(r *sql.Rows) error {
			var id int64
			var user, subject string
			if err := r.Scan(&id, &user, &subject); err != nil {
				return fmt.Errorf("daily messages: held: %w", err)
			}
			q.digests[user] = append(q.digests[user], subject)
			q.held[user] = append(q.held[user], id)
			return nil
		})
}

// sendDigests queues each user's digest of the day.
func (q *dailyQueue) sendDigests(ctx context.Context) error {
	names := make([]string, 0, len(q.digests))
	for name := range q.digests {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		lines := q.digests[name]
		slices.Sort(lines)
		addr, ok, err := q.user(ctx, name)
		if err != nil {
			return err
		}
		if !ok {
			continue // no longer reachable: held messages stay held
		}
		data := heed.NoticeData{Today: q.today.Long(), Items: lines, Investigator: addr.FullName}
		subject, body, err := q.d.render(ctx, q.tx, heed.NoticeDigest, data)
		if err != nil {
			return err
		}
		before := q.queued
		if err := q.queue(ctx, heed.Notice{Kind: heed.NoticeDigest, To: addr.Email, ToUser: name, Subject: subject, Body: body},
			fmt.Sprintf("digest:%s:%s", name, q.day)); err != nil {
			return err
		}
		if q.queued == before {
			continue // the day's digest went already: held messages wait for the next
		}
		for _, id := range q.held[name] {
			if _, err := q.tx.ExecContext(ctx, `UPDATE outbox SET status = $1, sent_at = $2 WHERE id = $3`,
				string(heed.NoticeDigested), q.d.now().UTC(), id); err != nil {
				return fmt.Errorf("daily messages: held: %w", err)
			}
		}
	}
	return nil
}

// learning queues the weekly digest of overdue learning actions to each
// owner: a user (by user name or full name) or an email address.
func (q *dailyQueue) learning(ctx context.Context) error {
	type action struct {
		owner, reference string
		due              calendar.Date
	}
	var actions []action
	err := eachRowArgs(ctx, q.tx, `SELECT a.owner, r.reference, a.due FROM actions a JOIN lessons l ON l.id = a.lesson_id
		JOIN records r ON r.id = l.record_id WHERE a.completed IS NULL AND a.due < $1 AND a.owner <> '' AND r.voided_at IS NULL
		ORDER BY a.owner, a.due, r.reference`, []any{dateArg(q.today)}, func(r *sql.Rows) error {
		var a action
		if err := r.Scan(&a.owner, &a.reference, date{&a.due}); err != nil {
			return err
		}
		actions = append(actions, a)
		return nil
	})
	if err != nil {
		return fmt.Errorf("daily messages: learning actions: %w", err)
	}
	byOwner := map[string][]string{}
	var owners []string
	for _, a := range actions {
		owner := strings.TrimSpace(a.owner)
		if _, ok := byOwner[owner]; !ok {
			owners = append(owners, owner)
		}
		byOwner[owner] = append(byOwner[owner], fmt.Sprintf("%s: a learning action due by %s", a.reference, a.due.Long()))
	}
	for _, owner := range owners {
		to, user, err := q.owner(ctx, owner)
		if err != nil {
			return err
		}
		if to == "" {
			continue // an owner Heed cannot reach: a team's name, say
		}
		subject, body, err := q.d.render(ctx, q.tx, heed.NoticeLearning, heed.NoticeData{Today: q.today.Long(), Items: byOwner[owner]})
		if err != nil {
			return err
		}
		if err := q.queue(ctx, heed.Notice{Kind: heed.NoticeLearning, To: to, ToUser: user, Subject: subject, Body: body},
			fmt.Sprintf("learning:%s:%s", strings.ToLower(to), q.day)); err != nil {
			return err
		}
	}
	return nil
}

// owner is the address of a learning action's owner: a user's, when the
// owner is a user name or a user's full name, or the owner itself when it
// is an email address.
func (q *dailyQueue) owner(ctx context.Context, owner string) (email, user string, err error) {
	var name string
	err = q.tx.QueryRowContext(ctx, `SELECT username FROM users WHERE NOT disabled AND email <> '' AND (username = $1 OR lower(display_name) = lower($1))
		ORDER BY username LIMIT 1`, owner).Scan(&name)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return "", "", fmt.Errorf("daily messages: owner: %w", err)
	default:
		a, _, err := q.user(ctx, name)
		return a.Email, name, err
	}
	if heed.CheckEmail(owner) == "" {
		return owner, "", nil
	}
	return "", "", nil
}
