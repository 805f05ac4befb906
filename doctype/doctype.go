// Package doctype tells what a document is from its content, never from
// its name, with github.com/gabriel-vasile/mimetype, and says which kinds
// of document a case file takes.
package doctype

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gabriel-vasile/mimetype"
)

// Kind is a kind of document a case file may hold, as heed.toml names it.
type Kind string

// The kinds of document.
const (
	PDF   Kind = "pdf"
	Word  Kind = "word"  // Word (.docx, .doc), OpenDocument text and RTF
	Image Kind = "image" // JPEG, PNG, GIF, HEIC, WebP and TIFF
	Email Kind = "email" // saved emails (.eml, .msg)
	Text  Kind = "text"  // plain text
)

// Kinds lists every kind, in the order a page names them.
var Kinds = []Kind{PDF, Word, Image, Email, Text}

// Type is a document's type as its content shows it.
type Type struct {
	Media string // its media type, such as application/pdf
	Ext   string // the extension that type's files take, such as .pdf
	Kind  Kind
	Label string // in plain English, such as "PDF"
}

// types are the media types a case file takes. Only exactly these: a type
// mimetype reports as a child of one (HTML and SVG are text) is refused,
// since a browser would run it.
var types = []Type{
	{"application/pdf", ".pdf", PDF, "PDF"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", Word, "Word document"},
	{"application/msword", ".doc", Word, "Word 97–2003 document"},
	{"application/vnd.oasis.opendocument.text", ".odt", Word, "OpenDocument text"},
	{"text/rtf", ".rtf", Word, "Rich text"},
	{"image/jpeg", ".jpg", Image, "JPEG image"},
	{"image/png", ".png", Image, "PNG image"},
	{"image/gif", ".gif", Image, "GIF image"},
	{"image/heic", ".heic", Image, "HEIC image"},
	{"image/webp", ".webp", Image, "WebP image"},
	{"image/tiff", ".tif", Image, "TIFF image"},
	{"message/rfc822", ".eml", Email, "Saved email"},
	{"application/vnd.ms-outlook", ".msg", Email, "Outlook message"},
	{"text/plain", ".txt", Text, "Text"},
}

// Detect returns the type of a document whose content starts with head
// (the first few KB are enough), and whether it is one of the kinds
// allowed. The media type returned is the one detected even when refused.
func Detect(head []byte, allowed []Kind) (Type, bool) {
	m := mimetype.Detect(head)
	media, _, _ := strings.Cut(m.String(), ";") // text/plain; charset=utf-8
	for _, t := range types {
		if t.Media == media {
			return t, slices.Contains(allowed, t.Kind)
		}
	}
	return Type{Media: media, Ext: m.Extension(), Label: media}, false
}

// ParseKind reads a kind as heed.toml writes it.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Kinds, k) {
		return k, nil
	}
	return "", fmt.Errorf("%q is not a kind of document Heed knows: use %s", s, Describe(Kinds))
}

// Describe lists kinds in words: "pdf, word and image".
func Describe(kinds []Kind) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// Accepted describes the kinds for a person choosing a file: "PDF, Word
// documents, images, saved emails or text files".
func Accepted(kinds []Kind) string {
	words := map[Kind]string{PDF: "PDF", Word: "Word documents", Image: "images", Email: "saved emails", Text: "text files"}
	s := make([]string, 0, len(kinds))
	for _, k := range Kinds {
		if slices.Contains(kinds, k) {
			s = append(s, words[k])
		}
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}
