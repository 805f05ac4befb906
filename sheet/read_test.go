package sheet

import (
	"fmt"

	"github.com/heedhq/heed"
)

// parsed is a file read and checked.
type parsed struct {
	Records []*heed.Record // normalized and checked
	Rows    []int          // the spreadsheet row of each record
	Ignored []string       // headers that are not Heed columns
}

// readFile reads a file held in data through a Source, and checks each
// record by the domain's rules, as an import's first reading does (the
// store also looks up references already stored and names that look like
// others). Its error, an *heed.Error, lists every problem with the column
// the header names.
func readFile(name string, data []byte) (*parsed, error) {
	src, err := openBytes(name, data)
	if err != nil {
		return nil, err
	}
	var problems heed.ProblemList
	out := &parsed{}
	refRows := map[string]int{}
	err = src.Records(func(rec *heed.Record, row int) error {
		rules.Normalize(rec)
		bad := false
		for _, fe := range rules.Check(cal, rec, today) {
			problems.Add(heed.Problem{Row: row, Reference: rec.Reference, Field: fe.Field, Column: src.Column(fe.Field), Message: fe.Message})
			bad = true
		}
		key := heed.NameKey(rec.Reference)
		if prev, ok := refRows[key]; ok && rec.Reference != "" {
			problems.Add(heed.Problem{Row: row, Reference: rec.Reference, Field: "reference", Column: src.Column("reference"),
				Message: fmt.Sprintf("the reference %s is already used on row %d: each record needs its own", rec.Reference, prev)})
			bad = true
		}
		refRows[key] = row
		if !bad {
			out.Records = append(out.Records, rec)
			out.Rows = append(out.Rows, row)
		}
		return nil
	})
	if !problems.AddError(err) && err != nil {
		return nil, err
	}
	if err := problems.Err(false); err != nil {
		return nil, err
	}
	out.Ignored = src.Ignored()
	return out, nil
}
