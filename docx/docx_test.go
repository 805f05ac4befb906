package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

// TestWrite: the document is a zip of the parts a word processor looks
// for, each well-formed XML; text is escaped, never read as markup; a
// table's columns fit the page, figures narrower than labels; and the same
// document gives the same bytes.
func TestWrite(t *testing.T) {
	build := func() []byte {
		d := New("Report <2014/15>", "Example & Co", time.Date(2015, 6, 30, 0, 0, 0, 0, time.UTC))
		d.Title("Report <2014/15>")
		d.Heading(1, "Introduction")
		d.Paragraph(`Fish & chips "quoted" </w:t>`)
		d.Bullet("One point.")
		d.Table(Table{Caption: "Complaints", Header: []string{"Area", "Q1", "Year"}, Numeric: 1,
			Rows: [][]string{{"Education", "1", "2"}, {"Total", "1", "2"}}, Bold: func(r []string) bool { return r[0] == "Total" }})
		d.Note("A note.")
		var buf bytes.Buffer
		if err := d.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	b := build()
	if !bytes.Equal(b, build()) {
		t.Error("the same document gave different bytes")
	}
	parts := readParts(t, b)
	if _, ok := parts["word/footer1.xml"]; ok {
		t.Error("a footer part, though the document has no footer")
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	doc := parts["word/document.xml"]
	if !strings.Contains(doc, "Fish &amp; chips &#34;quoted&#34; &lt;/w:t&gt;") || !strings.Contains(parts["docProps/core.xml"], "Example &amp; Co") {
		t.Errorf("text not escaped: %s", doc)
	}
	if strings.Count(doc, "<w:tr>") != 3 || strings.Count(doc, "<w:tblHeader/>") != 1 || strings.Count(doc, `<w:jc w:val="right"/>`) != 6 {
		t.Errorf("the table's rows, header and figures: %s", doc)
	}
}

// readParts reads the parts of a .docx, failing the test unless each is
// well-formed XML.
func readParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(r)
		parts[f.Name] = string(body)
		dec := xml.NewDecoder(bytes.NewReader(body))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", f.Name, err)
				break
			}
		}
	}
	return parts
}

// TestFooter: a footer is a part of its own, linked from the document and
// named in the content types, with its text escaped and the page fields.
func TestFooter(t *testing.T) {
	d := New("Letter", "Example Council", time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC))
	d.Footer("Our reference: <A&B>")
	d.Paragraph("Dear Sam")
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	parts := readParts(t, buf.Bytes())
	footer := parts["word/footer1.xml"]
	if !strings.Contains(footer, "Our reference: &lt;A&amp;B&gt;") || !strings.Contains(footer, `w:instr=" PAGE "`) ||
		!strings.Contains(footer, `w:instr=" NUMPAGES "`) {
		t.Errorf("footer part: %q", footer)
	}
	if !strings.Contains(parts["word/document.xml"], `<w:footerReference w:type="default" r:id="rId2"/>`) ||
		!strings.Contains(parts["word/_rels/document.xml.rels"], `Id="rId2"`) ||
		!strings.Contains(parts["[Content_Types].xml"], `PartName="/word/footer1.xml"`) {
		t.Error("the footer is not linked from the document, its relationships and content types")
	}
}

// TestWidths: columns fill the page's width, labels wider than figures.
func TestWidths(t *testing.T) {
	for _, tt := range []Table{
		{Header: []string{"Area", "Q1", "Q2", "Q3", "Q4", "Year"}, Numeric: 1},
		{Header: []string{"Theme", "Q1", "Q2", "Q3", "Q4", "Year", "Upheld", "Partially upheld"}, Numeric: 1},
		{Header: []string{"Reference", "Service area", "Lesson", "Actions"}, Numeric: 3},
		{Header: []string{"A", "B"}},
		{Header: []string{"Requirement", "Compliant", "Figure", "Evidence"}, Weights: []int{35, 10, 17, 38}},
	} {
		w := tt.widths()
		sum := 0
		for _, x := range w {
			sum += x
		}
		if sum > textWidth || sum < textWidth-len(w) {
			t.Errorf("%q: widths %v add up to %d, want %d", tt.Header, w, sum, textWidth)
		}
		if tt.Numeric > 0 && w[0] <= w[len(w)-1] {
			t.Errorf("%q: the label column (%d) is no wider than a figure's (%d)", tt.Header, w[0], w[len(w)-1])
		}
		if tt.Weights != nil && (w[0] <= w[1] || w[3] <= w[0]) {
			t.Errorf("%q: widths %v not in the proportions %v", tt.Header, w, tt.Weights)
		}
	}
}
