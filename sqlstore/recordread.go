package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
)

// recordColumns are a record's columns, after the names of its service
// area, team and theme: recordNames with recordFrom's joins for many
// records, recordNamesLookedUp for one. For one record three lookups by key
// cost PostgreSQL about a tenth less than the joins, which read the three
// small tables whole; for a page of records the joins cost far less.
const recordColumns = `r.id, r.reference, r.type, r.received, r.procedure,
	r.complainant_name, r.complainant_type, r.young_person, r.advocacy, r.channel, r.summary,
	r.related_reference, r.redirected_to, r.ombudsman_reference, r.ombudsman_decision, r.ombudsman_decided,
	r.ombudsman_remedy, r.ombudsman_remedy_pence, r.ombudsman_complied, r.closed, r.version, r.created_at, r.updated_at`

const recordNames = `coalesce(sa.name, ''), coalesce(tm.name, ''), coalesce(th.name, ''), `

const recordFrom = ` FROM records r
	LEFT JOIN service_areas sa ON sa.id = r.service_area_id
	LEFT JOIN teams tm ON tm.id = r.team_id
	LEFT JOIN themes th ON th.id = r.theme_id`

const recordNamesLookedUp = `coalesce((SELECT sa.name FROM service_areas sa WHERE sa.id = r.service_area_id), ''),
	coalesce((SELECT tm.name FROM teams tm WHERE tm.id = r.team_id), ''),
	coalesce((SELECT th.name FROM themes th WHERE th.id = r.theme_id), ''), `

// loadRecords reads the records matching where (a condition on r, possibly
// with ORDER BY and LIMIT) with all their parts.
func (d *DB) loadRecords(ctx context.Context, q querier, where string, args ...any) ([]*heed.Record, error) {
	return d.readRecords(ctx, q, false, where, args...)
}

// loadRecord reads the record where (a condition on r alone) selects, if
// there is one. The query that reads it also reads its stages, and tells
// which of its other parts it has, so that the parts it lacks are not asked
// for: most records have no elements, pauses or lessons (in the generated
// records, seven in eight), and on PostgreSQL each query costs a round
// trip. Every case page reads its record so.
func (d *DB) loadRecord(ctx context.Context, q querier, where string, args ...any) (*heed.Record, error) {
	recs, err := d.readRecords(ctx, q, true, where, args...)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return recs[0], nil
}

// partsPresent tells which of a record's parts are to be read: those it
// has, and not yet read.
type partsPresent struct{ stages, elements, pauses, lessons bool }

// withStagesColumns are, for loadRecord, which of a record's other parts it
// has, and one of its stages (a row for each, by number).
const withStagesColumns = `, EXISTS (SELECT 1 FROM elements p WHERE p.record_id = r.id),
	EXISTS (SELECT 1 FROM pauses p WHERE p.record_id = r.id),
	EXISTS (SELECT 1 FROM lessons p WHERE p.record_id = r.id),
	s.number, s.started, s.acknowledged, COALESCE(s.target_days, 0), s.deadline, s.extended_to,
	COALESCE(s.extension_reason, ''), COALESCE(s.investigator, ''), s.responded, COALESCE(s.outcome, ''),
	COALESCE(s.response_days, 0)`

// readRecords reads the records where selects, with their parts; with
// present, where is a condition alone, and the stages and which other parts
// each record has are read with it (for loadRecord).
func (d *DB) readRecords(ctx context.Context, q querier, present bool, where string, args ...any) ([]*heed.Record, error) {
	columns := recordColumns
	if d.hasSchema(voidedVersion) {
		columns += voidedColumns
	}
	laterStages, laterRecords := inPlace(d, stageColumns), inPlace(d, recordColumnsLater)
	columns += columnList(laterRecords, "r.", false)
	// A record without stages joins none: its text columns are NULL.
	stageColumnsSQL := withStagesColumns + columnList(laterStages, "s.", true)
	names, namesLookedUp := recordNames, recordNamesLookedUp
	withDirectorate := d.hasSchema(directorateVersion)
	if withDirectorate {
		names += `coalesce(sa.directorate, ''), `
		namesLookedUp += `coalesce((SELECT sa.directorate FROM service_areas sa WHERE sa.id = r.service_area_id), ''), `
	}
	query := `SELECT ` + names + columns + recordFrom + ` WHERE ` + where
	if present {
		query = `SELECT ` + namesLookedUp + columns + stageColumnsSQL + ` FROM records r
	LEFT JOIN stages s ON s.record_id = r.id WHERE ` + where + ` ORDER BY r.id, s.number`
	}
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	defer rows.Close()
	var recs []*heed.Record
	byID := map[int64]*heed.Record{}
	var has *partsPresent
	for rows.Next() {
		r := &heed.Record{}
		o := &heed.OmbudsmanCase{}
		r.Ombudsman = o // for the later columns; left nil below when nothing is recorded
		var typ, proc, ctype, adv, ch, redir, dec, remedy string
		var old heed.Remedy
		dest := []any{&r.ServiceArea, &r.Team, &r.Theme}
		if withDirectorate {
			dest = append(dest, &r.Directorate)
		}
		dest = append(dest, &r.ID, &r.Reference, &typ, date{&r.Received}, &proc,
			&r.ComplainantName, &ctype, &r.YoungPerson, &adv, &ch, &r.Summary,
			&r.RelatedReference, &redir, &o.Reference, &dec, date{&o.Decided},
			&remedy, &old.Pence, date{&old.Complied}, date{&r.Closed}, &r.Version, &r.CreatedAt, &r.UpdatedAt)
		var voidedAt sql.NullTime
		var void heed.Void
		if d.hasSchema(voidedVersion) {
			dest = append(dest, &voidedAt, &void.By, &void.Reason)
		}
		dest = append(dest, dests(laterRecords, r)...)
		var stage sql.NullInt64
		var st heed.Stage
		var outcome string
		if present {
			has = &partsPresent{}
			dest = append(dest, &has.elements, &has.pauses, &has.lessons,
				&stage, date{&st.Started}, date{&st.Acknowledged}, &st.TargetDays, date{&st.Deadline}, date{&st.ExtendedTo},
				&st.ExtensionReason, &st.Investigator, date{&st.Responded}, &outcome, &st.ResponseDays)
			dest = append(dest, dests(laterStages, &st)...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("read record: %w", err)
		}
		if present && len(recs) > 0 && recs[len(recs)-1].ID == r.ID {
			r = recs[len(recs)-1] // the record's next stage
		} else {
			r.Type, r.Procedure, r.ComplainantType = heed.RecordType(typ), heed.ProcedureID(proc), heed.ComplainantType(ctype)
			r.Advocacy, r.Channel, r.RedirectedTo = heed.Advocacy(adv), heed.Channel(ch), heed.Redirection(redir)
			o.Decision, old.Type = heed.OmbudsmanDecision(dec), heed.RemedyType(remedy)
			if !old.IsZero() {
				// Before migration 28, the one remedy a record held.
				o.Remedies = []heed.Remedy{old}
			}
			if o.IsZero() {
				r.Ombudsman = nil
			}
			if voidedAt.Valid {
				void.At = voidedAt.Time.UTC()
				r.Voided = &void
			}
			recs = append(recs, r)
			byID[r.ID] = r
		}
		if stage.Valid {
			st.Number, st.Outcome = int(stage.Int64), heed.Outcome(outcome)
			r.Stages = append(r.Stages, st)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	rows.Close()
	if len(recs) == 0 {
		return recs, nil
	}
	if present && len(recs) > 1 {
		has = &partsPresent{elements: true, pauses: true, lessons: true} // one record's flags say nothing of the rest
	}
	if err := d.loadParts(ctx, q, recs, byID, has); err != nil {
		return nil, err
	}
	return recs, nil
}

// loadParts reads the stages, elements, pauses, lessons and actions of recs:
// with has, only those it says there are. On PostgreSQL, reading through
// the pool, the queries go together in one round trip (see pipeline): a
// record with elements and lessons cost four after its own.
func (d *DB) loadParts(ctx context.Context, q querier, recs []*heed.Record, byID map[int64]*heed.Record, has *partsPresent) error {
	if has == nil {
		has = &partsPresent{true, true, true, true}
	}
	// One record's parts are read with its id as an argument, so that the
	// queries of every case page are the same five statements, kept
	// prepared; a page of records has its ids written in.
	in, arg := "= $1", []any{recs[0].ID}
	if len(recs) > 1 {
		ids := make([]string, len(recs))
		for i, r := range recs {
			ids[i] = strconv.FormatInt(r.ID, 10) // integers from the database: safe to write in
		}
		in, arg = "IN ("+strings.Join(ids, ",")+")", nil
	}
	var parts []piped
	// part queues the query of one kind of part, when present: a record
	// that has none of it is not asked for it.
	part := func(present bool, query string, row func(rowScanner) error) {
		if present {
			parts = append(parts, piped{query, arg, row})
		}
	}
	later := inPlace(d, stageColumns)
	part(has.stages, `SELECT record_id, number, started, acknowledged, target_days, deadline, extended_to,
		extension_reason, investigator, responded, outcome, coalesce(response_days, 0)`+columnList(later, "", false)+` FROM stages WHERE record_id `+in+` ORDER BY record_id, number`,
		func(r rowScanner) error {
			var id int64
			var s heed.Stage
			var outcome string
			dest := []any{&id, &s.Number, date{&s.Started}, date{&s.Acknowledged}, &s.TargetDays, date{&s.Deadline},
				date{&s.ExtendedTo}, &s.ExtensionReason, &s.Investigator, date{&s.Responded}, &outcome, &s.ResponseDays}
			dest = append(dest, dests(later, &s)...)
			if err := r.Scan(dest...); err != nil {
				return fmt.Errorf("read stages: %w", err)
			}
			s.Outcome = heed.Outcome(outcome)
			byID[id].Stages = append(byID[id].Stages, s)
			return nil
		})
	part(has.elements, `SELECT record_id, stage_number, summary, finding FROM elements
		WHERE record_id `+in+` ORDER BY record_id, stage_number, position`,
		func(r rowScanner) error {
			var id int64
			var n int
			var e heed.Element
			var finding string
			if err := r.Scan(&id, &n, &e.Summary, &finding); err != nil {
				return fmt.Errorf("read elements: %w", err)
			}
			e.Finding = heed.Finding(finding)
			if s := byID[id].Stage(n); s != nil {
				s.Elements = append(s.Elements, e)
			}
			return nil
		})
	part(has.pauses, `SELECT record_id, stage_number, paused_from, paused_to, reason FROM pauses
		WHERE record_id `+in+` ORDER BY record_id, stage_number, position`,
		func(r rowScanner) error {
			var id int64
			var n int
			var p heed.Pause
			if err := r.Scan(&id, &n, date{&p.From}, date{&p.To}, &p.Reason); err != nil {
				return fmt.Errorf("read pauses: %w", err)
			}
			if s := byID[id].Stage(n); s != nil {
				s.Pauses = append(s.Pauses, p)
			}
			return nil
		})
	// The actions are read after the lessons, which they are put in.
	lessons := map[int64]*heed.Record{}
	part(has.lessons, `SELECT record_id, id, text, no_learning FROM lessons
		WHERE record_id `+in+` ORDER BY record_id, position`,
		func(r rowScanner) error {
			var rid int64
			var l heed.Lesson
			if err := r.Scan(&rid, &l.ID, &l.Text, &l.NoLearning); err != nil {
				return fmt.Errorf("read lessons: %w", err)
			}
			byID[rid].Lessons = append(byID[rid].Lessons, l)
			lessons[l.ID] = byID[rid]
			return nil
		})
	part(has.lessons, `SELECT a.lesson_id, a.id, a.description, a.owner, a.due, a.completed, a.evidence
		FROM actions a JOIN lessons l ON l.id = a.lesson_id
		WHERE l.record_id `+in+` ORDER BY a.lesson_id, a.position`,
		func(r rowScanner) error {
			var lid int64
			var a heed.Action
			if err := r.Scan(&lid, &a.ID, &a.Description, &a.Owner, date{&a.Due}, date{&a.Completed}, &a.Evidence); err != nil {
				return fmt.Errorf("read actions: %w", err)
			}
			rec := lessons[lid]
			for i := range rec.Lessons {
				if rec.Lessons[i].ID == lid {
					rec.Lessons[i].Actions = append(rec.Lessons[i].Actions, a)
				}
			}
			return nil
		})
	d.ombudsmanParts(recs, byID, in, part)
	if d.dialect == Postgres && q == querier(d.db) && len(parts) > 1 {
		if err := d.pipeline(ctx, parts...); err != nil {
			return fmt.Errorf("read a record's parts: %w", err)
		}
		return nil
	}
	for _, p := range parts {
		if err := eachRowArgs(ctx, q, p.query, p.args, func(r *sql.Rows) error { return p.row(r) }); err != nil {
			return fmt.Errorf("read a record's parts: %w", err)
		}
	}
	return nil
}

func eachRow(ctx context.Context, q querier, query string, fn func(*sql.Rows) error) error {
	return eachRowArgs(ctx, q, query, nil, fn)
}
