package heed

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/heedhq/heed/calendar"
)

// The case file is everything kept on a case beside its record: notes,
// correspondence and documents. None of it is ever edited or deleted; a
// correction is a new entry, and each addition is a line of the case's
// history.

// The audit actions of the case file.
const (
	AuditNoteAdded           AuditAction = "note_added"
	AuditCorrespondenceAdded AuditAction = "correspondence_added"
	AuditDocumentAdded       AuditAction = "document_added"
	AuditDocumentDownloaded  AuditAction = "document_downloaded"
)

// Note is a dated, signed entry on a case: what was done or learnt.
type Note struct {
	ID       int64
	RecordID int64
	At       time.Time
	Author   string // the user name of who wrote it
	Text     string
}

// Direction is whether correspondence came in or went out.
type Direction string

// The directions.
const (
	DirectionIn  Direction = "in"
	DirectionOut Direction = "out"
)

// Directions lists the directions.
var Directions = []Direction{DirectionIn, DirectionOut}

// Label is the direction in plain English.
func (d Direction) Label() string {
	switch d {
	case DirectionIn:
		return "Received"
	case DirectionOut:
		return "Sent"
	}
	return string(d)
}

// Correspondence is one letter, email or call, in or out. A holding letter
// (telling the complainant the response will be late) is recorded as one,
// and never moves a deadline: only an extension does.
type Correspondence struct {
	ID         int64
	RecordID   int64
	Date       calendar.Date // sent or received
	Direction  Direction
	Channel    Channel
	Summary    string
	Holding    bool
	DocumentID int64 // the letter or email itself, when kept; 0 for none
	At         time.Time
	By         string // the user name of who recorded it
}

// Title says what the correspondence was: "Letter sent", "Phone call
// received", "Holding email sent".
func (c *Correspondence) Title() string {
	what := map[Channel]string{ChannelPhone: "Phone call", ChannelEmail: "Email", ChannelLetter: "Letter",
		ChannelWeb: "Online message", ChannelInPerson: "Meeting", ChannelSocialMedia: "Social media message",
		ChannelViaMember: "Message through an MP or councillor"}[c.Channel]
	if what == "" {
		what = "Message"
	}
	switch {
	case c.Holding:
		return "Holding " + strings.ToLower(what[:1]) + what[1:] + " sent"
	case c.Channel == ChannelInPerson:
		return "Meeting"
	case c.Direction == DirectionIn:
		return what + " received"
	}
	return what + " sent"
}

// Check returns what is wrong with the correspondence, by field, judged on
// the day today.
func (c *Correspondence) Check(today calendar.Date) FieldErrors {
	var errs FieldErrors
	if c.Date.IsZero() {
		errs = append(errs, FieldError{Field: "date", Message: "Enter the date it was sent or received"})
	} else if msg := afterToday("The date it was sent or received", c.Date, today); msg != "" {
		errs = append(errs, FieldError{Field: "date", Message: msg})
	}
	if !slices.Contains(Directions, c.Direction) {
		errs = append(errs, FieldError{Field: "direction", Message: "Select whether it was received or sent"})
	}
	if !slices.Contains(Channels, c.Channel) {
		errs = append(errs, FieldError{Field: "channel", Message: "Select how it was sent or received"})
	}
	c.Summary = strings.TrimSpace(c.Summary)
	if c.Summary == "" {
		errs = append(errs, FieldError{Field: "summary", Message: "Enter a summary of what it said"})
	} else if msg := textProblem(kindLong, c.Summary); msg != "" {
		errs = append(errs, FieldError{Field: "summary", Message: "The summary " + msg})
	}
	if c.Holding && c.Direction != DirectionOut {
		errs = append(errs, FieldError{Field: "holding", Message: "Only a letter or email sent can be a holding letter"})
	}
	return errs
}

// CheckNote returns what is wrong with a note's text, or nil.
func CheckNote(text string) FieldErrors {
	text = strings.TrimSpace(text)
	if text == "" {
		return FieldErrors{{Field: "text", Message: "Enter the note"}}
	}
	if msg := textProblem(kindLong, text); msg != "" {
		return FieldErrors{{Field: "text", Message: "The note " + msg}}
	}
	return nil
}

// Document is a file kept on a case: a letter, a report, a photograph, a
// saved email. Its type is the one its content shows, whatever its name
// says.
type Document struct {
	ID       int64
	RecordID int64
	Name     string // the file's name, as uploaded (cleaned)
	Type     string // the media type its content shows, such as application/pdf
	Size     int64  // in bytes
	SHA256   string // of the content, in hex
	At       time.Time
	By       string // the user name of who added it
}

// CaseFile is what is kept on a case beside its record, each list oldest
// first.
type CaseFile struct {
	Notes          []Note
	Correspondence []Correspondence
	Documents      []Document
}

// Document returns the case file's document with the id, or nil.
func (f *CaseFile) Document(id int64) *Document {
	for i := range f.Documents {
		if f.Documents[i].ID == id {
			return &f.Documents[i]
		}
	}
	return nil
}

// CaseFileService keeps case files. Callers check that the user may see
// the case (User.CanSee) before any call.
type CaseFileService interface {
	// CaseFile returns the record's notes, correspondence and documents.
	CaseFile(ctx context.Context, recordID int64) (CaseFile, error)
	// AddNote stores a note, signed and dated now, with a line of history.
	AddNote(ctx context.Context, by Actor, n *Note) error
	// AddCorrespondence stores correspondence, with a line of history.
	AddCorrespondence(ctx context.Context, by Actor, c *Correspondence) error
	// AddDocument stores a document and its content, read to its end,
	// with a line of history. The caller has checked its type and size.
	AddDocument(ctx context.Context, by Actor, d *Document, content io.Reader) error
	// OpenDocument returns a document of the record and its content, and
	// records in the case's history that by downloaded it. ENOTFOUND when
	// the record has no such document.
	OpenDocument(ctx context.Context, by Actor, recordID, documentID int64) (*Document, io.ReadCloser, error)
}
