package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

// Facts of the refused complaints and of the Ombudsman's decisions, by
// year of the report (see report/refused.go and report/ombudsman.go). Both
// are few: partial indexes (migration 28) find them without reading every
// record.

// yearsBefore turns the index of one of q.Years into how many years before
// the period it is.
func yearsBefore(q report.Query, i int) int { return len(q.Years) - 1 - i }

// refusedFacts counts the complaints refused at Stage 1, by the year they
// were received and the reason.
func (d *DB) refusedFacts(ctx context.Context, db querier, q report.Query, in areaFilter, f *report.Facts) error {
	if !d.hasSchema(ombudsmanPartsVersion) {
		return nil
	}
	var args []any
	bucket := bucketSQL("r.received", q.Years, &args, dayText)
	where := within("r.received", q.Years, &args, dayText) + in("r.service_area_id", &args)
	query := fmt.Sprintf(`SELECT %s, s.refusal_reason, count(*)
	FROM records r JOIN stages s ON s.record_id = r.id AND s.number = 1
	WHERE r.s1_outcome = 'refused' AND r.type = 'complaint' AND r.voided_at IS NULL AND %s
	GROUP BY 1, 2`, bucket, where)
	err := eachRowArgs(ctx, db, query, args, func(r *sql.Rows) error {
		var rf report.RefusedFact
		var i int
		var reason string
		if err := r.Scan(&i, &reason, &rf.Count); err != nil {
			return err
		}
		rf.YearsBefore, rf.Reason = yearsBefore(q, i), heed.RefusalReason(reason)
		f.Refused = append(f.Refused, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count refused complaints: %w", err)
	}
	return nil
}

// ombudsmanFacts counts the Ombudsman's decisions by the year they were
// made and the enquiry's service area, with their remedies and
// recommendations.
func (d *DB) ombudsmanFacts(ctx context.Context, db querier, q report.Query, in areaFilter, areas map[int64]string, f *report.Facts) error {
	if !d.hasSchema(ombudsmanPartsVersion) {
		return nil
	}
	// decided is the condition on the decisions of the report, and its
	// bucket, with their arguments.
	decided := func(args *[]any) (bucket, where string) {
		bucket = bucketSQL("r.ombudsman_decided", q.Years, args, dayText)
		where = `r.ombudsman_decided IS NOT NULL AND r.type = 'ombudsman_enquiry' AND r.voided_at IS NULL AND ` +
			within("r.ombudsman_decided", q.Years, args, dayText) + in("r.service_area_id", args)
		return bucket, where
	}
	var args []any
	bucket, where := decided(&args)
	err := eachRowArgs(ctx, db, fmt.Sprintf(`SELECT %s, coalesce(r.service_area_id, 0), r.ombudsman_decision, r.ombudsman_fault, count(*)
	FROM records r WHERE %s GROUP BY 1, 2, 3, 4`, bucket, where), args, func(r *sql.Rows) error {
		var of report.OmbudsmanFact
		var i int
		var area int64
		var decision, fault string
		if err := r.Scan(&i, &area, &decision, &fault, &of.Count); err != nil {
			return err
		}
		of.YearsBefore, of.ServiceArea = yearsBefore(q, i), areas[area]
		of.Decision, of.Fault = heed.OmbudsmanDecision(decision), heed.Fault(fault)
		f.Ombudsman = append(f.Ombudsman, of)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count Ombudsman decisions: %w", err)
	}
	if len(f.Ombudsman) == 0 {
		return nil // no decision, so no remedy or recommendation
	}
	args = nil
	bucket, where = decided(&args)
	err = eachRowArgs(ctx, db, fmt.Sprintf(`SELECT %s, coalesce(r.service_area_id, 0), m.type, count(*),
		coalesce(sum(CASE WHEN m.complied IS NOT NULL THEN 1 ELSE 0 END), 0),
		coalesce(sum(CASE WHEN m.complied IS NOT NULL THEN m.pence ELSE 0 END), 0)
	FROM ombudsman_remedies m JOIN records r ON r.id = m.record_id WHERE %s GROUP BY 1, 2, 3`, bucket, where), args, func(r *sql.Rows) error {
		var rf report.RemedyFact
		var i int
		var area int64
		var typ string
		if err := r.Scan(&i, &area, &typ, &rf.Count, &rf.Complied, &rf.PaidPence); err != nil {
			return err
		}
		rf.YearsBefore, rf.ServiceArea, rf.Type = yearsBefore(q, i), areas[area], heed.RemedyType(typ)
		f.Remedies = append(f.Remedies, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count Ombudsman remedies: %w", err)
	}
	args = nil
	bucket, where = decided(&args)
	err = eachRowArgs(ctx, db, fmt.Sprintf(`SELECT %s, coalesce(r.service_area_id, 0), count(*),
		coalesce(sum(CASE WHEN c.complied IS NOT NULL AND (c.due IS NULL OR c.complied <= c.due) THEN 1 ELSE 0 END), 0)
	FROM ombudsman_recommendations c JOIN records r ON r.id = c.record_id WHERE %s GROUP BY 1, 2`, bucket, where), args, func(r *sql.Rows) error {
		var rf report.RecommendationFact
		var i int
		var area int64
		if err := r.Scan(&i, &area, &rf.Count, &rf.OnTime); err != nil {
			return err
		}
		rf.YearsBefore, rf.ServiceArea = yearsBefore(q, i), areas[area]
		f.Recommendations = append(f.Recommendations, rf)
		return nil
	})
	if err != nil {
		return fmt.Errorf("count Ombudsman recommendations: %w", err)
	}
	return nil
}
