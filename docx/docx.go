// Package docx writes simple Word documents (Office Open XML, .docx):
// headings, paragraphs, bulleted lines and tables with a repeated header
// row, on A4 pages, in the styles Word and LibreOffice already know
// (Title, Heading 1, Heading 2).
//
// It is written here, with archive/zip and encoding/xml, because no Go
// library for DOCX could be used: those that write tables are either paid
// for (unioffice) or not available from the Go module proxy (gooxml,
// godocx), and a report needs only this small, fixed part of the format.
// The output is the same bytes for the same document, so that it can be
// compared with a golden file.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// Document is a Word document being built, block by block.
type Document struct {
	title, author string
	created       time.Time
	body          strings.Builder
	footer        string
}

// Footer puts text at the foot of every page, with "Page 2 of 3" at the
// right (Word and LibreOffice fill in the numbers).
func (d *Document) Footer(text string) { d.footer = text }

// footerXML is the footer part, word/footer1.xml.
func (d *Document) footerXML() []byte {
	field := func(name string) string {
		return `<w:fldSimple w:instr=" ` + name + ` "><w:r><w:t>1</w:t></w:r></w:fldSimple>`
	}
	return []byte(xml.Header + `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:p><w:pPr><w:pStyle w:val="Note"/><w:tabs><w:tab w:val="right" w:pos="` + fmt.Sprint(textWidth) + `"/></w:tabs></w:pPr>` +
		run(d.footer, false, false) + `<w:r><w:tab/><w:t xml:space="preserve">Page </w:t></w:r>` + field("PAGE") +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r>` + field("NUMPAGES") + "</w:p></w:ftr>\n")
}

// New starts a document; title and author go in its properties, and
// created dates it (so that the same document gives the same bytes).
func New(title, author string, created time.Time) *Document {
	return &Document{title: title, author: author, created: created.UTC()}
}

// esc is s escaped for XML text and attributes.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// run is a run of text; bold and italic as asked. Spaces at either end are
// kept.
func run(text string, bold, italic bool) string {
	var props string
	if bold || italic {
		props = "<w:rPr>"
		if bold {
			props += "<w:b/>"
		}
		if italic {
			props += "<w:i/>"
		}
		props += "</w:rPr>"
	}
	return `<w:r>` + props + `<w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// para writes a paragraph of style (none for Normal) whose next paragraph
// it is kept with when keepNext.
func (d *Document) para(style, text string, keepNext, bold, italic bool) {
	d.body.WriteString("<w:p>")
	if style != "" || keepNext {
		d.body.WriteString("<w:pPr>")
		if style != "" {
			d.body.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		if keepNext {
			d.body.WriteString("<w:keepNext/>")
		}
		d.body.WriteString("</w:pPr>")
	}
	d.body.WriteString(run(text, bold, italic))
	d.body.WriteString("</w:p>\n")
}

// Title writes the document's title.
func (d *Document) Title(text string) { d.para("Title", text, true, false, false) }

// Heading writes a heading of level 1 or 2, kept with what follows it.
func (d *Document) Heading(level int, text string) {
	d.para(fmt.Sprintf("Heading%d", min(max(level, 1), 2)), text, true, false, false)
}

// Paragraph writes a paragraph of text.
func (d *Document) Paragraph(text string) { d.para("", text, false, false, false) }

// Note writes a small paragraph in italics, such as a table's note.
func (d *Document) Note(text string) { d.para("Note", text, false, false, true) }

// Bullet writes a bulleted line.
func (d *Document) Bullet(text string) {
	d.body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Bullet"/></w:pPr>` + run("•", false, false) + `<w:r><w:tab/></w:r>` +
		run(text, false, false) + "</w:p>\n")
}

// Table is a table to write: a header row, repeated on each page it runs
// over, then its rows. Columns from Numeric on are figures, aligned right
// (0: none). Rows whose first cell is in Bold are bold (totals).
type Table struct {
	Caption string // read by screen readers as the table's description
	Header  []string
	Rows    [][]string
	Numeric int
	Bold    func(row []string) bool
	// Weights, when given, share the page's width between the columns in
	// these proportions (one a column), in place of Numeric's.
	Weights []int
}

// Table writes t.
func (d *Document) Table(t Table) {
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="HeedTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>`)
	if t.Caption != "" {
		b.WriteString(`<w:tblCaption w:val="` + esc(t.Caption) + `"/>`)
	}
	b.WriteString(`<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>` + "\n")
	widths := t.widths()
	b.WriteString("<w:tblGrid>")
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>\n")
	row := func(cells []string, header bool) {
		b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
		if header {
			b.WriteString("<w:tblHeader/>")
		}
		b.WriteString("</w:trPr>")
		bold := header || (t.Bold != nil && t.Bold(cells))
		for i, c := range cells {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, widths[min(i, len(widths)-1)])
			if header {
				b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="F3F2F1"/>`)
			}
			b.WriteString(`</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>`)
			if header {
				b.WriteString("<w:keepNext/>")
			}
			if t.Numeric > 0 && i >= t.Numeric {
				b.WriteString(`<w:jc w:val="right"/>`)
			}
			b.WriteString("</w:pPr>")
			b.WriteString(run(c, bold, false))
			b.WriteString("</w:p></w:tc>")
		}
		b.WriteString("</w:tr>\n")
	}
	row(t.Header, true)
	for _, r := range t.Rows {
		row(r, false)
	}
	b.WriteString("</w:tbl>\n")
	// Word needs a paragraph between two tables, and one after the last:
	// a small one.
	d.body.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>` + "\n")
}

// textWidth is the width of an A4 page between its margins, in
// twentieths of a point.
const textWidth = 11906 - 2*1134

// widths are the table's column widths: figures in narrow columns, the
// labels sharing what is left.
func (t Table) widths() []int {
	n := len(t.Header)
	if n == 0 {
		return nil
	}
	out := make([]int, n)
	if len(t.Weights) == n {
		total := 0
		for _, w := range t.Weights {
			total += max(w, 1)
		}
		for i, w := range t.Weights {
			out[i] = textWidth * max(w, 1) / total
		}
		return out
	}
	labels := n
	if t.Numeric > 0 && t.Numeric < n {
		figure := min(1400, 6000/(n-t.Numeric))
		for i := t.Numeric; i < n; i++ {
			out[i] = figure
		}
		labels = t.Numeric
	}
	rest := textWidth
	for _, w := range out {
		rest -= w
	}
	for i := 0; i < labels; i++ {
		out[i] = rest / labels
	}
	return out
}

// DocumentXML is the document's main part, word/document.xml: its text,
// one block to a line.
func (d *Document) DocumentXML() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if d.footer == "" {
		b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + "\n")
	} else {
		b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` + "\n")
	}
	b.WriteString(d.body.String())
	// A4, with margins of 2 cm.
	b.WriteString(`<w:sectPr>`)
	if d.footer != "" {
		b.WriteString(`<w:footerReference w:type="default" r:id="rId2"/>`)
	}
	b.WriteString(`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>` + "\n")
	b.WriteString("</w:body></w:document>\n")
	return b.Bytes()
}

// Write writes the document as a .docx file.
func (d *Document) Write(w io.Writer) error {
	z := zip.NewWriter(w)
	stamp := d.created
	if stamp.Year() < 1980 {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	parts := []struct {
		name string
		body []byte
	}{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(rootRels)},
		{"docProps/core.xml", d.coreXML()},
		{"word/_rels/document.xml.rels", []byte(documentRels)},
		{"word/document.xml", d.DocumentXML()},
		{"word/styles.xml", []byte(styles)},
	}
	if d.footer != "" {
		parts[0].body = []byte(strings.Replace(contentTypes, "</Types>", footerType+"</Types>", 1))
		parts[3].body = []byte(strings.Replace(documentRels, "</Relationships>", footerRel+"</Relationships>", 1))
		parts = append(parts, struct {
			name string
			body []byte
		}{"word/footer1.xml", d.footerXML()})
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return fmt.Errorf("write the document's %s: %w", p.name, err)
		}
		if _, err := f.Write(p.body); err != nil {
			return fmt.Errorf("write the document's %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("write the document: %w", err)
	}
	return nil
}

func (d *Document) coreXML() []byte {
	when := d.created.Format("2006-01-02T15:04:05Z")
	return []byte(xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.title) + `</dc:title><dc:creator>` + esc(d.author) + `</dc:creator>` +
		`<dc:language>en-GB</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + when + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + when + `</dcterms:modified>` +
		`</cp:coreProperties>`)
}

// Lines writes a paragraph of lines kept apart by line breaks, such as an
// address.
func (d *Document) Lines(lines []string) {
	d.body.WriteString("<w:p>")
	for i, l := range lines {
		if i > 0 {
			d.body.WriteString("<w:r><w:br/></w:r>")
		}
		d.body.WriteString(run(l, false, false))
	}
	d.body.WriteString("</w:p>\n")
}
