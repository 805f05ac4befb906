package sheet

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/heedhq/heed"
)

// Source is a CSV or XLSX file read as an import's records (a
// heed.ImportSource). It reads the file each time it is asked, holding one
// row at a time, and fails a reading when the file changed since the first.
type Source struct {
	name   string                        // the file's name, without its folder
	xlsx   bool                          // else CSV
	open   func() (io.ReadCloser, error) // the file from its start
	head   header
	digest []byte // of the file at the first reading
}

// Open checks that the file at path is a CSV or XLSX file Heed can read:
// by its name, its first bytes and, for XLSX, every part of the workbook to
// its end (a damaged or padded workbook is refused here). Its problems come
// as an *heed.Error with Problems.
func Open(path string) (*Source, error) {
	s, err := newSource(path, func() (io.ReadCloser, error) { return os.Open(path) })
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", s.name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", s.name, err)
	}
	return s, s.inspect(f, info.Size())
}

// openBytes is Open for a file held in memory.
func openBytes(name string, data []byte) (*Source, error) {
	s, err := newSource(name, func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil })
	if err != nil {
		return nil, err
	}
	return s, s.inspect(bytes.NewReader(data), int64(len(data)))
}

// newSource is a source of the file name, by its extension.
func newSource(name string, open func() (io.ReadCloser, error)) (*Source, error) {
	s := &Source{name: filepath.Base(name), open: open}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
	case ".xlsx":
		s.xlsx = true
	default:
		return nil, fileProblem(0, fmt.Sprintf("%s: expected a .csv or .xlsx file", s.name))
	}
	return s, nil
}

// inspect refuses a file that is not what its name says, by its first
// bytes, and a workbook that cannot be read to its end or expands past the
// limits.
func (s *Source) inspect(r io.ReaderAt, size int64) error {
	head := make([]byte, min(size, 8<<10))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("cannot read %s: %w", s.name, err)
	}
	if !s.xlsx {
		if msg := sniffCSV(head, size <= int64(len(head))); msg != "" {
			return fileProblem(0, s.name+" "+msg)
		}
		return nil
	}
	if msg := sniffXLSX(head); msg != "" {
		return fileProblem(0, s.name+" "+msg)
	}
	if err := checkXLSX(r, size); err != nil {
		return fileProblem(0, fmt.Sprintf("%s cannot be imported: %v", s.name, err))
	}
	return nil
}

// sniffCSV says why a file's first bytes are not those of a CSV file saved
// as UTF-8 text, or "". whole is whether head is the whole file.
func sniffCSV(head []byte, whole bool) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "is a zip file, such as an XLSX workbook, named .csv: give it the .xlsx ending if it is a workbook, or save it as CSV"
	case bytes.HasPrefix(head, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		return "is an Excel 97-2003 workbook (or a password-protected one) named .csv: save it as CSV UTF-8"
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}), bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return "is saved as UTF-16 text: save it as \"CSV UTF-8 (Comma delimited)\""
	case bytes.IndexByte(head, 0) >= 0:
		return "is not a text file: expected a CSV file (comma-separated values) saved as UTF-8"
	}
	if !whole {
		// The last character may be cut in two by the 8 kB read.
		for i := 0; i < utf8.UTFMax && len(head) > 0 && !utf8.Valid(head); i++ {
			head = head[:len(head)-1]
		}
	}
	if !utf8.Valid(head) {
		return "is not UTF-8 text: save it as \"CSV UTF-8 (Comma delimited)\", not plain \"CSV\""
	}
	return ""
}

// sniffXLSX says why a file's first bytes are not those of an XLSX
// workbook, or "".
func sniffXLSX(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return ""
	case bytes.HasPrefix(head, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		return "is an Excel 97-2003 workbook, or a password-protected one: save it as an Excel Workbook (.xlsx) without a password"
	case len(head) > 0 && utf8.Valid(head) && bytes.IndexByte(head, 0) < 0:
		return "is not an XLSX workbook: it is text, perhaps CSV; if so, give it the .csv ending"
	}
	return "is not an XLSX workbook: expected a file saved by a spreadsheet as Excel Workbook (.xlsx)"
}

// Records reads the file from its start, calling fn with each record and
// its row. Rows it cannot read are returned, after the last, as an
// *heed.Error's Problems.
func (s *Source) Records(fn func(*heed.Record, int) error) error {
	f, err := s.open()
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", s.name, err)
	}
	defer f.Close()
	sum := sha256.New()
	in := io.TeeReader(bufio.NewReaderSize(f, 1<<20), sum)
	var rows rowReader
	if s.xlsx {
		x, err := newXLSXRows(in)
		if err != nil {
			return fileProblem(0, fmt.Sprintf("%s is not a readable XLSX file: %v", s.name, err))
		}
		defer x.close()
		rows = x
	} else {
		rows = newCSVRows(in)
	}
	err = eachRecord(rows, &s.head, fn)
	if heed.ErrorProblems(err) == nil && err != nil {
		return err
	}
	if _, cerr := io.Copy(io.Discard, in); cerr != nil { // the whole file is in the digest
		return fmt.Errorf("cannot read %s: %w", s.name, cerr)
	}
	digest := sum.Sum(nil)
	if s.digest == nil {
		s.digest = digest
	} else if !bytes.Equal(s.digest, digest) {
		return heed.Errorf(heed.ECONFLICT, "%s changed while it was being imported: nothing was saved. Import it again once it is no longer being changed.", s.name)
	}
	return err
}

// Column returns the field's column as the file's header writes it.
func (s *Source) Column(field string) string { return s.head.Column(field) }

// Ignored returns the headers that are not Heed columns, once the file has
// been read.
func (s *Source) Ignored() []string { return s.head.ignored }

// Name is the file's name, without its folder.
func (s *Source) Name() string { return s.name }
