package public_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/public"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// fixedNow is Friday 18 December 2026, 10:00 in London.
var fixedNow = time.Date(2026, time.December, 18, 10, 0, 0, 0, time.UTC)

func newServer(t *testing.T, db *sqlstore.DB, perHour int) *httptest.Server {
	t.Helper()
	s := &public.Server{CouncilName: "Testshire Council", Store: db, Now: func() time.Time { return fixedNow }, PerHour: perHour}
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

type client struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t, base, &http.Client{Jar: jar}}
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) get(path string) (int, string) {
	c.t.Helper()
	res, err := c.c.Get(c.base + path)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (c *client) csrf() string {
	c.t.Helper()
	_, body := c.get("/public/")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatal("no csrf field on the start page")
	}
	return m[1]
}

// post sends fields, and files as name → content, as a multipart form.
func (c *client) post(path string, fields url.Values, files map[string][]byte) (int, string, string) {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			w.WriteField(k, v)
		}
	}
	for name, content := range files {
		fw, _ := w.CreateFormFile("attachment", name)
		fw.Write(content)
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Request.URL.Path, string(b)
}

var png = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)

func TestPublicJourney(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		srv := newServer(t, db, 0)
		c := newClient(t, srv.URL)
		csrf := c.csrf()
		form := url.Values{"csrf": {csrf}, "name": {"Ada Testperson"}, "summary": {"The bin was missed."}}

		// Errors: nothing filled in, then a refused file.
		code, _, body := c.post("/public/complaint/adult", url.Values{"csrf": {csrf}}, nil)
		if code != http.StatusBadRequest || !strings.Contains(body, "Enter your full name") {
			t.Fatalf("empty form: %d", code)
		}
		code, _, body = c.post("/public/complaint/adult", form, map[string][]byte{"run.exe": []byte("MZ\x90\x00binary")})
		if code != http.StatusBadRequest || !strings.Contains(body, "run.exe must be a PDF") {
			t.Fatalf("refused file: %d %s", code, body)
		}
		code, path, body := c.post("/public/complaint/adult", form, map[string][]byte{"photo.png": png})
		if code != http.StatusOK || !strings.HasPrefix(path, "/public/check/") || !strings.Contains(body, "photo.png") {
			t.Fatalf("good form: %d %s", code, path)
		}
		if q, _ := db.Submissions(t.Context(), heed.SubmissionReceived, 0); len(q) != 0 {
			t.Fatal("a draft is in the queue before it is sent")
		}
		code, path, body = c.post(path, url.Values{"csrf": {csrf}}, nil)
		if code != http.StatusOK || !strings.HasPrefix(path, "/public/sent/") || !strings.Contains(body, "WEB-2026-00001") ||
			!strings.Contains(body, "6 January 2027") {
			t.Fatalf("sent: %d %s %s", code, path, body)
		}
		q, _ := db.Submissions(t.Context(), heed.SubmissionReceived, 0)
		if len(q) != 1 || q[0].Reference != "WEB-2026-00001" || len(q[0].Attachments) != 1 || q[0].Attachments[0].Type != "image/png" {
			t.Fatalf("queue %+v", q)
		}

		// Without the form code, or with another's, nothing is kept.
		other := newClient(t, srv.URL)
		other.csrf()
		if code, _, _ := other.post("/public/complaint/adult", form, nil); code != http.StatusForbidden {
			t.Fatalf("another visitor's form code: %d", code)
		}
		// The honeypot.
		bot := url.Values{"csrf": {csrf}, "name": {"x"}, "summary": {"y"}, "website": {"http://spam.example"}}
		if code, _, body := c.post("/public/comment/adult", bot, nil); code != http.StatusBadRequest || !strings.Contains(body, "could not be accepted") {
			t.Fatalf("honeypot: %d", code)
		}
		if code, _ := c.get("/public/check/nosuchtoken"); code != http.StatusNotFound {
			t.Fatalf("an unknown token: %d", code)
		}
	})
}

func TestPublicLimits(t *testing.T) {
	db := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	srv := newServer(t, db, 3)
	c := newClient(t, srv.URL)
	csrf := c.csrf()
	for i := range 4 {
		code, _, body := c.post("/public/", url.Values{"csrf": {csrf}, "kind": {"comment"}}, nil)
		if want := i < 3; (code == http.StatusOK) != want {
			t.Fatalf("post %d: %d", i+1, code)
		} else if !want && !strings.Contains(body, "Too many forms") {
			t.Fatalf("post %d refused without saying why", i+1)
		}
	}
	// The count is the database's: another server on it (another heed
	// serve process, or this one restarted) refuses the same address too.
	again := newClient(t, newServer(t, db, 3).URL)
	if code, _, body := again.post("/public/", url.Values{"csrf": {again.csrf()}, "kind": {"comment"}}, nil); code != http.StatusTooManyRequests || !strings.Contains(body, "Too many forms") {
		t.Fatalf("another server on the same database: %d, want 429", code)
	}

	// A peer that is not a trusted proxy cannot choose its address.
	db = storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	c3 := newClient(t, newServer(t, db, 3).URL)
	csrf3 := c3.csrf()
	for i := range 4 {
		req, _ := http.NewRequest(http.MethodPost, c3.base+"/public/", strings.NewReader(url.Values{"csrf": {csrf3}, "kind": {"comment"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i))
		res, err := c3.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if want := i < 3; (res.StatusCode == http.StatusOK) != want {
			t.Fatalf("post %d with X-Forwarded-For from an untrusted peer: %d", i+1, res.StatusCode)
		}
	}

	// Too large: refused before it is read, with a message.
	db = storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
	c2 := newClient(t, newServer(t, db, 3).URL)
	csrf = c2.csrf()
	big := bytes.Repeat([]byte("a"), public.DefaultAttachmentSize*4)
	code, _, body := c2.post("/public/comment/adult", url.Values{"csrf": {csrf}}, map[string][]byte{"big.pdf": big})
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "too large") {
		t.Fatalf("too large: %d", code)
	}
}
