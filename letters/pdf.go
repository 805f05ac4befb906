package letters

import (
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/text/encoding/charmap"
)

// PDF writes the letter as an A4 PDF, the council's name at the head of
// the first page and the reference and page number at the foot of each.
// It is set in Helvetica (Arial's metrics), a PDF core font, when every
// character of the letter is one it has (Windows-1252: English, most of
// western Europe, £ and curly quotes); otherwise in the Go fonts, embedded,
// so that a name such as Łukasz or Şahin prints as its owner writes it.
func PDF(w io.Writer, l *Letter) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle(l.Title(), true)
	pdf.SetAuthor(l.Council, true)
	pdf.SetCreator("Heed", true)
	pdf.SetCreationDate(l.Made)
	pdf.SetModificationDate(l.Made)
	pdf.SetCatalogSort(true)
	pdf.SetMargins(22, 20, 22)
	pdf.SetAutoPageBreak(true, 20)
	family, tr := "Helvetica", pdf.UnicodeTranslatorFromDescriptor("") // cp1252: £, ’, – and é
	if !cp1252(l.Council + l.Reference + l.Text) {
		pdf.AddUTF8FontFromBytes("Go", "", goregular.TTF)
		pdf.AddUTF8FontFromBytes("Go", "B", gobold.TTF)
		family, tr = "Go", func(s string) string { return s }
	}
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(family, "", 8.5)
		pdf.CellFormat(0, 5, tr("Our reference: "+l.Reference), "", 0, "L", false, 0, "")
		pdf.CellFormat(0, 5, fmt.Sprintf("Page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AliasNbPages("{nb}")
	pdf.AddPage()
	pdf.SetFont(family, "B", 16)
	pdf.CellFormat(0, 8, tr(l.Council), "", 1, "R", false, 0, "")
	pdf.Ln(8)
	left, _, right, _ := pdf.GetMargins()
	pageWidth, pageHeight := pdf.GetPageSize()
	width := pageWidth - left - right
	blocks := Blocks(l.Text)
	// height is how much of the page a block takes, its space after
	// included.
	height := func(b Block) float64 {
		switch b.Kind {
		case Heading:
			pdf.SetFont(family, "B", 13)
			return 10 + 6.5*float64(len(pdf.SplitText(tr(b.Lines[0]), width)))
		case Bullet:
			pdf.SetFont(family, "", 11)
			return 1.5 + 5.5*float64(len(pdf.SplitText(tr(b.Lines[0]), width-6)))
		}
		pdf.SetFont(family, "", 11)
		n := 0
		for _, line := range b.Lines {
			n += max(1, len(pdf.SplitText(tr(line), width)))
		}
		return 3 + 5.5*float64(n)
	}
	for i, b := range blocks {
		// A heading, or a line such as "Yours sincerely", stays with the
		// block that follows it.
		if i+1 < len(blocks) && (b.Kind == Heading || (b.Kind == Paragraph && len(b.Lines) == 1 && len([]rune(b.Lines[0])) < 40)) {
			if need := height(b) + min(height(blocks[i+1]), 30); pdf.GetY()+need > pageHeight-20 {
				pdf.AddPage()
			}
		}
		switch b.Kind {
		case Heading:
			pdf.Ln(2)
			pdf.SetFont(family, "B", 13)
			pdf.MultiCell(0, 6.5, tr(b.Lines[0]), "", "L", false)
			pdf.Ln(1.5)
		case Bullet:
			pdf.SetFont(family, "", 11)
			x := pdf.GetX()
			pdf.CellFormat(6, 5.5, tr("•"), "", 0, "L", false, 0, "")
			pdf.MultiCell(width-6, 5.5, tr(b.Lines[0]), "", "L", false)
			pdf.SetX(x)
			pdf.Ln(1.5)
		default:
			pdf.SetFont(family, "", 11)
			pdf.MultiCell(0, 5.5, tr(strings.Join(b.Lines, "\n")), "", "L", false)
			pdf.Ln(3)
		}
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write the letter's PDF: %w", err)
	}
	return nil
}

// cp1252 reports whether every character of s is in Windows-1252, the
// encoding of the PDF core fonts.
func cp1252(s string) bool {
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
			return false
		}
	}
	return true
}
