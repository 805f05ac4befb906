// Package sheet reads and writes Heed's spreadsheet format, in CSV or XLSX:
// one row per record, a header row of field keys (see heed.Columns), column
// order free, header names case-insensitive, empty cells "not recorded".
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// maxProblems bounds how many problems one file reports.
const maxProblems = 1000

// RowError is one problem in a spreadsheet: its row as a person sees it
// (the header is row 1), the column as written in the header, the record's
// reference when known, and what was expected.
type RowError struct {
	Row       int
	Column    string
	Reference string
	Message   string
}

func (e RowError) String() string {
	var b strings.Builder
	if e.Row > 0 {
		fmt.Fprintf(&b, "row %d", e.Row)
		if e.Reference != "" {
			fmt.Fprintf(&b, " (reference %s)", e.Reference)
		}
	}
	if e.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %s", e.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// Errors is every problem found in a file, one a line.
type Errors []RowError

func (e Errors) Error() string {
	s := make([]string, len(e))
	for i, r := range e {
		s[i] = r.String()
	}
	return strings.Join(s, "\n")
}

// Parsed is a spreadsheet read and checked.
type Parsed struct {
	Records []*heed.Record // normalized and checked
	Rows    []int          // the spreadsheet row of each record
	Ignored []string       // headers that are not Heed columns
}

// Read parses a CSV or XLSX file (by name's extension) into records. Every
// row is checked before it returns; the error, an Errors, lists every
// problem, not only the first.
func Read(name string, r io.Reader, rules heed.Rules, cal *calendar.Calendar) (*Parsed, error) {
	var rows rowReader
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		rows = newCSVRows(r)
	case ".xlsx":
		x, err := newXLSXRows(r)
		if err != nil {
			return nil, Errors{{Message: fmt.Sprintf("%s is not a readable XLSX file: %v", filepath.Base(name), err)}}
		}
		rows = x
	default:
		return nil, Errors{{Message: fmt.Sprintf("%s: expected a .csv or .xlsx file", filepath.Base(name))}}
	}
	return parse(rows, rules, cal)
}

// rowReader yields a spreadsheet's rows as text cells; io.EOF ends it.
type rowReader interface {
	next() ([]string, error)
}

// header maps each column position to its field key ("" to ignore it).
type header struct {
	keys    []string
	written []string // the header as written in the file
	column  map[string]string
}

func normalizeHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}

func readHeader(cells []string) (*header, []string, Errors) {
	cells = append([]string(nil), cells...) // the reader reuses its slice
	h := &header{keys: make([]string, len(cells)), written: cells, column: map[string]string{}}
	var ignored []string
	var errs Errors
	seen := map[string]bool{}
	for i, c := range cells {
		key := normalizeHeader(c)
		switch {
		case key == "":
			continue
		case !heed.KnownField(key):
			ignored = append(ignored, strings.TrimSpace(c))
			continue
		case seen[key]:
			errs = append(errs, RowError{Row: 1, Column: c, Message: "this column appears twice in the header"})
			continue
		}
		seen[key] = true
		h.keys[i] = key
		h.column[key] = strings.TrimSpace(c)
	}
	for _, req := range []string{"reference", "type", "received"} {
		if !seen[req] {
			errs = append(errs, RowError{Row: 1, Column: req,
				Message: "this required column is missing from the header row (reference, type and received are required)"})
		}
	}
	return h, ignored, errs
}

func parse(rows rowReader, rules heed.Rules, cal *calendar.Calendar) (*Parsed, error) {
	var errs Errors
	more := 0
	add := func(e RowError) {
		if len(errs) < maxProblems {
			errs = append(errs, e)
		} else {
			more++
		}
	}
	first, err := rows.next()
	if errors.Is(err, io.EOF) {
		return nil, Errors{{Message: "the file is empty: expected a header row, then one row per record"}}
	}
	if err != nil {
		return nil, Errors{{Row: 1, Message: err.Error()}}
	}
	h, ignored, herrs := readHeader(first)
	if len(herrs) > 0 {
		return nil, herrs
	}
	out := &Parsed{Ignored: ignored}
	refRows := map[string]int{}
	for row := 2; ; row++ {
		cells, err := rows.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			add(RowError{Row: row, Message: err.Error()})
			break
		}
		if blank(cells) {
			continue
		}
		if len(cells) > len(h.keys) && !blank(cells[len(h.keys):]) {
			add(RowError{Row: row, Message: fmt.Sprintf("this row has %d cells but the header has %d columns", len(cells), len(h.keys))})
			continue
		}
		rec := &heed.Record{}
		bad := false
		for i, c := range cells {
			if i >= len(h.keys) || h.keys[i] == "" || c == "" {
				continue
			}
			if err := rec.SetField(h.keys[i], c); err != nil {
				add(RowError{Row: row, Column: h.written[i], Message: err.Error()})
				bad = true
			}
		}
		if bad {
			continue
		}
		rules.Normalize(rec)
		for _, fe := range rules.Check(cal, rec) {
			col := h.column[fe.Field]
			if col == "" {
				col = fe.Field
			}
			add(RowError{Row: row, Column: col, Reference: rec.Reference, Message: fe.Message})
			bad = true
		}
		if prev, ok := refRows[rec.Reference]; ok && rec.Reference != "" {
			add(RowError{Row: row, Column: h.column["reference"], Reference: rec.Reference,
				Message: fmt.Sprintf("the reference %s is already used on row %d: each record needs its own", rec.Reference, prev)})
			bad = true
		}
		refRows[rec.Reference] = row
		if !bad {
			out.Records = append(out.Records, rec)
			out.Rows = append(out.Rows, row)
		}
	}
	if more > 0 {
		errs = append(errs, RowError{Message: fmt.Sprintf("and %d more problems", more)})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

type csvRows struct{ r *csv.Reader }

func newCSVRows(r io.Reader) *csvRows {
	cr := csv.NewReader(&bomSkipper{r: r})
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvRows{r: cr}
}

func (c *csvRows) next() ([]string, error) {
	rec, err := c.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, fmt.Errorf("the CSV is malformed here (%v): check for an unclosed quotation mark", pe.Err)
	}
	return rec, err
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

// ColumnsFor returns the columns to write for records using the given field
// keys: heed.Columns in order, then any other key in use, sorted.
func ColumnsFor(keys map[string]bool) []string {
	cols := append([]string(nil), heed.Columns...)
	std := map[string]bool{}
	for _, c := range heed.Columns {
		std[c] = true
	}
	var extra []string
	for k := range keys {
		if !std[k] {
			extra = append(extra, k)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return naturalLess(extra[i], extra[j]) })
	return append(cols, extra...)
}

// naturalLess orders keys with numbers by value: element2 before element10.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		ia, ib := strings.IndexAny(a, "0123456789"), strings.IndexAny(b, "0123456789")
		if ia != ib || ia < 0 {
			return a < b
		}
		if a[:ia] != b[:ib] {
			return a < b
		}
		na, ra := leadingNumber(a[ia:])
		nb, rb := leadingNumber(b[ib:])
		if na != nb {
			return na < nb
		}
		a, b = ra, rb
	}
	return a < b
}

func leadingNumber(s string) (int, string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(s[:i])
	return n, s[i:]
}

// CSVWriter writes records as CSV rows under a header.
type CSVWriter struct {
	w       *csv.Writer
	columns []string
	row     []string
	started bool
}

// NewCSVWriter returns a writer of the given columns.
func NewCSVWriter(w io.Writer, columns []string) *CSVWriter {
	return &CSVWriter{w: csv.NewWriter(w), columns: columns, row: make([]string, len(columns))}
}

// Write writes one record, after the header the first time.
func (c *CSVWriter) Write(rec *heed.Record) error {
	if !c.started {
		c.started = true
		if err := c.w.Write(c.columns); err != nil {
			return err
		}
	}
	f := rec.Fields()
	for i, col := range c.columns {
		c.row[i] = f[col]
	}
	return c.w.Write(c.row)
}

// Flush writes the header if no record was written, and flushes.
func (c *CSVWriter) Flush() error {
	if !c.started {
		c.started = true
		if err := c.w.Write(c.columns); err != nil {
			return err
		}
	}
	c.w.Flush()
	return c.w.Error()
}

// Write writes records as CSV or XLSX, by name's extension, with every
// column any of them uses, so that reading the file back is lossless.
func Write(name string, w io.Writer, recs []*heed.Record) error {
	keys := map[string]bool{}
	for _, r := range recs {
		for k := range r.Fields() {
			keys[k] = true
		}
	}
	cols := ColumnsFor(keys)
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		cw := NewCSVWriter(w, cols)
		for _, r := range recs {
			if err := cw.Write(r); err != nil {
				return err
			}
		}
		return cw.Flush()
	case ".xlsx":
		return writeXLSX(w, cols, recs)
	}
	return fmt.Errorf("%s: expected a .csv or .xlsx file name", filepath.Base(name))
}
