package sqlstore

import (
	"context"
	"fmt"

	"github.com/heedhq/heed"
)

// The Ombudsman's remedies and recommendations (migration 28): several to
// a decision, replaced with the rest of a record's parts at each save.

// ombudsmanParts queues, with part, the reading of the remedies and
// recommendations of recs (ids in: "= $1" with arg, or "IN (...)"): only
// when some are Ombudsman enquiries, the one kind of record that has them.
func (d *DB) ombudsmanParts(recs []*heed.Record, byID map[int64]*heed.Record, in string,
	part func(bool, string, func(rowScanner) error)) {
	if !d.hasSchema(ombudsmanPartsVersion) {
		return
	}
	some := false
	for _, r := range recs {
		some = some || r.Type == heed.TypeOmbudsmanEnquiry
	}
	of := func(id int64) *heed.OmbudsmanCase {
		r := byID[id]
		if r.Ombudsman == nil {
			r.Ombudsman = &heed.OmbudsmanCase{}
		}
		return r.Ombudsman
	}
	part(some, `SELECT record_id, type, pence, due, complied FROM ombudsman_remedies
		WHERE record_id `+in+` ORDER BY record_id, position`,
		func(r rowScanner) error {
			var id int64
			var m heed.Remedy
			var typ string
			if err := r.Scan(&id, &typ, &m.Pence, date{&m.Due}, date{&m.Complied}); err != nil {
				return fmt.Errorf("read remedies: %w", err)
			}
			m.Type = heed.RemedyType(typ)
			o := of(id)
			o.Remedies = append(o.Remedies, m)
			return nil
		})
	part(some, `SELECT record_id, text, due, complied FROM ombudsman_recommendations
		WHERE record_id `+in+` ORDER BY record_id, position`,
		func(r rowScanner) error {
			var id int64
			var m heed.Recommendation
			if err := r.Scan(&id, &m.Text, date{&m.Due}, date{&m.Complied}); err != nil {
				return fmt.Errorf("read recommendations: %w", err)
			}
			o := of(id)
			o.Recommendations = append(o.Recommendations, m)
			return nil
		})
}

// insertOmbudsmanParts writes the remedies and recommendations of recs.
func (w *writer) insertOmbudsmanParts(ctx context.Context, recs []*heed.Record) error {
	if !w.d.hasSchema(ombudsmanPartsVersion) {
		return nil
	}
	var remedies, recommendations [][]any
	for _, rec := range recs {
		if rec.Ombudsman == nil {
			continue
		}
		for i, m := range rec.Ombudsman.Remedies {
			remedies = append(remedies, []any{rec.ID, i + 1, string(m.Type), m.Pence, dateArg(m.Due), dateArg(m.Complied)})
		}
		for i, m := range rec.Ombudsman.Recommendations {
			recommendations = append(recommendations, []any{rec.ID, i + 1, m.Text, dateArg(m.Due), dateArg(m.Complied)})
		}
	}
	if len(remedies) > 0 {
		if err := w.insertMany(ctx, "ombudsman_remedies", []string{"record_id", "position", "type", "pence", "due", "complied"}, remedies, "", nil); err != nil {
			return fmt.Errorf("save remedies: %w", err)
		}
	}
	if len(recommendations) > 0 {
		if err := w.insertMany(ctx, "ombudsman_recommendations", []string{"record_id", "position", "text", "due", "complied"}, recommendations, "", nil); err != nil {
			return fmt.Errorf("save recommendations: %w", err)
		}
	}
	return nil
}
