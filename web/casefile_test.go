package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
)

// postMultipart sends fields and a file in the field "file" as a
// multipart form, as the same site would, with the CSRF token of the last
// page. An empty filename sends an empty file part, as a browser does when
// no file is chosen.
func (c *client) postMultipart(path string, fields url.Values, filename string, content []byte) response {
	c.t.Helper()
	return c.multipart(path, fields, "file", filename, content, true)
}

func (c *client) multipart(path string, fields url.Values, field, filename string, content []byte, emptyPart bool) response {
	c.t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if _, ok := fields["csrf"]; !ok {
		fields.Set("csrf", c.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	if filename != "" || emptyPart {
		fw, err := w.CreateFormFile(field, filename)
		if err != nil {
			c.t.Fatal(err)
		}
		fw.Write(content)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.app.URL+path, &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// getRaw fetches a path and returns the response with its headers.
func (c *client) getRaw(path string) (*http.Response, []byte) {
	c.t.Helper()
	res, err := c.http.Get(c.app.URL + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return res, b.Bytes()
}

const testPDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"

// TestCaseFileAccess: who may open the case file's forms and download its
// documents; a refused post adds nothing.
func TestCaseFileAccess(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	rec := app.record(t, "CS-OPEN")
	doc := &heed.Document{RecordID: rec.ID, Name: "letter.pdf", Type: "application/pdf"}
	if err := app.Store.AddDocument(context.Background(), heed.Actor{Name: "officer"}, doc, strings.NewReader(testPDF)); err != nil {
		t.Fatal(err)
	}
	users := []string{"", "admin", "officer", "manager", "ivy", "viewer"}
	routes := []struct {
		path string
		get  []int
	}{
		// CS-OPEN is a children's case allocated to ivy; the manager has Highways.
		{"/cases/CS-OPEN/note", []int{303, 200, 200, 404, 200, 403}},
		{"/cases/CS-OPEN/correspondence", []int{303, 200, 200, 404, 200, 403}},
		{"/cases/CS-OPEN/document", []int{303, 200, 200, 404, 200, 403}},
		{"/cases/CS-OPEN/documents/" + itoa(doc.ID), []int{303, 200, 200, 404, 200, 403}},
		{"/cases/HW-1/documents/" + itoa(doc.ID), []int{303, 404, 404, 404, 404, 403}}, // not HW-1's
		{"/cases/HW-1/note", []int{303, 200, 200, 200, 404, 403}},
	}
	for i, user := range users {
		c := app.client(t)
		if user != "" {
			c.signIn(user)
		}
		for _, rt := range routes {
			if got := c.get(rt.path).Code; got != rt.get[i] {
				t.Errorf("%q GET %s = %d, want %d", user, rt.path, got, rt.get[i])
			}
		}
		if user == "" {
			continue
		}
		// A note posted by each: only those who may see the case add one.
		res := c.post("/cases/CS-OPEN/note", url.Values{"text": {"note by " + user}})
		file, err := app.Store.CaseFile(context.Background(), rec.ID)
		if err != nil {
			t.Fatal(err)
		}
		added := len(file.Notes) > 0 && file.Notes[len(file.Notes)-1].Text == "note by "+user
		if want := routes[0].get[i] == http.StatusOK; added != want || (want && res.Code != http.StatusSeeOther) {
			t.Errorf("%q posting a note: %d, added %v, want %v", user, res.Code, added, want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestDocuments: a document is told by its content, refused when it is not
// a kind the case takes or too large, and sent back as an attachment that
// a browser never shows as a page; each download is in the history.
func TestDocuments(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite, func(s *Server) { s.MaxDocumentSize = 64 << 10 })
	c := app.client(t)
	c.signIn("officer")
	c.get("/cases/CS-OPEN/document")
	for _, tt := range []struct {
		name, content, says string
	}{
		{"page.pdf", "<!DOCTYPE html><html><script>alert(1)</script></html>", "The selected file must be a PDF, Word documents, images, saved emails or text files"},
		{"empty.pdf", "", "The selected file is empty"},
		{"big.txt", strings.Repeat("a", 65<<10), "The selected file must be smaller than 64 KB"},
		{"", "", "Select a file"},
	} {
		res := c.postMultipart("/cases/CS-OPEN/document", url.Values{}, tt.name, []byte(tt.content))
		if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, tt.says) || !strings.Contains(res.Body, `href="#file"`) {
			t.Errorf("%s: %d, want 400 saying %q", tt.name, res.Code, tt.says)
		}
	}
	rec := app.record(t, "CS-OPEN")
	if f, _ := app.Store.CaseFile(context.Background(), rec.ID); len(f.Documents) != 0 {
		t.Fatalf("refused uploads stored %d documents", len(f.Documents))
	}
	// A body over the limit is refused before the form is read.
	if res := c.postMultipart("/cases/CS-OPEN/document", url.Values{}, "huge.txt", bytes.Repeat([]byte("a"), 200<<10)); res.Code != http.StatusRequestEntityTooLarge ||
		!strings.Contains(res.Body, "a case takes documents of at most 64 KB") {
		t.Errorf("a huge upload: %d %q", res.Code, res.Body)
	}

	// An empty note is named by the error summary, which links to its box.
	c.get("/cases/CS-OPEN/note")
	if res := c.post("/cases/CS-OPEN/note", url.Values{"text": {" "}}); res.Code != http.StatusBadRequest ||
		!strings.Contains(res.Body, `href="#text"`) || !strings.Contains(res.Body, "Enter the note") {
		t.Errorf("an empty note: %d", res.Code)
	}
	c.get("/cases/CS-OPEN/document")

	// A PDF named as a text file is kept as a PDF.
	res := c.postMultipart("/cases/CS-OPEN/document", url.Values{}, `C:\Users\jo\letter.txt`, []byte(testPDF))
	if res.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", res.Code, res.Body)
	}
	f, _ := app.Store.CaseFile(context.Background(), rec.ID)
	if len(f.Documents) != 1 || f.Documents[0].Type != "application/pdf" || f.Documents[0].Name != "letter.txt.pdf" {
		t.Fatalf("documents = %+v", f.Documents)
	}
	doc := f.Documents[0]
	page := c.get("/cases/CS-OPEN")
	href := "/cases/CS-OPEN/documents/" + itoa(doc.ID)
	if !strings.Contains(page.Body, `href="`+href+`"`) || !strings.Contains(page.Body, "Document added") {
		t.Errorf("the case page does not link the document")
	}
	got, body := c.getRaw(href)
	for k, want := range map[string]string{
		"Content-Type":            "application/pdf",
		"Content-Disposition":     `attachment; filename=letter.txt.pdf`,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "sandbox; default-src 'none'",
	} {
		if got.Header.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, got.Header.Get(k), want)
		}
	}
	if string(body) != testPDF {
		t.Errorf("downloaded %q", body)
	}
	history, _ := app.Store.RecordHistory(context.Background(), rec.ID)
	var downloads int
	for _, e := range history {
		if e.Action == heed.AuditDocumentDownloaded && e.Actor == "officer" {
			downloads++
		}
	}
	if downloads != 1 {
		t.Errorf("%d downloads in the history, want 1", downloads)
	}

	// Correspondence carrying a new file; a holding letter moves no deadline.
	before := app.record(t, "CS-OPEN").Stages[0]
	res = c.postMultipart("/cases/CS-OPEN/correspondence", url.Values{"direction": {"out"}, "channel": {"letter"},
		"date-day": {"19"}, "date-month": {"3"}, "date-year": {"2015"}, "summary": {"Holding letter"}, "holding": {"yes"}},
		"holding.pdf", []byte(testPDF))
	if res.Code != http.StatusSeeOther {
		t.Fatalf("correspondence: %d %s", res.Code, res.Body)
	}
	f, _ = app.Store.CaseFile(context.Background(), rec.ID)
	if len(f.Correspondence) != 1 || !f.Correspondence[0].Holding || f.Correspondence[0].DocumentID == 0 || len(f.Documents) != 2 {
		t.Errorf("case file after correspondence: %+v", f)
	}
	if after := app.record(t, "CS-OPEN").Stages[0]; after.Deadline != before.Deadline || after.ExtendedTo != before.ExtendedTo {
		t.Errorf("a holding letter moved the deadline: %v → %v", before.Deadline, after.Deadline)
	}
	res = c.postMultipart("/cases/CS-OPEN/correspondence", url.Values{"direction": {"in"}, "channel": {"email"},
		"date-day": {"21"}, "date-month": {"3"}, "date-year": {"2015"}, "summary": {"x"}}, "", nil)
	if res.Code != http.StatusBadRequest || !strings.Contains(res.Body, `href="#date-day"`) || !strings.Contains(res.Body, "today (20 March 2015) or earlier") {
		t.Errorf("correspondence dated tomorrow: %d", res.Code)
	}
}
