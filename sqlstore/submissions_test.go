package sqlstore_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

func draft(token string) *heed.Submission {
	return &heed.Submission{Token: token, Kind: heed.KindComplaint, Form: heed.FormOnBehalf, Name: "Ada Testperson",
		Email: "ada@example.com", Summary: "The bin was not collected.", OnBehalfName: "Bo Testperson",
		OnBehalfRelation: "my father", OnBehalfWhy: "he asked me to"}
}

func TestSubmissionLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		s := draft("tok-one")
		s.Attachments = []heed.Attachment{{Name: "photo.png", Type: "image/png"}}
		if err := db.SaveDraft(ctx, s, []io.Reader{strings.NewReader("pngbytes")}); err != nil {
			t.Fatal(err)
		}
		// Changing the answers keeps the attachment.
		s2 := draft("tok-one")
		s2.Summary = "The bin was not collected twice."
		if err := db.SaveDraft(ctx, s2, nil); err != nil {
			t.Fatal(err)
		}
		got, err := db.SubmissionByToken(ctx, "tok-one")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != heed.SubmissionDraft || got.Reference != "" || got.Summary != s2.Summary || len(got.Attachments) != 1 ||
			got.Attachments[0].Size != 8 {
			t.Fatalf("draft read back as %+v", got)
		}
		if q, _ := db.Submissions(ctx, heed.SubmissionReceived, 0); len(q) != 0 {
			t.Fatalf("a draft is in the queue: %d", len(q))
		}
		today := calendar.NewDate(2026, time.March, 2)
		sent, err := db.SendSubmission(ctx, "tok-one", today)
		if err != nil {
			t.Fatal(err)
		}
		if sent.Reference != "WEB-2026-00001" || sent.Received != today || sent.Status != heed.SubmissionReceived {
			t.Fatalf("sent as %+v", sent)
		}
		again, err := db.SendSubmission(ctx, "tok-one", today.AddDays(1))
		if err != nil || again.Reference != sent.Reference || again.Received != today {
			t.Fatalf("sending twice: %+v, %v", again, err)
		}
		if err := db.SaveDraft(ctx, draft("tok-one"), nil); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Fatalf("changing a sent form: %v", err)
		}
		q, err := db.Submissions(ctx, heed.SubmissionReceived, 0)
		if err != nil || len(q) != 1 || q[0].Reference != sent.Reference {
			t.Fatalf("queue %v, %v", q, err)
		}
		data, err := db.AttachmentContent(ctx, q[0].ID, q[0].Attachments[0].ID)
		if err != nil || !bytes.Equal(data, []byte("pngbytes")) {
			t.Fatalf("attachment %q, %v", data, err)
		}
		by := storetest.Actor
		if err := db.MarkTriaged(ctx, by, q[0].ID, heed.Triage{Action: heed.TriageRefuse, RefusalReason: heed.RefusedOutOfTime, Version: q[0].Version - 1}, sent.Reference); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Fatalf("a stale triage: %v", err)
		}
		if err := db.MarkTriaged(ctx, by, q[0].ID, heed.Triage{Action: heed.TriageRefuse, RefusalReason: heed.RefusedOutOfTime, Version: q[0].Version}, sent.Reference); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkTriaged(ctx, by, q[0].ID, heed.Triage{Action: heed.TriageComplaint, Version: q[0].Version + 1}, sent.Reference); heed.ErrorCode(err) != heed.ECONFLICT {
			t.Fatalf("a second triage: %v", err)
		}
		done, _ := db.Submission(ctx, q[0].ID)
		if done.Status != heed.SubmissionTriaged || done.TriagedBy != by.Name || done.RecordReference != sent.Reference ||
			done.Decision != heed.TriageRefuse || done.RefusalReason != heed.RefusedOutOfTime {
			t.Fatalf("triaged as %+v", done)
		}
	})
}

// Submissions sent at once each get their own reference.
func TestSendSubmissionsAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := context.Background()
		const n = 20
		for i := range n {
			if err := db.SaveDraft(ctx, draft("t"+string(rune('a'+i))), nil); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		refs := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				s, err := db.SendSubmission(ctx, "t"+string(rune('a'+i)), calendar.NewDate(2026, time.March, 2))
				errs[i] = err
				if s != nil {
					refs[i] = s.Reference
				}
			})
		}
		wg.Wait()
		seen := map[string]bool{}
		for i := range n {
			if errs[i] != nil || refs[i] == "" || seen[refs[i]] {
				t.Fatalf("send %d: %q, %v", i, refs[i], errs[i])
			}
			seen[refs[i]] = true
		}
	})
}

// A draft never sent is deleted, with its files, once it is older than
// heed.DraftLifetime; a sent one is kept.
func TestOldDraftsDeleted(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			now := time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)
			db := storetest.Open(t, dialect, sqlstore.Options{Now: func() time.Time { return now }})
			ctx := context.Background()
			old := draft("old")
			old.Attachments = []heed.Attachment{{Name: "a.png", Type: "image/png"}}
			if err := db.SaveDraft(ctx, old, []io.Reader{strings.NewReader("x")}); err != nil {
				t.Fatal(err)
			}
			if err := db.SaveDraft(ctx, draft("kept"), nil); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SendSubmission(ctx, "kept", calendar.DateOf(now)); err != nil {
				t.Fatal(err)
			}
			now = now.Add(heed.DraftLifetime - time.Minute)
			if err := db.SaveDraft(ctx, draft("new1"), nil); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SubmissionByToken(ctx, "old"); err != nil {
				t.Fatalf("a draft deleted before its time: %v", err)
			}
			now = now.Add(2 * time.Minute)
			if err := db.SaveDraft(ctx, draft("new2"), nil); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SubmissionByToken(ctx, "old"); heed.ErrorCode(err) != heed.ENOTFOUND {
				t.Fatalf("an old draft kept: %v", err)
			}
			var files int
			db.SQL().QueryRow(`SELECT count(*) FROM submission_attachments`).Scan(&files)
			if files != 0 {
				t.Fatalf("%d files of deleted drafts kept", files)
			}
			for _, tok := range []string{"kept", "new1", "new2"} {
				if _, err := db.SubmissionByToken(ctx, tok); err != nil {
					t.Fatalf("%s: %v", tok, err)
				}
			}
		})
	}
}
