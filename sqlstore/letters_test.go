package sqlstore_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// TestLetterTemplates: a template is saved only when its text passes the
// check and its version is the one read, each save in the audit log with
// the old and new text; until one is saved, none is stored.
func TestLetterTemplates(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 30, 0, 0, time.UTC)
	for _, backend := range storetest.Backends {
		t.Run(string(backend), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, backend, sqlstore.Options{Now: func() time.Time { return now }})
			admin := heed.Actor{ID: 1, Name: "admin"}

			got, err := db.LetterTemplate(ctx, heed.LetterStage1, heed.AudienceYoungPerson)
			if err != nil || got.Version != 0 || got.Body != "" {
				t.Fatalf("before any save: %+v, %v", got, err)
			}
			bad := &heed.LetterTemplate{Kind: heed.LetterStage1, Audience: heed.AudienceYoungPerson, Body: "Hello {{.Name}}"}
			err = db.SaveLetterTemplate(ctx, admin, bad)
			if !isCode(err, heed.EINVALID) || !strings.Contains(heed.ErrorMessage(err), "there is no field .Name") {
				t.Errorf("a template naming no field: %v", err)
			}
			if err := db.SaveLetterTemplate(ctx, admin, &heed.LetterTemplate{Kind: "stage9", Audience: heed.AudienceStandard, Body: "x"}); !isCode(err, heed.ENOTFOUND) {
				t.Errorf("a kind that does not exist: %v", err)
			}

			first := &heed.LetterTemplate{Kind: heed.LetterStage1, Audience: heed.AudienceYoungPerson, Body: "Hello {{.Complainant}}"}
			if err := db.SaveLetterTemplate(ctx, admin, first); err != nil {
				t.Fatal(err)
			}
			if first.Version != 1 || first.UpdatedBy != "admin" || !first.UpdatedAt.Equal(now) {
				t.Errorf("after the first save: %+v", first)
			}
			// Someone who read version 0 saves over it: refused.
			stale := &heed.LetterTemplate{Kind: heed.LetterStage1, Audience: heed.AudienceYoungPerson, Body: "Hi {{.Complainant}}"}
			if err := db.SaveLetterTemplate(ctx, heed.Actor{ID: 2, Name: "sam"}, stale); !isCode(err, heed.ECONFLICT) ||
				!strings.Contains(heed.ErrorMessage(err), "admin changed this letter template") {
				t.Errorf("a stale save: %v, want a conflict naming admin", err)
			}
			second := &heed.LetterTemplate{Kind: heed.LetterStage1, Audience: heed.AudienceYoungPerson, Body: "Hi {{.Complainant}}", Version: 1}
			if err := db.SaveLetterTemplate(ctx, admin, second); err != nil || second.Version != 2 {
				t.Fatalf("second save: %+v, %v", second, err)
			}
			got, _ = db.LetterTemplate(ctx, heed.LetterStage1, heed.AudienceYoungPerson)
			if got.Body != "Hi {{.Complainant}}" || got.Version != 2 {
				t.Errorf("read back %+v", got)
			}
			all, err := db.LetterTemplates(ctx)
			if err != nil || len(all) != 1 || all[0].Kind != heed.LetterStage1 {
				t.Errorf("every template: %+v, %v", all, err)
			}
			log, _, err := db.AuditLog(ctx, heed.AuditFilter{Action: heed.AuditSettingsChanged, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if len(log) != 2 || !strings.Contains(log[0].Note, "version 2") || len(log[0].Changes) != 1 ||
				log[0].Changes[0].Old != "Hello {{.Complainant}}" || log[0].Changes[0].New != "Hi {{.Complainant}}" {
				t.Errorf("audit log = %+v", log)
			}
		})
	}
}

// TestAddLetter: a letter's files become the case's documents and the
// letter is recorded as sent, carrying its PDF, all in one go, each a line
// of history; a letter for no case stores nothing.
func TestAddLetter(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 30, 0, 0, time.UTC)
	for _, backend := range storetest.Backends {
		t.Run(string(backend), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, backend, sqlstore.Options{Now: func() time.Time { return now }})
			rec := complaintIn("LT-1", "Education", "Delay")
			if err := db.CreateRecord(ctx, storetest.Actor, rec); err != nil {
				t.Fatal(err)
			}
			jo := heed.Actor{ID: 7, Name: "jo.smith"}
			letter := func(recordID int64) *heed.Letter {
				return &heed.Letter{RecordID: recordID, Files: []heed.LetterFile{
					{Document: heed.Document{Name: "LT-1 stage 1 response.pdf", Type: "application/pdf"}, Content: []byte("%PDF-1.4 synthetic")},
					{Document: heed.Document{Name: "LT-1 stage 1 response.docx", Type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}, Content: []byte("PK synthetic")},
				}, Correspondence: heed.Correspondence{Date: d("2026-11-20"), Direction: heed.DirectionOut, Channel: heed.ChannelLetter,
					Summary: "Stage 1 response letter"}}
			}
			if err := db.AddLetter(ctx, jo, letter(99999)); !isCode(err, heed.ENOTFOUND) {
				t.Errorf("a letter for no case: %v", err)
			}
			future := letter(rec.ID)
			future.Correspondence.Date = d("2026-11-21")
			if err := db.AddLetter(ctx, jo, future); !isCode(err, heed.EINVALID) {
				t.Errorf("a letter dated tomorrow: %v", err)
			}
			if f, _ := db.CaseFile(ctx, rec.ID); len(f.Documents)+len(f.Correspondence) != 0 {
				t.Fatalf("refused letters left %+v", f)
			}

			l := letter(rec.ID)
			if err := db.AddLetter(ctx, jo, l); err != nil {
				t.Fatal(err)
			}
			f, err := db.CaseFile(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Documents) != 2 || f.Documents[0].Name != "LT-1 stage 1 response.pdf" || f.Documents[1].Size != int64(len("PK synthetic")) ||
				f.Documents[0].By != "jo.smith" || len(f.Documents[0].SHA256) != 64 {
				t.Errorf("documents = %+v", f.Documents)
			}
			if len(f.Correspondence) != 1 || f.Correspondence[0].DocumentID != l.Files[0].Document.ID || f.Correspondence[0].Direction != heed.DirectionOut ||
				f.Correspondence[0].Channel != heed.ChannelLetter || f.Correspondence[0].ID != l.Correspondence.ID {
				t.Errorf("correspondence = %+v", f.Correspondence)
			}
			_, body, err := db.OpenDocument(ctx, jo, rec.ID, l.Files[1].Document.ID)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(body)
			body.Close()
			if !bytes.Equal(data, []byte("PK synthetic")) {
				t.Errorf("the DOCX read back as %q", data)
			}
			history, err := db.RecordHistory(ctx, rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			var actions []heed.AuditAction
			for _, e := range history {
				if e.Action != heed.AuditCreated && e.Action != heed.AuditDocumentDownloaded {
					actions = append(actions, e.Action)
				}
			}
			if want := []heed.AuditAction{heed.AuditDocumentAdded, heed.AuditDocumentAdded, heed.AuditCorrespondenceAdded}; len(actions) != 3 ||
				actions[0] != want[0] || actions[1] != want[1] || actions[2] != want[2] {
				t.Errorf("history = %v, want %v", actions, want)
			}
		})
	}
}
