package heed

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/heedhq/heed/calendar"
)

// EventKind is what a timeline entry is about.
type EventKind string

// The kinds of timeline entry.
const (
	EventStage          EventKind = "stage"
	EventChange         EventKind = "change"
	EventNote           EventKind = "note"
	EventCorrespondence EventKind = "correspondence"
	EventDocument       EventKind = "document"
)

// TimelineEntry is one event of a case, in words.
type TimelineEntry struct {
	Kind EventKind
	// Date is the day it happened; At orders entries of one day, and is
	// zero for the dates of a stage, which come first on their day.
	Date calendar.Date
	At   time.Time
	// Title says what happened: "Stage 1 response sent (upheld)".
	Title string
	// Text is a note's text, a letter's summary or a document's name.
	Text string
	// By is the user name of who did it, when known.
	By string
	// Changes are the fields a change changed.
	Changes []Change
	// Note is the reason given for a change, a void or a restore.
	Note string
	// DocumentID is the document the entry is or carries, or 0.
	DocumentID int64
}

// Timeline merges a case's stages, the changes of its history, and its
// notes, correspondence and documents, newest first. Openings of the case
// are left out, and so are the history lines of additions to the case file,
// which appear as themselves. An extension is shown by the change that
// recorded it, on the day it was recorded.
func Timeline(rec *Record, history []AuditEntry, file CaseFile) []TimelineEntry {
	var out []TimelineEntry
	for _, s := range rec.Stages {
		name := fmt.Sprintf("Stage %d", s.Number)
		add := func(d calendar.Date, title string) {
			if !d.IsZero() {
				out = append(out, TimelineEntry{Kind: EventStage, Date: d, Title: title})
			}
		}
		if s.Number == 1 {
			add(s.Started, "Received")
		} else {
			add(s.Started, name+" requested")
		}
		add(s.Acknowledged, name+" acknowledged")
		if !s.Responded.IsZero() {
			title := name + " response sent"
			if s.Outcome != "" {
				title += " (" + s.Outcome.Label() + ")"
			}
			add(s.Responded, title)
		}
	}
	for _, e := range history {
		switch e.Action {
		case AuditViewed, AuditNoteAdded, AuditCorrespondenceAdded, AuditDocumentAdded:
			continue
		}
		entry := TimelineEntry{Kind: EventChange, Date: calendar.DateOf(e.At), At: e.At, Title: e.Action.Label(),
			By: e.Actor, Changes: e.Changes}
		switch e.Action {
		case AuditUpdated, AuditVoided, AuditRestored: // the reason given, when one was
			if e.Note != "edited" {
				entry.Note = e.Note
			}
		}
		out = append(out, entry)
	}
	for _, n := range file.Notes {
		out = append(out, TimelineEntry{Kind: EventNote, Date: calendar.DateOf(n.At), At: n.At, Title: "Note", Text: n.Text, By: n.Author})
	}
	for _, c := range file.Correspondence {
		out = append(out, TimelineEntry{Kind: EventCorrespondence, Date: c.Date, At: c.At, Title: c.Title(), Text: c.Summary,
			By: c.By, DocumentID: c.DocumentID})
	}
	for _, d := range file.Documents {
		out = append(out, TimelineEntry{Kind: EventDocument, Date: calendar.DateOf(d.At), At: d.At, Title: "Document added",
			Text: d.Name, By: d.By, DocumentID: d.ID})
	}
	// Newest first: by day, then by time (a stage's dates, which have
	// none, first on their day), oldest last.
	slices.SortStableFunc(out, func(a, b TimelineEntry) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return cmp.Compare(b.At.UnixNano(), a.At.UnixNano())
	})
	return out
}

// Label is the action in plain English.
func (a AuditAction) Label() string {
	switch a {
	case AuditCreated:
		return "Recorded"
	case AuditUpdated:
		return "Changed"
	case AuditDeadlineMoved:
		return "Deadline moved"
	case AuditViewed:
		return "Opened"
	case AuditUserChanged:
		return "Account changed"
	case AuditSettingsChanged:
		return "Settings changed"
	case AuditNoteAdded:
		return "Note added"
	case AuditCorrespondenceAdded:
		return "Correspondence recorded"
	case AuditDocumentAdded:
		return "Document added"
	case AuditDocumentDownloaded:
		return "Document downloaded"
	case AuditExported:
		return "Cases exported"
	case AuditVoided:
		return "Voided: entered in error"
	case AuditRestored:
		return "Restored"
	case AuditNoticeResent:
		return "Email sent again"
	case AuditNoticeTemplateChanged:
		return "Email template changed"
	}
	return string(a)
}
