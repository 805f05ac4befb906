package web

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"testing"
)

// rawXLSX reads a spreadsheet's first sheet with the standard library
// alone, not the excelize that wrote it: each cell's text (a shared or
// inline string, or a number as written), and the number format of each
// cell that has one.
type rawXLSX struct {
	cells   map[string]string // "B2": "42067"
	formats map[string]string // "B2": "d mmmm yyyy"
}

func readRawXLSX(t *testing.T, b []byte) rawXLSX {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	part := func(name string) []byte {
		for _, f := range z.File {
			if f.Name == name {
				r, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				data, _ := io.ReadAll(r)
				return data
			}
		}
		return nil
	}
	var shared struct {
		SI []struct {
			T string `xml:"t"`
		} `xml:"si"`
	}
	if data := part("xl/sharedStrings.xml"); data != nil {
		if err := xml.Unmarshal(data, &shared); err != nil {
			t.Fatal(err)
		}
	}
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		XFs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(part("xl/styles.xml"), &styles); err != nil {
		t.Fatal(err)
	}
	var sheet struct {
		Rows []struct {
			Cells []struct {
				Ref    string `xml:"r,attr"`
				Type   string `xml:"t,attr"`
				Style  string `xml:"s,attr"`
				Value  string `xml:"v"`
				Inline string `xml:"is>t"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	data := part("xl/worksheets/sheet1.xml")
	if data == nil {
		t.Fatal("no first sheet")
	}
	if err := xml.Unmarshal(data, &sheet); err != nil {
		t.Fatal(err)
	}
	out := rawXLSX{cells: map[string]string{}, formats: map[string]string{}}
	for _, row := range sheet.Rows {
		for _, c := range row.Cells {
			switch c.Type {
			case "s":
				i, _ := strconv.Atoi(c.Value)
				out.cells[c.Ref] = shared.SI[i].T
			case "inlineStr":
				out.cells[c.Ref] = c.Inline
			default:
				out.cells[c.Ref] = c.Value
			}
			if c.Style == "" {
				continue
			}
			s, _ := strconv.Atoi(c.Style)
			for _, f := range styles.NumFmts {
				if s < len(styles.XFs) && f.ID == styles.XFs[s].NumFmtID {
					out.formats[c.Ref] = f.Code
				}
			}
		}
	}
	return out
}
