package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestCaseFile: notes, correspondence and documents are kept on their case
// alone, each addition and download is a line of its history, and nothing
// in the case file can be changed or deleted afterwards.
func TestCaseFile(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 30, 0, 0, time.UTC)
	for _, backend := range storetest.Backends {
		t.Run(string(backend), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, backend, sqlstore.Options{Now: func() time.Time { return now }})
			rec, other := complaintIn("CF-1", "Education", "Delay"), complaintIn("CF-2", "Education", "Delay")
			for _, r := range []*heed.Record{rec, other} {
				if err := db.CreateRecord(ctx, storetest.Actor, r); err != nil {
					t.Fatal(err)
				}
			}
			jo := heed.Actor{ID: 7, Name: "jo.smith"}

			note := &heed.Note{RecordID: rec.ID, Text: "Spoke to the school: the transport form was lost."}
			if err := db.AddNote(ctx, jo, note); err != nil {
				t.Fatal(err)
			}
			if err := db.AddNote(ctx, jo, &heed.Note{RecordID: rec.ID, Text: "  "}); !isCode(err, heed.EINVALID) {
				t.Errorf("an empty note: %v, want invalid", err)
			}
			if err := db.AddNote(ctx, jo, &heed.Note{RecordID: 99999, Text: "lost"}); !isCode(err, heed.ENOTFOUND) {
				t.Errorf("a note on no case: %v, want not found", err)
			}

			content := []byte("%PDF-1.4 synthetic letter")
			doc := &heed.Document{RecordID: rec.ID, Name: "letter.pdf", Type: "application/pdf"}
			if err := db.AddDocument(ctx, jo, doc, bytes.NewReader(content)); err != nil {
				t.Fatal(err)
			}
			if doc.ID == 0 || doc.Size != int64(len(content)) || len(doc.SHA256) != 64 {
				t.Errorf("document after adding: %+v", doc)
			}
			letter := &heed.Correspondence{RecordID: rec.ID, Date: d("2026-11-19"), Direction: heed.DirectionOut,
				Channel: heed.ChannelLetter, Summary: "Holding letter: the response will follow by 4 December.", Holding: true, DocumentID: doc.ID}
			if err := db.AddCorrespondence(ctx, jo, letter); err != nil {
				t.Fatal(err)
			}
			refused := []*heed.Correspondence{
				{RecordID: rec.ID, Date: d("2026-11-21"), Direction: heed.DirectionIn, Channel: heed.ChannelEmail, Summary: "tomorrow"},
				{RecordID: rec.ID, Date: d("2026-11-19"), Direction: heed.DirectionIn, Channel: heed.ChannelEmail, Summary: "in", Holding: true},
				{RecordID: other.ID, Date: d("2026-11-19"), Direction: heed.DirectionOut, Channel: heed.ChannelEmail, Summary: "x", DocumentID: doc.ID},
				{RecordID: rec.ID, Date: d("2026-11-19"), Direction: "sideways", Channel: heed.ChannelEmail, Summary: "x"},
			}
			for _, c := range refused {
				if err := db.AddCorrespondence(ctx, jo, c); !isCode(err, heed.EINVALID) {
					t.Errorf("correspondence %+v: %v, want invalid", c, err)
				}
			}

			file, err := db.CaseFile(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(file.Notes) != 1 || file.Notes[0].Text != note.Text || file.Notes[0].Author != "jo.smith" || !file.Notes[0].At.Equal(now) {
				t.Errorf("notes = %+v", file.Notes)
			}
			if len(file.Correspondence) != 1 || !file.Correspondence[0].Holding || file.Correspondence[0].DocumentID != doc.ID ||
				file.Correspondence[0].Date != d("2026-11-19") || file.Correspondence[0].Channel != heed.ChannelLetter {
				t.Errorf("correspondence = %+v", file.Correspondence)
			}
			if len(file.Documents) != 1 || file.Documents[0] != *doc {
				t.Errorf("documents = %+v, want %+v", file.Documents, *doc)
			}
			if f, _ := db.CaseFile(ctx, other.ID); len(f.Notes)+len(f.Correspondence)+len(f.Documents) != 0 {
				t.Errorf("the other case's file holds %+v", f)
			}

			if _, _, err := db.OpenDocument(ctx, jo, other.ID, doc.ID); !isCode(err, heed.ENOTFOUND) {
				t.Errorf("the document through another case: %v, want not found", err)
			}
			got, body, err := db.OpenDocument(ctx, jo, rec.ID, doc.ID)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(body)
			body.Close()
			if !bytes.Equal(data, content) || got.Name != "letter.pdf" {
				t.Errorf("downloaded %q as %+v", data, got)
			}

			history, err := db.RecordHistory(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			var actions []heed.AuditAction
			for _, e := range history {
				if e.Action != heed.AuditCreated {
					actions = append(actions, e.Action)
					if e.Actor != "jo.smith" {
						t.Errorf("history line %s by %q, want jo.smith", e.Action, e.Actor)
					}
				}
			}
			want := []heed.AuditAction{heed.AuditNoteAdded, heed.AuditDocumentAdded, heed.AuditCorrespondenceAdded, heed.AuditDocumentDownloaded}
			if len(actions) != len(want) {
				t.Fatalf("history = %v, want %v", actions, want)
			}
			for i := range want {
				if actions[i] != want[i] {
					t.Errorf("history = %v, want %v", actions, want)
					break
				}
			}

			for _, q := range []string{`UPDATE notes SET text = 'changed'`, `DELETE FROM notes`, `UPDATE correspondence SET holding = false`,
				`DELETE FROM document_contents`, `UPDATE documents SET name = 'x.pdf'`} {
				if _, err := db.SQL().ExecContext(ctx, q); err == nil {
					t.Errorf("%s: allowed, want the case file append-only", q)
				}
			}
		})
	}
}

// isCode reports whether err is a heed.Error with the code.
func isCode(err error, code string) bool {
	var e *heed.Error
	return errors.As(err, &e) && e.Code == code
}
