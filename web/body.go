package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/heedhq/heed"
)

// What a request may send. Every body is read into memory, within these
// limits and bodyTimeout, before the request queues for a place (see
// admit): a client that sends its body slowly, or never, then holds its
// own connection, never a place that others wait for.
const (
	// maxSignInBody is the largest sign-in form: a user name, a password
	// and the page to return to.
	maxSignInBody = 4 << 10
	// maxFormBody is the largest form. The longest text a field holds,
	// heed.MaxLongText characters, takes at most 240 kB to send (four
	// bytes a character, each written as three), so the largest form,
	// with two such texts, fits with room to spare.
	maxFormBody = 1 << 20
	// maxUploadBody is the largest upload: a bank-holidays.json of
	// maxUpload and the rest of its form.
	maxUploadBody = maxUpload + 64<<10
	// maxFormFields is the most fields a form may have. Heed's largest,
	// the elements of a complaint, has two a row and a few more.
	maxFormFields = 1000
	// bodyTimeout is how long a client has to send a body once its
	// headers have come: long enough for the largest upload at 300
	// kbit/s, a poor mobile connection.
	bodyTimeout = 30 * time.Second
)

// formProblem is why a request's body or form was refused, as its page
// shows it.
type formProblem struct {
	code    int
	title   string
	message string
}

// readBodies reads a request's body into memory, with a deadline and a
// size limit, then parses and checks its form, before next (the queue)
// sees the request; the handlers find r.PostForm, and r.MultipartForm for
// an upload, already filled. The address's query is checked as a form is.
// Nothing a client sent is ever logged.
func (s *Server) readBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := s.readBody(w, r); p != nil {
			s.render(w, r, p.code, "error", page{Title: p.title, Data: p.message})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readBody reads and checks the request's body and form, or says why not.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) *formProblem {
	rc := http.NewResponseController(w)
	if p := checkValues(r.URL.Query()); p != nil {
		return p
	}
	if r.ContentLength == 0 {
		// Nothing more to read. The server's ReadTimeout stays set on the
		// connection while the handler runs, and a read that times out
		// while the handler works cancels its context: lift it.
		_ = rc.SetReadDeadline(time.Time{})
		return nil
	}
	if !hasForm(r) {
		// A GET's body, if any, is never read: the server discards it
		// after the response, within its ReadTimeout.
		return nil
	}
	limit, p := bodyLimit(r, s.documentLimit()+64<<10)
	if p != nil {
		return p
	}
	if r.ContentLength > limit {
		return tooLarge(r, r.ContentLength, limit)
	}
	// A ResponseWriter that cannot set deadlines (a test's recorder) has
	// no connection to time out either.
	timeout := bodyTimeout
	if isDocumentUpload(r) {
		timeout = documentTimeout
	}
	_ = rc.SetReadDeadline(time.Now().Add(timeout))
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength))
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, limit+1))
	_ = rc.SetReadDeadline(time.Time{})
	if err != nil {
		return &formProblem{http.StatusRequestTimeout, "Heed did not receive the whole form",
			"The form did not arrive in time, or the connection broke while it was being sent. Go back and send it again."}
	}
	if int64(buf.Len()) > limit {
		return tooLarge(r, -1, limit)
	}
	return readForm(r, buf.Bytes(), limit)
}

// hasForm reports whether the request's method sends a form.
func hasForm(r *http.Request) bool {
	return r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch
}

// bodyLimit is how large the request's body may be; only forms are
// accepted, for sign-in only a small one that cannot hold a file, and a
// case's document up to documents (the largest document and its form).
func bodyLimit(r *http.Request, documents int64) (int64, *formProblem) {
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if r.URL.Path == "/sign-in" {
		if err != nil || media != "application/x-www-form-urlencoded" {
			return 0, &formProblem{http.StatusUnsupportedMediaType, "Heed cannot read this form",
				"Heed signs you in only from its own sign-in page. Go to the sign-in page and sign in there."}
		}
		return maxSignInBody, nil
	}
	switch {
	case err == nil && media == "application/x-www-form-urlencoded":
		return maxFormBody, nil
	case err == nil && media == "multipart/form-data" && isDocumentUpload(r):
		return documents, nil
	case err == nil && media == "multipart/form-data":
		return maxUploadBody, nil
	}
	return 0, &formProblem{http.StatusUnsupportedMediaType, "Heed cannot read this form",
		"Heed reads only the forms of its own pages. Go back, reload the page and try again."}
}

// tooLarge says that the body (of size n, or -1 when not known) is over
// its limit, and what the limit is.
func tooLarge(r *http.Request, n, limit int64) *formProblem {
	size := "more than " + byteSize(limit)
	if n >= 0 {
		size = byteSize(n)
	}
	var msg string
	switch media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); {
	case r.URL.Path == "/sign-in":
		msg = fmt.Sprintf("The sign-in form you sent was %s: Heed accepts at most %s, enough for any user name and password. Go to the sign-in page and sign in there.",
			size, byteSize(limit))
	case media == "multipart/form-data" && isDocumentUpload(r):
		msg = fmt.Sprintf("The file you sent, with its form, was %s: a case takes documents of at most %s. Go back and choose a smaller file, or save a large document in parts.",
			size, byteSize(limit-64<<10))
	case media == "multipart/form-data":
		msg = fmt.Sprintf("The file you sent, with its form, was %s: Heed accepts uploads of at most %s. GOV.UK's bank-holidays.json is about 20 KB: go back and choose that file.",
			size, byteSize(limit))
	default:
		msg = fmt.Sprintf("The form you sent was %s: Heed accepts forms of at most %s. A summary, a lesson or evidence may hold up to %s characters, and other text up to %s. Go back, shorten the text and send the form again.",
			size, byteSize(limit), thousands(heed.MaxLongText), thousands(heed.MaxShortText))
	}
	return &formProblem{http.StatusRequestEntityTooLarge, "The form is too large", msg}
}

// readForm parses the form of a request whose body has been read, and
// checks it: at most maxFormFields fields, every name and value UTF-8 with
// no control character but tabs and line breaks. r.PostForm (and, for an
// upload, r.MultipartForm) is then filled. A request that is not a form
// post (a GET, say) is left as it is.
func readForm(r *http.Request, body []byte, limit int64) *formProblem {
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	fields := func(n int) *formProblem {
		if n <= maxFormFields {
			return nil
		}
		return &formProblem{http.StatusRequestEntityTooLarge, "The form is too large", fmt.Sprintf(
			"The form you sent has more than %s fields: Heed accepts at most %s, more than any of its forms has. Go back, reload the page and try again.",
			thousands(maxFormFields), thousands(maxFormFields))}
	}
	unreadable := &formProblem{http.StatusBadRequest, "Heed cannot read this form",
		"The form was not sent the way Heed's pages send it. Go back, reload the page and try again."}
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if media == "multipart/form-data" {
		// The whole body is in memory and within the memory allowed, so
		// nothing is written to disk.
		if err := r.ParseMultipartForm(limit); err != nil {
			if errors.Is(err, multipart.ErrMessageTooLarge) { // more parts than Go reads
				return fields(maxFormFields + 1)
			}
			return unreadable
		}
		n := 0
		for _, v := range r.MultipartForm.Value {
			n += len(v)
		}
		for _, f := range r.MultipartForm.File {
			n += len(f)
		}
		if p := fields(n); p != nil {
			return p
		}
		return checkValues(r.PostForm)
	}
	if p := fields(bytes.Count(body, []byte("&")) + 1); p != nil {
		return p
	}
	if err := r.ParseForm(); err != nil {
		return unreadable
	}
	return checkValues(r.PostForm)
}

// checkValues refuses a form, or query, whose names or values are not
// UTF-8 or hold a control character other than a tab or a line break,
// naming the first such field in the order of its names.
func checkValues(v url.Values) *formProblem {
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if msg := textProblem(k); msg != "" {
			return badText("One of the form's field names", msg)
		}
		for _, s := range v[k] {
			if msg := textProblem(s); msg != "" {
				return badText(fieldLabel(k), msg)
			}
		}
	}
	return nil
}

func badText(field, problem string) *formProblem {
	return &formProblem{http.StatusBadRequest, "Heed cannot read this form", field + " " + problem +
		". Heed expects text typed or pasted into its pages: letters, numbers, punctuation, tabs and line breaks. Go back, correct it and send the form again."}
}

// textProblem says why s is not text Heed accepts from a form, or "". It
// never quotes s.
func textProblem(s string) string {
	valid, control := heed.TextFault(s)
	switch {
	case !valid:
		return "holds bytes that are not text (it is not UTF-8)"
	case control >= 0:
		return fmt.Sprintf("holds a hidden control character (%U)", control)
	}
	return ""
}

// fieldLabels are the labels of the forms' fields, by the field's name.
var fieldLabels = map[string]string{
	"username": "User name", "password": "Password", "current": "Current password", "confirm": "New password again",
	"next": "The page to return to", "csrf": "The form's security code",
	"form_token": "The form's one-time code", "version": "The case's version",
	"name": "Name", "email": "Email address", "role": "Role", "areas": "Service areas",
	"reference": "Reference", "related_reference": "Related case", "type": "Type", "service_area": "Service area",
	"team": "Team", "theme": "Theme", "procedure": "Procedure", "complainant_name": "Name of the complainant",
	"complainant_type": "Who they are", "summary": "Summary", "channel": "How it reached the council",
	"redirected_to": "Redirected to", "investigator": "Who will investigate", "reason": "Why it is extended",
	"outcome": "Outcome", "decision": "Decision", "ombudsman_reference": "The Ombudsman's reference",
	"remedy": "Remedy", "amount": "Financial remedy", "lesson": "Lesson", "lesson_text": "What was learnt",
	"action": "Action", "owner": "Who owns it", "evidence": "What shows it was done", "q": "Search",
}

// fieldLabel names a field of a form as its page labels it, or else by
// its name in words: "element-2-summary" is "Element 2 summary".
func fieldLabel(name string) string {
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	words := strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }), " ")
	if words == "" {
		return "A field without a name"
	}
	return "The field " + capitalise(words)
}

// byteSize writes a size as "4 KB" or "9.4 MB".
func byteSize(n int64) string {
	one := func(f float64, unit string) string {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", f), ".0") + " " + unit
	}
	switch {
	case n >= 1<<20:
		return one(float64(n)/(1<<20), "MB")
	case n >= 1<<10:
		return one(float64(n)/(1<<10), "KB")
	}
	return plural(int(n), "byte")
}
