// Package render writes a computed report in each of its formats. Every
// function here only formats report.Report: no figure is computed twice.
package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/heedhq/heed/csvcell"
	"github.com/heedhq/heed/report"
)

// Formats lists the formats, as --format names them.
var Formats = []string{"json", "html", "xlsx", "csv", "pdf", "docx"}

// Write renders r in format to w.
func Write(w io.Writer, format string, r *report.Report) error {
	switch format {
	case "json":
		return JSON(w, r)
	case "csv":
		return CSV(w, r)
	case "html":
		return HTML(w, r)
	case "xlsx":
		return XLSX(w, r)
	case "pdf":
		return PDF(w, r)
	case "docx":
		return DOCX(w, r)
	}
	return fmt.Errorf("%q is not a report format: expected json, html, xlsx, csv, pdf or docx", format)
}

// JSON writes the report as the documented JSON contract.
func JSON(w io.Writer, r *report.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// CSV writes every table in one file, each line tagged with its table id
// and kind: "columns" (the header), "row", "comparison" or "note", then the
// row's stable key (empty on header and note lines); then the measures,
// tagged "measures", each keyed by its id. Every cell is written through
// csvcell.Escape, so that no name or note is run as a spreadsheet formula.
func CSV(w io.Writer, r *report.Report) error {
	cw := csv.NewWriter(w)
	write := func(fields ...string) {
		for i, f := range fields {
			fields[i] = csvcell.Escape(f)
		}
		cw.Write(fields)
	}
	write("table", "kind", "key", "label", "values…")
	for _, t := range r.Tables {
		write(append([]string{t.ID, "columns", "", t.Title}, t.Columns...)...)
		for _, kind := range []struct {
			name string
			rows []report.Row
		}{{"row", t.Rows}, {"comparison", t.Comparisons}} {
			for _, row := range kind.rows {
				fields := []string{t.ID, kind.name, row.Key, row.Label}
				for _, v := range row.Values {
					fields = append(fields, csvValue(v))
				}
				write(fields...)
			}
		}
		for _, n := range t.Notes {
			write(t.ID, "note", "", n)
		}
	}
	write("measures", "columns", "key", "label", "value", "previous", "change", "change_percent")
	for _, m := range r.Measures {
		write("measures", "measure", m.ID, m.Label, csvValue(m.Value), csvValue(m.Previous), csvValue(m.Change), csvValue(m.ChangePercent))
	}
	cw.Flush()
	return cw.Error()
}

// csvValue is a figure as the CSV writes it: the number, empty when
// suppressed, or n/a when not applicable.
func csvValue(v report.Value) string {
	switch {
	case v.Suppressed:
		return ""
	case v.NotApplicable:
		return "n/a"
	}
	return num(v.N)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
