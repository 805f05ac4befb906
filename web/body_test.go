package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

// rawRequest sends a request's head on a new TCP connection to the app,
// and returns the connection, closed when the test ends (before the
// server is).
func rawRequest(t *testing.T, app *testApp, head string) net.Conn {
	t.Helper()
	u, _ := url.Parse(app.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, strings.ReplaceAll(head, "\n", "\r\n")); err != nil {
		t.Fatal(err)
	}
	return conn
}

// statusLine reads the first line of what the server answered on conn,
// waiting at most a generous while.
func statusLine(t *testing.T, conn net.Conn) string {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("no answer: %v", err)
	}
	return strings.TrimSpace(line)
}

// TestSlowBodiesHoldNoPlace opens more connections than Heed works on
// requests at once, each sending a sign-in's headers and then little or
// nothing of its body: Heed must still answer its health check and sign
// people in. Each slow request asks for "100 Continue", which the server
// sends once something starts reading the body, so the test knows every
// one of them is being read before it goes on.
func TestSlowBodiesHoldNoPlace(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	places := 2 * runtime.GOMAXPROCS(0)
	for i := range places + 2 {
		conn := rawRequest(t, app, "POST /sign-in HTTP/1.1\nHost: heed.test\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 100\nExpect: 100-continue\n\n")
		if line := statusLine(t, conn); !strings.HasPrefix(line, "HTTP/1.1 100") {
			t.Fatalf("slow request %d: %q", i+1, line)
		}
		if i%2 == 1 {
			io.WriteString(conn, "u") // one byte, then nothing
		}
	}

	client := &http.Client{Timeout: 30 * time.Second}
	res, err := client.Get(app.URL + "/healthz")
	if err != nil {
		t.Fatalf("with %d slow bodies, /healthz: %v", places+2, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d", res.StatusCode)
	}
	c := app.client(t)
	c.http.Timeout = 30 * time.Second
	c.signIn("officer")
}

// TestSignInTakesOnlyASmallForm checks that a sign-in posted as a file
// upload is refused before its body is read (nothing is written to disk),
// and that one larger than 4 KB is refused.
func TestSignInTakesOnlyASmallForm(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	app := newTestApp(t, sqlstore.SQLite)

	// 300 MB announced, a few bytes sent.
	conn := rawRequest(t, app, "POST /sign-in HTTP/1.1\nHost: heed.test\nContent-Type: multipart/form-data; boundary=x\nContent-Length: 300000000\n\n--x\n")
	if line := statusLine(t, conn); line != "HTTP/1.1 415 Unsupported Media Type" {
		t.Errorf("multipart sign-in: %q", line)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the multipart sign-in left %d files in the temporary folder", len(left))
	}

	c := app.client(t)
	res := c.post("/sign-in", url.Values{"username": {"officer"}, "password": {strings.Repeat("p", 5000)}})
	if res.Code != http.StatusRequestEntityTooLarge || !strings.Contains(res.Body, "Heed accepts at most 4 KB") {
		t.Errorf("a 5 KB sign-in: %d %s", res.Code, pageText(res.Body))
	}
	c.signIn("officer") // a small form still signs in
}

// pageText is the text of a page's main content, for test messages.
func pageText(body string) string {
	body = mainText(body)
	if len(body) > 400 {
		body = body[:400]
	}
	return body
}

var tags = regexp.MustCompile(`<[^>]+>`)

func TestByteSize(t *testing.T) {
	got := fmt.Sprint(byteSize(4<<10), ", ", byteSize(1<<20), ", ", byteSize(9_900_000), ", ", byteSize(1))
	if want := "4 KB, 1 MB, 9.4 MB, 1 byte"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestOversizedFormSaysWhatWasTooLarge checks that a form over the size
// limit, or with too many fields, is answered with what was too large and
// the limit, not as a form that did not come from Heed; and that nothing
// is recorded.
func TestOversizedFormSaysWhatWasTooLarge(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	c := app.client(t)
	c.signIn("officer")
	form := url.Values{"type": {"complaint"}, "service_area": {"Highways"}, "received-day": {"16"},
		"received-month": {"3"}, "received-year": {"2015"}}

	big := url.Values{"summary": {strings.Repeat("a", 2<<20)}}
	for k, v := range form {
		big[k] = v
	}
	res := c.post("/cases/new", big)
	if want := "The form you sent was 2 MB: Heed accepts forms of at most 1 MB. A summary, a lesson or evidence may hold up to 20,000 characters"; res.Code != http.StatusRequestEntityTooLarge || !strings.Contains(pageText(res.Body), want) {
		t.Errorf("a 2 MB form: %d %q, want %q", res.Code, pageText(res.Body), want)
	}

	many := url.Values{}
	for k, v := range form {
		many[k] = v
	}
	for i := range maxFormFields {
		many.Set(fmt.Sprintf("f%d", i), "x")
	}
	res = c.post("/cases/new", many)
	if want := "The form you sent has more than 1,000 fields: Heed accepts at most 1,000"; res.Code != http.StatusRequestEntityTooLarge || !strings.Contains(pageText(res.Body), want) {
		t.Errorf("a form of %d fields: %d %q, want %q", len(many), res.Code, pageText(res.Body), want)
	}
	if _, n, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); n != len(testRecords()) {
		t.Errorf("%d records, want %d", n, len(testRecords()))
	}
}

// TestFormTextMustBeText checks, on both backends, that a form whose text
// is not UTF-8 or holds a control character is refused at the edge with
// the field named and what is expected, that nothing is recorded, and that
// none of what was sent is logged.
func TestFormTextMustBeText(t *testing.T) {
	for _, dialect := range storetest.Backends {
		t.Run(string(dialect), func(t *testing.T) {
			var log bytes.Buffer
			app := newTestApp(t, dialect, func(s *Server) { s.Logger = slog.New(slog.NewTextHandler(&log, nil)) })
			c := app.client(t)
			c.signIn("officer")
			form := func(k, v string) url.Values {
				return url.Values{"type": {"complaint"}, "service_area": {"Highways"}, "received-day": {"16"},
					"received-month": {"3"}, "received-year": {"2015"}, "summary": {"Bins"}, k: {v}}
			}
			for _, tc := range []struct {
				form url.Values
				want string
			}{
				{form("summary", "Bins\x00 not collected"), "Summary holds a hidden control character (U+0000)"},
				{form("complainant_name", "Zo\xe9 Quill"), "Name of the complainant holds bytes that are not text (it is not UTF-8)"},
				{form("theme", "Delay\x1fHousing"), "Theme holds a hidden control character (U+001F)"},
				{form("element-2-summary", "\x7f"), "The field Element 2 summary holds a hidden control character (U+007F)"},
			} {
				res := c.post("/cases/new", tc.form)
				if got := pageText(res.Body); res.Code != http.StatusBadRequest || !strings.Contains(got, tc.want) ||
					!strings.Contains(got, "Heed expects text typed or pasted into its pages") {
					t.Errorf("%d %q, want %q", res.Code, got, tc.want)
				}
			}
			if res := c.get("/cases?q=" + url.QueryEscape("Quill\x00")); res.Code != http.StatusBadRequest ||
				!strings.Contains(pageText(res.Body), "Search holds a hidden control character (U+0000)") {
				t.Errorf("a search for a NUL: %d %q", res.Code, pageText(res.Body))
			}
			// Tabs and line breaks are text.
			if res := c.post("/cases/new", form("summary", "Bins\r\n\tnot collected")); res.Code != http.StatusSeeOther {
				t.Errorf("a summary with a tab and line break: %d %q", res.Code, errorSummary(res.Body))
			}
			if _, n, _ := app.Store.ListCases(t.Context(), heed.CaseFilter{}); n != len(testRecords())+1 {
				t.Errorf("%d records, want %d", n, len(testRecords())+1)
			}
			for _, sent := range []string{"Zo", "Bins", "Quill", "Housing"} {
				if strings.Contains(log.String(), sent) {
					t.Errorf("the log holds %q, which a form sent:\n%s", sent, log.String())
				}
			}
		})
	}
}

// FuzzReadForm sends readForm any body under any content type: it must
// never panic, and either fill the form with text Heed accepts, or refuse
// it with a page that says why.
func FuzzReadForm(f *testing.F) {
	multipartForm := "--x\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n" +
		"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bank-holidays.json\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--x--\r\n"
	for _, seed := range []struct{ path, contentType, body string }{
		{"/sign-in", "application/x-www-form-urlencoded", "username=officer&password=secret&next=%2F"},
		{"/sign-in", "multipart/form-data; boundary=x", multipartForm},
		{"/cases/new", "application/x-www-form-urlencoded; charset=utf-8", "summary=Bins+not+collected&type=complaint"},
		{"/cases/new", "application/x-www-form-urlencoded", "summary=%00"},
		{"/cases/new", "application/x-www-form-urlencoded", "summary=%FF%FE"},
		{"/cases/new", "application/x-www-form-urlencoded", "%zz=1&a=%"},
		{"/cases/new", "application/x-www-form-urlencoded", "a=1;b=2"},
		{"/cases/new", "application/x-www-form-urlencoded", strings.Repeat("a=1&", maxFormFields+1)},
		{"/cases/new", "application/x-www-form-urlencoded", ""},
		{"/admin/holidays", "multipart/form-data; boundary=x", multipartForm},
		{"/admin/holidays", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\x00\"\r\n\r\n\xff\r\n--x--\r\n"},
		{"/admin/holidays", "multipart/form-data", multipartForm},
		{"/admin/holidays", "multipart/form-data; boundary=x", "--x\r\n"},
		{"/cases/new", "text/plain", "summary=x"},
		{"/cases/new", "", "summary=x"},
		{"/cases/X-1/document", "multipart/form-data; boundary=x",
			"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--x--\r\n"},
		{"/cases/new", "application/x-www-form-urlencoded;;", "summary=x"},
	} {
		f.Add(seed.path, seed.contentType, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, path, contentType string, body []byte) {
		r, err := http.NewRequest(http.MethodPost, "http://heed.test/", nil)
		if err != nil {
			t.Fatal(err)
		}
		r.URL.Path = path
		r.Header.Set("Content-Type", contentType)
		limit, p := bodyLimit(r, defaultDocumentSize)
		if p == nil {
			p = readForm(r, body, limit)
		}
		if r.MultipartForm != nil {
			defer r.MultipartForm.RemoveAll()
		}
		if p != nil {
			if p.code < 400 || p.code > 499 || p.title == "" || p.message == "" {
				t.Fatalf("a refusal without a clear page: %+v", p)
			}
			return
		}
		if r.PostForm == nil {
			t.Fatal("the form was accepted but not read")
		}
		n := 0
		for k, vs := range r.PostForm {
			n += len(vs)
			for _, v := range append(vs, k) {
				if textProblem(v) != "" {
					t.Fatalf("the form was accepted with %q", v)
				}
			}
		}
		if n > maxFormFields {
			t.Fatalf("the form was accepted with %d fields", n)
		}
	})
}
