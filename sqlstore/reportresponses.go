package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

// openPause is a condition that the stage (record column, stage number
// expression) has a pause that has not ended.
func openPause(record, number string) string {
	return fmt.Sprintf(`EXISTS (SELECT 1 FROM pauses p WHERE p.record_id = %s AND p.stage_number = %s
		AND p.paused_from IS NOT NULL AND p.paused_to IS NULL)`, record, number)
}

// stageTiming is the timing of the stages aliased s, as the report counts
// it; $asOf is the report date.
func stageTiming(s string, asOf int) string {
	return fmt.Sprintf(`CASE WHEN %[1]s.deadline IS NULL THEN ''
		WHEN %[1]s.responded IS NULL THEN
			CASE WHEN %[1]s.outcome <> '' THEN 'closed' WHEN %[2]s THEN 'paused'
				WHEN %[1]s.deadline < $%[3]d THEN 'late' ELSE 'pending' END
		WHEN %[1]s.responded <= %[1]s.deadline THEN 'in_time'
		WHEN %[1]s.extended_to IS NOT NULL AND %[1]s.responded <= %[1]s.extended_to THEN 'in_extension'
		ELSE 'late' END`, s, openPause(s+".record_id", s+".number"), asOf)
}

// lateSQL is a condition that a response (deadline, extension, response
// columns) was late: after the deadline and any agreed extension.
func lateSQL(deadline, extended, responded string) string {
	return fmt.Sprintf("%[1]s IS NOT NULL AND %[3]s > %[1]s AND (%[2]s IS NULL OR %[3]s > %[2]s)", deadline, extended, responded)
}

// responseFacts counts complaints' Stage 1 responses made in each year of
// the report, by procedure, service area and outcome, with their corrective
// action and lateness: by year only, as three buckets cost less than
// twelve.
func (d *DB) responseFacts(ctx context.Context, db querier, q report.Query, fromCounts bool, in areaFilter,
	areas map[int64]string, f *report.Facts) error {
	var args []any
	if fromCounts {
		return responsesFromCounts(ctx, db, q, in, areas, f)
	}
	bucket := bucketSQL("r.s1_responded", q.Years, &args, dayText)
	where := within("r.s1_responded", q.Years, &args, dayText) + in("r.service_area_id", &args)
	late := lateSQL("r.s1_deadline", "r.s1_extended_to", "r.s1_responded")
	query := fmt.Sprintf(`SELECT %s, r.procedure, coalesce(r.service_area_id, 0), 1, r.s1_outcome,
		coalesce(s.corrective_action, ''), CASE WHEN %s THEN 1 ELSE 0 END, coalesce(s.late_days, 0), count(*)
	FROM records r LEFT JOIN stages s ON s.record_id = r.id AND s.number = 1
	WHERE r.type = 'complaint' AND %s AND r.voided_at IS NULL
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`, bucket, late, where)
	return scanResponses(ctx, db, q, query, args, areas, f)
}

// responsesFromCounts counts the Stage 1 responses of whole months from
// record_counts. They are grouped by the month of the response, in the
// order of the index that holds them (record_counts_responded, migration
// 35), so that nothing is sorted, and the months are added up into the
// report's years here: mergeResponses adds up the rows of one year.
func responsesFromCounts(ctx context.Context, db querier, q report.Query, in areaFilter,
	areas map[int64]string, f *report.Facts) error {
	var args []any
	where := within("c.responded_month", q.Years, &args, monthText) + in("c.service_area_id", &args)
	query := fmt.Sprintf(`SELECT c.responded_month, c.procedure, c.service_area_id, c.s1_outcome, sum(c.n),
		sum(c.s1_corrective_yes), sum(c.s1_corrective_no), sum(c.s1_late), sum(c.s1_late_days),
		sum(c.s1_late_5), sum(c.s1_late_10), sum(c.s1_late_20), sum(c.s1_late_over_20)
	FROM record_counts c
	WHERE c.type = 'complaint' AND c.responded_month <> '' AND %s
	GROUP BY 1, 2, 3, 4
	HAVING sum(c.n) <> 0`, where)
	err := eachRowArgs(ctx, db, query, args, func(r *sql.Rows) error {
		rf := report.ResponseFact{Number: 1}
		var month, proc, outcome string
		var area int64
		l := &rf.Late
		if err := r.Scan(&month, &proc, &area, &outcome, &rf.Count, &rf.CorrectiveYes, &rf.CorrectiveNo,
			&l.N, &l.Days, &l.By[0], &l.By[1], &l.By[2], &l.By[3]); err != nil {
			return err
		}
		i := yearOfMonth(q.Years, month)
		if i < 0 {
			return fmt.Errorf("response month %q is in none of the report's years", month)
		}
		rf.YearsBefore, rf.Procedure, rf.ServiceArea, rf.Outcome = len(q.Years)-1-i, heed.ProcedureID(proc), areas[area], heed.Outcome(outcome)
		f.Responses = append(f.Responses, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count responses: %w", err)
	}
	return nil
}

// yearOfMonth returns the index of the year (of whole months) that holds
// month (2014-06), or -1.
func yearOfMonth(years []report.Bucket, month string) int {
	for i, y := range years {
		if monthText(y.From) <= month && month <= monthText(y.To) {
			return i
		}
	}
	return -1
}

// laterResponseFacts counts complaints' Stage 2 and 3 responses made in
// each year of the report, found through the index of later stages by
// response date.
func (d *DB) laterResponseFacts(ctx context.Context, db querier, q report.Query, in areaFilter,
	areas map[int64]string, f *report.Facts) error {
	var args []any
	bucket := bucketSQL("x.responded", q.Years, &args, dayText)
	where := within("s.responded", q.Years, &args, dayText)
	area := in("r.service_area_id", &args)
	late := lateSQL("s.deadline", "s.extended_to", "s.responded")
	query := fmt.Sprintf(`SELECT %s, x.procedure, x.area, x.number, x.outcome, x.corrective_action, x.late, x.late_days, count(*)
	FROM (SELECT s.responded, s.number, s.outcome, s.corrective_action, CASE WHEN %s THEN 1 ELSE 0 END AS late, s.late_days,
			(SELECT r.procedure FROM records r WHERE r.id = s.record_id AND r.type = 'complaint' AND r.voided_at IS NULL%s) AS procedure,
			(SELECT coalesce(r.service_area_id, 0) FROM records r WHERE r.id = s.record_id) AS area
		FROM stages s
		WHERE s.number >= 2 AND %s AND s.outcome <> 'not_progressed') x
	WHERE x.procedure IS NOT NULL
	GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`, bucket, late, area, where)
	return scanResponses(ctx, db, q, query, args, areas, f)
}

// scanResponses reads responses grouped by year, procedure, area, stage,
// outcome, corrective action, whether late and working days late.
func scanResponses(ctx context.Context, db querier, q report.Query, query string, args []any,
	areas map[int64]string, f *report.Facts) error {
	err := eachRowArgs(ctx, db, query, args, func(r *sql.Rows) error {
		var rf report.ResponseFact
		var proc, outcome, ca string
		var i, late, days int
		var area int64
		if err := r.Scan(&i, &proc, &area, &rf.Number, &outcome, &ca, &late, &days, &rf.Count); err != nil {
			return err
		}
		rf.YearsBefore, rf.Procedure, rf.ServiceArea, rf.Outcome = len(q.Years)-1-i, heed.ProcedureID(proc), areas[area], heed.Outcome(outcome)
		switch heed.CorrectiveAction(ca) {
		case heed.CorrectiveActionYes:
			rf.CorrectiveYes = rf.Count
		case heed.CorrectiveActionNo:
			rf.CorrectiveNo = rf.Count
		}
		if late == 1 {
			rf.Late.Add(days, rf.Count)
		}
		f.Responses = append(f.Responses, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count responses: %w", err)
	}
	return nil
}

// mergeResponses adds up the responses that share every field but their
// counts: grouped from the records, responses come a row per corrective
// action and day late, where record_counts has summed them.
func mergeResponses(rs []report.ResponseFact) []report.ResponseFact {
	type key struct {
		years, number int
		procedure     heed.ProcedureID
		area          string
		outcome       heed.Outcome
	}
	at := map[key]int{}
	var out []report.ResponseFact
	for _, r := range rs {
		k := key{r.YearsBefore, r.Number, r.Procedure, r.ServiceArea, r.Outcome}
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, r)
			continue
		}
		o := &out[i]
		o.Count += r.Count
		o.CorrectiveYes += r.CorrectiveYes
		o.CorrectiveNo += r.CorrectiveNo
		o.Late.Plus(r.Late)
	}
	return out
}
