// Package letters lays out response letters, made from their templates'
// text (see heed.ExecuteLetter), as a PDF and as a Word document, and
// holds the default templates Heed ships: our own words, embedded.
//
// The text's layout is plain: a line starting "# " is a heading, one
// starting "- " a bulleted line, a blank line ends a paragraph, and the
// lines of a paragraph stay apart (an address, a signature).
package letters

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/docx"
)

//go:embed defaults/*.txt
var defaults embed.FS

// Default returns the text Heed ships for the kind and audience.
func Default(k heed.LetterKind, a heed.LetterAudience) string {
	name := "response"
	if k == heed.LetterAcknowledgement {
		name = "acknowledgement"
	}
	if a == heed.AudienceYoungPerson {
		name += "_young"
	}
	b, err := defaults.ReadFile("defaults/" + name + ".txt")
	if err != nil {
		panic("letters: default template missing: " + name) // embedded: cannot happen
	}
	return string(b)
}

// Body is the template's text in use: the saved one, or the default when
// none was saved.
func Body(t *heed.LetterTemplate) string {
	if t.Version == 0 || t.Body == "" {
		return Default(t.Kind, t.Audience)
	}
	return t.Body
}

// BlockKind is what a block of a letter's text is.
type BlockKind int

// The kinds of block.
const (
	Paragraph BlockKind = iota
	Heading
	Bullet
)

// Block is a heading, a bulleted line or a paragraph of lines.
type Block struct {
	Kind  BlockKind
	Lines []string
}

// IsHeading and IsBullet tell an HTML template what the block is.
func (b Block) IsHeading() bool { return b.Kind == Heading }

// IsBullet reports whether the block is a bulleted line.
func (b Block) IsBullet() bool { return b.Kind == Bullet }

// Blocks splits a letter's text into its blocks.
func Blocks(text string) []Block {
	var out []Block
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, Block{Kind: Paragraph, Lines: para})
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimRight(line, " \t")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "# "):
			flush()
			out = append(out, Block{Kind: Heading, Lines: []string{strings.TrimSpace(trimmed[2:])}})
		case strings.HasPrefix(trimmed, "- "):
			flush()
			out = append(out, Block{Kind: Bullet, Lines: []string{strings.TrimSpace(trimmed[2:])}})
		default:
			para = append(para, trimmed)
		}
	}
	flush()
	return out
}

// Letter is a letter's text with what its files need besides.
type Letter struct {
	Kind      heed.LetterKind
	Audience  heed.LetterAudience
	Council   string
	Reference string
	Text      string
	Made      time.Time // dates the files' properties
}

// Title is the letter's title: "Stage 1 response CMP-2026-00042".
func (l *Letter) Title() string { return l.Kind.Label() + " " + l.Reference }

// FileName is the letter's file name with the extension: the reference
// (slashes made hyphens), what the letter is, and the young person's
// version said.
func (l *Letter) FileName(ext string) string {
	name := strings.NewReplacer("/", "-", `\`, "-").Replace(l.Reference) + " " + strings.ToLower(l.Kind.Label())
	if l.Audience == heed.AudienceYoungPerson {
		name += " (young person)"
	}
	return name + ext
}

// The media types of the files.
const (
	PDFType  = "application/pdf"
	DOCXType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// Files renders the letter as a PDF and as a Word document, in that order,
// as documents to keep on the case.
func Files(l *Letter) ([]heed.LetterFile, error) {
	var p, d bytes.Buffer
	if err := PDF(&p, l); err != nil {
		return nil, err
	}
	if err := DOCX(&d, l); err != nil {
		return nil, err
	}
	return []heed.LetterFile{
		{Document: heed.Document{Name: l.FileName(".pdf"), Type: PDFType}, Content: p.Bytes()},
		{Document: heed.Document{Name: l.FileName(".docx"), Type: DOCXType}, Content: d.Bytes()},
	}, nil
}

// DOCX writes the letter as a Word document that Word and LibreOffice
// open and edit: the council's name as its title, then the text.
func DOCX(w io.Writer, l *Letter) error {
	d := docx.New(l.Title(), l.Council, l.Made)
	d.Footer("Our reference: " + l.Reference)
	d.Title(l.Council)
	for _, b := range Blocks(l.Text) {
		switch b.Kind {
		case Heading:
			d.Heading(2, b.Lines[0])
		case Bullet:
			d.Bullet(b.Lines[0])
		default:
			d.Lines(b.Lines)
		}
	}
	if err := d.Write(w); err != nil {
		return fmt.Errorf("write the letter's Word document: %w", err)
	}
	return nil
}
