package sheet

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
)

// xlsxRows reads the first sheet of a workbook. Cells are read raw, so a
// real date cell arrives as its serial number and is turned into a date
// when its column holds dates.
type xlsxRows struct {
	f       *excelize.File
	rows    *excelize.Rows
	dateCol []bool
	first   bool
}

func newXLSXRows(r io.Reader) (*xlsxRows, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, err
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fmt.Errorf("the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, err
	}
	return &xlsxRows{f: f, rows: rows, first: true}, nil
}

// close lets go of the workbook and any temporary files it unpacked.
func (x *xlsxRows) close() {
	x.rows.Close()
	x.f.Close()
}

func (x *xlsxRows) next() ([]string, error) {
	if !x.rows.Next() {
		if err := x.rows.Error(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	cells, err := x.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	if x.first {
		x.first = false
		x.dateCol = make([]bool, len(cells))
		for i, c := range cells {
			x.dateCol[i] = heed.IsDateField(normalizeHeader(c))
		}
		return cells, nil
	}
	for i, c := range cells {
		if i < len(x.dateCol) && x.dateCol[i] && c != "" {
			if serial, err := strconv.ParseFloat(c, 64); err == nil {
				if t, err := excelize.ExcelDateToTime(serial, false); err == nil {
					cells[i] = t.Format("2006-01-02")
				}
			}
		}
	}
	return cells, nil
}

// writeXLSX writes one sheet, "Records", with a bold header and dates as
// real date cells, so that the council's spreadsheet sorts and filters them.
func writeXLSX(w io.Writer, cols []string, recs []*heed.Record) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Records"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateFormat := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(cols))
	isDate := make([]bool, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: bold, Value: c}
		isDate[i] = heed.IsDateField(c)
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for n, r := range recs {
		fields := r.Fields()
		row := make([]any, len(cols))
		for i, c := range cols {
			v, ok := fields[c]
			switch {
			case !ok:
				row[i] = nil
			case isDate[i]:
				d, err := calendar.ParseDate(v)
				if err != nil {
					return fmt.Errorf("record %s, %s: %w", r.Reference, c, err)
				}
				row[i] = excelize.Cell{StyleID: dateStyle, Value: d.Time()}
			default:
				// Text, always: a reference such as 00123 keeps its zeros.
				row[i] = excelize.Cell{Value: v}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
