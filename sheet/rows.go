package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/csvcell"
)

// Limits on what one row of a file may hold, so that a damaged or hostile
// file is refused before it fills the memory.
const (
	// MaxRowBytes bounds one row of a CSV, or of a worksheet's XML.
	MaxRowBytes = 4 << 20
	// MaxCells bounds the cells of one row: Excel's column limit.
	MaxCells = 16384
)

// rowReader yields a spreadsheet's rows as text cells; io.EOF ends it.
type rowReader interface {
	next() ([]string, error)
}

// eachRecord reads the header and then calls fn with each row's record and
// its row number (the header is row 1). A row it cannot read is a problem,
// and is not passed to fn; problems are returned, after the last row, as an
// *heed.Error. An error from fn, or a header it cannot use, ends the
// reading at once.
func eachRecord(rows rowReader, h *header, fn func(*heed.Record, int) error) error {
	first, err := rows.next()
	if errors.Is(err, io.EOF) {
		return fileProblem(0, "the file is empty: expected a header row, then one row per record")
	}
	if err != nil {
		return fileProblem(1, err.Error())
	}
	if problems := h.read(first); len(problems) > 0 {
		return &heed.Error{Code: heed.EINVALID, Message: problems.String(), Problems: problems}
	}
	var problems heed.ProblemList
	for row := 2; ; row++ {
		cells, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems.Add(heed.Problem{Row: row, Message: err.Error()})
			break
		}
		if blank(cells) {
			continue
		}
		if len(cells) > len(h.keys) && !blank(cells[len(h.keys):]) {
			problems.Add(heed.Problem{Row: row, Message: fmt.Sprintf("this row has %d cells but the header has %d columns", len(cells), len(h.keys))})
			continue
		}
		rec := &heed.Record{}
		bad := false
		for i, c := range cells {
			if i >= len(h.keys) || h.keys[i] == "" || c == "" {
				continue
			}
			if err := rec.SetField(h.keys[i], c); err != nil {
				problems.Add(heed.Problem{Row: row, Field: h.keys[i], Column: h.written[i], Message: err.Error()})
				bad = true
			}
		}
		if bad {
			continue
		}
		if err := fn(rec, row); err != nil {
			return err
		}
	}
	return problems.Err(false)
}

// fileProblem is a problem with the file as a whole, or with one row.
func fileProblem(row int, message string) error {
	p := heed.Problems{{Row: row, Message: message}}
	return &heed.Error{Code: heed.EINVALID, Message: p.String(), Problems: p}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvRows reads a CSV's rows, refusing a row longer than MaxRowBytes or
// with more than MaxCells cells.
type csvRows struct {
	r     *csv.Reader
	input *rowLimit
}

func newCSVRows(r io.Reader) *csvRows {
	limit := &rowLimit{r: &bomSkipper{r: r}}
	cr := csv.NewReader(limit)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvRows{r: cr, input: limit}
}

func (c *csvRows) next() ([]string, error) {
	c.input.rowStart = c.r.InputOffset()
	rec, err := c.r.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errRowTooLong):
		return nil, err
	case errors.As(err, &pe):
		return nil, fmt.Errorf("the CSV is malformed here (%v): check for an unclosed quotation mark", pe.Err)
	case err == nil && len(rec) > MaxCells:
		return nil, fmt.Errorf("this row has %d cells: a row may have at most %d", len(rec), MaxCells)
	}
	for i, cell := range rec {
		rec[i] = csvcell.Unescape(cell)
	}
	return rec, err
}

var errRowTooLong = fmt.Errorf("this row is longer than %d MB: a row may hold at most that (is a quotation mark left open?)", MaxRowBytes>>20)

// rowLimit fails a read once the row being read is past MaxRowBytes, so a
// CSV reader never holds more than about that in memory.
type rowLimit struct {
	r        io.Reader
	read     int64
	rowStart int64 // where the row being read began
}

func (l *rowLimit) Read(p []byte) (int, error) {
	if l.read-l.rowStart > MaxRowBytes+64<<10 {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// bomSkipper drops a UTF-8 byte order mark at the start of a file, as
// Excel writes one.
type bomSkipper struct {
	r    io.Reader
	done bool
}

func (b *bomSkipper) Read(p []byte) (int, error) {
	if b.done {
		return b.r.Read(p)
	}
	b.done = true
	var head [3]byte
	n, err := io.ReadFull(b.r, head[:])
	rest := head[:n]
	if bytes.Equal(rest, []byte("\ufeff")) {
		rest = nil
	}
	b.r = io.MultiReader(bytes.NewReader(rest), b.r)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, err
	}
	return b.r.Read(p)
}
