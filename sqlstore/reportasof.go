package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/heedhq/heed/calendar"
)

// A report as at an earlier day (heed report --as-of, before today) counts
// the records as they stood that day: nothing received after it, and no
// response, outcome, Ombudsman decision, remedy or recommendation complied
// with, action completed or pause ended after it. record_counts hold the
// records as they are now, so such a report groups the records themselves,
// and every query of it reads, in place of each table that changes over
// time, that table as it stood on the day: asOfQuerier rewrites the
// queries' FROM and JOIN clauses, so that one place says what "as at"
// means for every fact. A stage withdrawn (an outcome with no response
// date) is counted as it is now: its day is not recorded.

// asOfTables are the tables as they stood on the day $N (N is filled in).
var asOfTables = map[string]string{
	"records": `SELECT id, reference, type, received, service_area_id, team_id, procedure, theme_id, complainant_type,
		young_person, advocacy, uasc, voided_at, closed, s1_deadline, s1_extended_to,
		CASE WHEN s1_responded <= $N THEN s1_responded END AS s1_responded,
		CASE WHEN s1_responded <= $N THEN s1_response_days END AS s1_response_days,
		CASE WHEN s1_responded > $N OR (s1_responded IS NULL AND closed > $N) THEN '' ELSE s1_outcome END AS s1_outcome,
		CASE WHEN ombudsman_decided > $N THEN '' ELSE ombudsman_decision END AS ombudsman_decision,
		CASE WHEN ombudsman_decided > $N THEN NULL ELSE ombudsman_decided END AS ombudsman_decided,
		CASE WHEN ombudsman_decided > $N THEN '' ELSE ombudsman_fault END AS ombudsman_fault
	FROM records WHERE received <= $N`,
	"stages": `SELECT record_id, number, started, acknowledged, target_days, deadline, extended_to, investigator,
		refusal_reason,
		CASE WHEN responded <= $N THEN responded END AS responded,
		CASE WHEN responded <= $N THEN response_days END AS response_days,
		CASE WHEN responded > $N THEN '' ELSE outcome END AS outcome,
		CASE WHEN responded > $N THEN '' ELSE corrective_action END AS corrective_action,
		CASE WHEN responded <= $N THEN late_days ELSE 0 END AS late_days
	FROM stages WHERE started <= $N`,
	"pauses": `SELECT record_id, stage_number, position, paused_from,
		CASE WHEN paused_to <= $N THEN paused_to END AS paused_to
	FROM pauses WHERE paused_from <= $N`,
	"actions": `SELECT id, lesson_id, position, description, owner, due,
		CASE WHEN completed <= $N THEN completed END AS completed
	FROM actions`,
	"ombudsman_remedies": `SELECT record_id, position, type, pence, due,
		CASE WHEN complied <= $N THEN complied END AS complied
	FROM ombudsman_remedies`,
	"ombudsman_recommendations": `SELECT record_id, position, text, due,
		CASE WHEN complied <= $N THEN complied END AS complied
	FROM ombudsman_recommendations`,
}

// tableReference finds a table of asOfTables after FROM or JOIN, with the
// word that follows it: its alias, or the next clause.
var tableReference = regexp.MustCompile(`\b(FROM|JOIN)\s+(records|stages|pauses|actions|ombudsman_remedies|ombudsman_recommendations)\b(\s+([A-Za-z_][A-Za-z0-9_]*))?`)

// sqlKeywords may follow a table that has no alias.
var sqlKeywords = []string{"WHERE", "JOIN", "LEFT", "INNER", "ON", "GROUP", "ORDER", "LIMIT", "UNION", "HAVING", "USING", "CROSS"}

// asOfQuery rewrites query so that it reads the tables as they stood on the
// day given as its parameter n.
func asOfQuery(query string, n int) string {
	param := fmt.Sprintf("$%d", n)
	return tableReference.ReplaceAllStringFunc(query, func(m string) string {
		parts := tableReference.FindStringSubmatch(m)
		clause, table, next := parts[1], parts[2], parts[4]
		derived := "(" + strings.ReplaceAll(asOfTables[table], "$N", param) + ")"
		if next == "" || slices.Contains(sqlKeywords, strings.ToUpper(next)) {
			// No alias: the table keeps its own name.
			out := clause + " " + derived + " " + table
			if next != "" {
				out += " " + next
			}
			return out
		}
		return clause + " " + derived + " " + next
	})
}

// asOfQuerier runs a report's queries on the tables as they stood on day.
type asOfQuerier struct {
	q   querier
	day calendar.Date
}

func (a asOfQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return a.q.ExecContext(ctx, query, args...)
}

func (a asOfQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	args = append(args, a.day.String())
	return a.q.QueryContext(ctx, asOfQuery(query, len(args)), args...)
}

func (a asOfQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	args = append(args, a.day.String())
	return a.q.QueryRowContext(ctx, asOfQuery(query, len(args)), args...)
}
