// Package sheet reads and writes Heed's spreadsheet format, in CSV or XLSX:
// one row per record, a header row of field keys (see heed.Columns), column
// order free, header names case-insensitive, empty cells "not recorded".
package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/csvcell"
)

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

// CSVWriter writes records as CSV rows under a header. A cell a
// spreadsheet would run as a formula is written as text (csvcell.Escape);
// reading the file back takes that quote off again.
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
		c.row[i] = csvcell.Escape(f[col])
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
