package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits on what a workbook may expand to. A part of a workbook usually
// compresses ten to thirty times; one that expands far more is padding, and
// reading it would take the memory and the time of the machine.
const (
	// maxPart bounds the uncompressed size of one part of a workbook.
	maxPart = 4 << 30
	// maxRatio bounds how many times larger than its compressed size a
	// part past freeExpansion may be.
	maxRatio = 100
	// freeExpansion is the size a part may reach whatever its ratio.
	freeExpansion = 64 << 20
)

// checkXLSX reads every part of a workbook before anything is imported: it
// refuses a part that expands past the limits, and a worksheet or the
// shared strings whose XML cannot be read to its end (a damaged file that
// a reader would otherwise stop reading early, as if the rows ended there),
// or that holds a row over MaxRowBytes or MaxCells cells.
func checkXLSX(r io.ReaderAt, size int64) error {
	z, err := zip.NewReader(r, size)
	if err != nil {
		return fmt.Errorf("it is not a readable XLSX workbook (%v)", err)
	}
	for _, f := range z.File {
		if err := checkPart(f); err != nil {
			return err
		}
	}
	return nil
}

// allowed is how large a part may expand to.
func allowed(f *zip.File) int64 {
	return min(maxPart, max(freeExpansion, int64(min(f.CompressedSize64, maxPart))*maxRatio))
}

func tooLarge(f *zip.File) error {
	return fmt.Errorf("its part %s expands to more than %d MB (from %d kB): it is padded or damaged, not a spreadsheet Heed can import; "+
		"open it in a spreadsheet and save it again, or save it as CSV", f.Name, allowed(f)>>20, f.CompressedSize64>>10)
}

func checkPart(f *zip.File) error {
	limit := allowed(f)
	if f.UncompressedSize64 > uint64(limit) {
		return tooLarge(f)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("its part %s cannot be opened (%v): the file is damaged", f.Name, err)
	}
	defer rc.Close()
	in := &countingReader{r: io.LimitReader(rc, limit+1)}
	if !isSheetXML(f.Name) {
		if _, err := io.Copy(io.Discard, in); err != nil {
			return fmt.Errorf("its part %s cannot be read (%v): the file is damaged", f.Name, err)
		}
	} else if err := checkSheetXML(in); err != nil {
		if in.n > limit {
			return tooLarge(f)
		}
		return fmt.Errorf("%s cannot be read to its end: %w. The file is damaged: save it again from the spreadsheet, or export it from Heed again", sheetName(f.Name), err)
	}
	if in.n > limit {
		return tooLarge(f)
	}
	return nil
}

func isSheetXML(name string) bool {
	return name == "xl/sharedStrings.xml" || (strings.HasPrefix(name, "xl/worksheets/") && path.Ext(name) == ".xml")
}

func sheetName(name string) string {
	if name == "xl/sharedStrings.xml" {
		return "the workbook's text (its shared strings)"
	}
	return "the worksheet " + strings.TrimSuffix(path.Base(name), ".xml")
}

// checkSheetXML reads a worksheet's (or the shared strings') XML to its
// end. A run of text between two tags may not pass MaxRowBytes, so the
// decoder never holds more than that.
func checkSheetXML(r io.Reader) error {
	dec := xml.NewDecoder(&gapLimit{r: r})
	var rowStart int64
	row, cells := "", 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			if row != "" {
				return fmt.Errorf("it breaks off in row %s (%v)", row, unwrapXML(err))
			}
			return fmt.Errorf("%v", unwrapXML(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowStart, cells = dec.InputOffset(), 0
				row = "?"
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						row = a.Value
					}
				}
			case "c":
				if cells++; cells > MaxCells {
					return fmt.Errorf("row %s has more than %d cells", row, MaxCells)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "row" && dec.InputOffset()-rowStart > MaxRowBytes {
				return fmt.Errorf("row %s is longer than %d MB", row, MaxRowBytes>>20)
			}
		}
	}
}

func unwrapXML(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return errors.New(se.Msg)
	}
	return err
}

// gapLimit fails a read once more than MaxRowBytes have passed without a
// '<': text that long between two tags is padding.
type gapLimit struct {
	r   io.Reader
	gap int
}

var errGap = fmt.Errorf("it holds a run of more than %d MB of text between two tags", MaxRowBytes>>20)

func (g *gapLimit) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	b := p[:n]
	if i := bytes.IndexByte(b, '<'); i >= 0 {
		if g.gap+i > MaxRowBytes {
			return n, errGap
		}
		g.gap = len(b) - bytes.LastIndexByte(b, '<') - 1
	} else {
		g.gap += n
	}
	if g.gap > MaxRowBytes {
		return n, errGap
	}
	return n, err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
