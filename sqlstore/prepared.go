package sqlstore

import "github.com/heedhq/heed"

// prepared is the part of writing a new record that needs nothing of the
// transaction: its rows with its id and its names' ids left to fill, and
// what it adds to the counts. An import works it out in its reading
// goroutine (see readAhead), so that on two processors it overlaps the
// writing of the batch before: on PostgreSQL the writing goroutine is then
// mostly waiting on the server, on SQLite mostly in SQLite.
type prepared struct {
	record                   []any // recordInsertColumns' row; see fillRecord
	stages, elements, pauses [][]any
	count                    recordCount
}

// prepare works out rec's prepared parts.
func (d *DB) prepare(rec *heed.Record) *prepared {
	later := recordColumnsWritten(d)
	args := d.recordValues(rec)
	row := make([]any, 0, 1+len(args)+2+len(later))
	row = append(row, nil) // the id
	row = append(row, args...)
	row = append(row, 1, args[len(args)-1]) // version 1, created when saved
	row = append(row, values(later, rec)...)
	p := &prepared{record: row, count: d.countOf(rec)}
	p.stages, p.elements, p.pauses = d.partRows(rec)
	return p
}

// fillRecord puts the record's id and its names' ids in its row.
func (p *prepared) fillRecord(id int64, area, team, theme any) {
	p.record[0] = id
	p.record[1+argArea], p.record[1+argTeam], p.record[1+argTheme] = area, team, theme
}

// setRecordID puts the record's id in the rows of its parts, each of
// which begins with it.
func (p *prepared) setRecordID(id int64) {
	for _, rows := range [][][]any{p.stages, p.elements, p.pauses} {
		for _, row := range rows {
			row[0] = id
		}
	}
}
