package sqlstore

import (
	"database/sql"
	"strings"

	"github.com/heedhq/heed"
)

// Columns added to records and stages by later migrations. The hooks of
// earlier migrations read and write records with today's code, so each
// column is read and written only once its migration is in place (see
// DB.hasSchema).

// laterColumn is one such column: the migration that adds it, where a
// record or stage is read from it, and what is written to it.
type laterColumn[T any] struct {
	version int
	name    string
	text    bool // a text column: NULL where a record without stages joins none
	dest    func(*T) any
	value   func(*T) any
}

// stageColumns are the stages' later columns.
var stageColumns = []laterColumn[heed.Stage]{
	{25, "statement_agreed", false, func(s *heed.Stage) any { return date{&s.StatementAgreed} }, func(s *heed.Stage) any { return dateArg(s.StatementAgreed) }},
	{25, "independent_person", true, func(s *heed.Stage) any { return &s.IndependentPerson }, func(s *heed.Stage) any { return s.IndependentPerson }},
	{25, "adjudicator", true, func(s *heed.Stage) any { return &s.Adjudicator }, func(s *heed.Stage) any { return s.Adjudicator }},
	{25, "panel_met", false, func(s *heed.Stage) any { return date{&s.PanelMet} }, func(s *heed.Stage) any { return dateArg(s.PanelMet) }},
	{25, "panel_reported", false, func(s *heed.Stage) any { return date{&s.PanelReported} }, func(s *heed.Stage) any { return dateArg(s.PanelReported) }},
	{27, "corrective_action", true, func(s *heed.Stage) any { return (*string)(&s.CorrectiveAction) }, func(s *heed.Stage) any { return string(s.CorrectiveAction) }},
	{ombudsmanPartsVersion, "refusal_reason", true, func(s *heed.Stage) any { return (*string)(&s.RefusalReason) }, func(s *heed.Stage) any { return string(s.RefusalReason) }},
	{29, "late_days", false, func(s *heed.Stage) any { return zeroInt{&s.DaysLate} }, func(s *heed.Stage) any { return s.DaysLate }},
}

// zeroInt scans an integer column, NULL (a record without stages joins
// none) as 0.
type zeroInt struct{ n *int }

func (z zeroInt) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*z.n = int(n.Int64)
	return nil
}

// recordColumnsLater are the records' later columns that are written
// with a record (the void columns are written by VoidRecord alone).
var recordColumnsLater = []laterColumn[heed.Record]{
	{27, "uasc", false, func(r *heed.Record) any { return &r.UASC }, func(r *heed.Record) any { return r.UASC }},
	// Read while r.Ombudsman is the one being read (see readRecords).
	{ombudsmanPartsVersion, "ombudsman_fault", false, func(r *heed.Record) any { return (*string)(&r.Ombudsman.Fault) }, func(r *heed.Record) any {
		if r.Ombudsman == nil {
			return ""
		}
		return string(r.Ombudsman.Fault)
	}},
}

// ombudsmanPartsVersion is the migration that adds the Ombudsman's
// remedies and recommendations (moving the one remedy a record held into
// them), the finding of fault and the reason for a refusal.
const ombudsmanPartsVersion = 28

// inPlace returns the columns whose migrations are in place.
func inPlace[T any](d *DB, cols []laterColumn[T]) []laterColumn[T] {
	var out []laterColumn[T]
	for _, c := range cols {
		if d.hasSchema(c.version) {
			out = append(out, c)
		}
	}
	return out
}

// columnList lists the columns' names, each after prefix ("s.", say).
func columnList[T any](cols []laterColumn[T], prefix string, joined bool) string {
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(", ")
		if joined && c.text {
			b.WriteString("COALESCE(" + prefix + c.name + ", '')")
		} else {
			b.WriteString(prefix + c.name)
		}
	}
	return b.String()
}

// dests are where the columns of v are read to.
func dests[T any](cols []laterColumn[T], v *T) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = c.dest(v)
	}
	return out
}

// values are what the columns of v are written as.
func values[T any](cols []laterColumn[T], v *T) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = c.value(v)
	}
	return out
}
