package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

var _ heed.CodeAssessmentService = (*DB)(nil)

// letterColumns are code_assessments' columns of the Ombudsman's letter,
// in the order of heed.OmbudsmanLetter.Figures.
func letterColumns(l *heed.OmbudsmanLetter) []string {
	var cols []string
	for _, f := range l.Figures() {
		cols = append(cols, f.Key)
	}
	return cols
}

// CodeAssessment returns the year's assessment of the Code, or an empty one
// (Version 0) when none was saved.
func (d *DB) CodeAssessment(ctx context.Context, code heed.CodeID, year int) (*heed.CodeAssessment, error) {
	return d.readCodeAssessment(ctx, d.db, code, year)
}

func (d *DB) readCodeAssessment(ctx context.Context, q querier, code heed.CodeID, year int) (*heed.CodeAssessment, error) {
	a := &heed.CodeAssessment{Code: code, Year: year}
	figures := make([]sql.NullFloat64, len(a.Letter.Figures()))
	dest := []any{&a.Version, &a.UpdatedBy, &a.UpdatedAt, &a.NonCompliance, &a.GoverningResponse}
	for i := range figures {
		dest = append(dest, &figures[i])
	}
	err := q.QueryRowContext(ctx, `SELECT version, updated_by, updated_at, non_compliance, governing_response, `+
		strings.Join(letterColumns(&a.Letter), ", ")+`
		FROM code_assessments WHERE code = $1 AND year = $2`, string(code), year).Scan(dest...)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the Code self-assessment: %w", err)
	}
	a.UpdatedAt = a.UpdatedAt.UTC()
	for i, f := range a.Letter.Figures() {
		if figures[i].Valid {
			if fe := a.Letter.SetFigure(f.Key, fmt.Sprint(figures[i].Float64)); fe != nil {
				return nil, fmt.Errorf("read the Code self-assessment: %s %s", fe.Field, fe.Message)
			}
		}
	}
	err = eachRowArgs(ctx, q, `SELECT requirement, compliant, evidence, commentary FROM code_assessment_entries
		WHERE code = $1 AND year = $2 ORDER BY requirement`, []any{string(code), year}, func(r *sql.Rows) error {
		var e heed.AssessmentEntry
		var c string
		if err := r.Scan(&e.Requirement, &c, &e.Evidence, &e.Commentary); err != nil {
			return err
		}
		e.Compliant = heed.Compliance(c)
		a.Entries = append(a.Entries, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read the Code self-assessment: %w", err)
	}
	return a, nil
}

// SaveCodeAssessment saves the assessment when its Version is the one
// stored, and records what changed in the audit log; an assessment that
// changes nothing writes nothing.
func (d *DB) SaveCodeAssessment(ctx context.Context, by heed.Actor, a *heed.CodeAssessment) error {
	if errs := a.Validate(); len(errs) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: errs.Error(), Fields: errs}
	}
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save the Code self-assessment: %w", err)
	}
	defer tx.Rollback()
	old, err := d.readCodeAssessment(ctx, tx, a.Code, a.Year)
	if err != nil {
		return err
	}
	if old.Version != a.Version {
		return heed.Errorf(heed.ECONFLICT,
			"Nothing was saved: %s changed this self-assessment after you opened it. Open it again to see their changes, then make yours.",
			old.UpdatedBy)
	}
	changes := heed.Diff(old.Fields(), a.Fields())
	if len(changes) == 0 {
		return nil
	}
	now := d.now().UTC()
	if err := saveAssessment(ctx, tx, a, old.Version, by, now); err != nil {
		return err
	}
	if err := d.appendAudit(ctx, tx, heed.AuditEntry{Actor: by.Name, Action: heed.AuditSettingsChanged,
		Note: fmt.Sprintf("Code annual report %s saved (%s)", calendar.FinancialYearLabel(a.Year), a.Code), Changes: changes}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save the Code self-assessment: %w", err)
	}
	a.Version, a.UpdatedBy, a.UpdatedAt = a.Version+1, by.Name, now
	return nil
}

// saveAssessment writes the assessment over version (0: none yet) in tx.
func saveAssessment(ctx context.Context, tx *sql.Tx, a *heed.CodeAssessment, version int, by heed.Actor, now time.Time) error {
	cols := append([]string{"version", "updated_by", "updated_at", "non_compliance", "governing_response"}, letterColumns(&a.Letter)...)
	args := []any{version + 1, by.Name, now, a.NonCompliance, a.GoverningResponse}
	for _, f := range a.Letter.Figures() {
		var v any
		if s := f.Value(); s != "" {
			v = s
		}
		args = append(args, v)
	}
	var res sql.Result
	var err error
	if version == 0 {
		marks := make([]string, len(cols)+2)
		for i := range marks {
			marks[i] = fmt.Sprintf("$%d", i+1)
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO code_assessments (code, year, `+strings.Join(cols, ", ")+`)
			VALUES (`+strings.Join(marks, ", ")+`)`, append([]any{string(a.Code), a.Year}, args...)...)
	} else {
		sets := make([]string, len(cols))
		for i, c := range cols {
			sets[i] = fmt.Sprintf("%s = $%d", c, i+1)
		}
		res, err = tx.ExecContext(ctx, `UPDATE code_assessments SET `+strings.Join(sets, ", ")+
			fmt.Sprintf(` WHERE code = $%d AND year = $%d AND version = $%d`, len(cols)+1, len(cols)+2, len(cols)+3),
			append(args, string(a.Code), a.Year, version)...)
	}
	conflict := heed.Errorf(heed.ECONFLICT,
		"Nothing was saved: someone else saved this self-assessment at the same moment. Open it again to see their changes, then make yours.")
	if isUniqueViolation(err) {
		return conflict
	}
	if err != nil {
		return fmt.Errorf("save the Code self-assessment: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return conflict
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM code_assessment_entries WHERE code = $1 AND year = $2`, string(a.Code), a.Year); err != nil {
		return fmt.Errorf("save the Code self-assessment: %w", err)
	}
	for _, e := range a.Entries {
		if e == (heed.AssessmentEntry{Requirement: e.Requirement}) {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO code_assessment_entries (code, year, requirement, compliant, evidence, commentary)
			VALUES ($1, $2, $3, $4, $5, $6)`, string(a.Code), a.Year, e.Requirement, string(e.Compliant), e.Evidence, e.Commentary); err != nil {
			return fmt.Errorf("save the Code self-assessment: %w", err)
		}
	}
	return nil
}
