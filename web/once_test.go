package web

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"testing"
)

// TestContentKey tells posts apart by what they say and any file they
// carry, leaving out the tokens, which differ on each page.
func TestContentKey(t *testing.T) {
	post := func(path, summary, token, file string) string {
		var body bytes.Buffer
		m := multipart.NewWriter(&body)
		m.WriteField("summary", summary)
		m.WriteField("csrf", token)
		m.WriteField(formTokenField, token)
		if file != "" {
			w, _ := m.CreateFormFile("file", "reply.pdf")
			w.Write([]byte(file))
		}
		m.Close()
		r := httptest.NewRequest("POST", path, &body)
		r.Header.Set("Content-Type", m.FormDataContentType())
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			t.Fatal(err)
		}
		return contentKey(7, r)
	}
	same := post("/cases/X/document", "Reply", "A", "%PDF one")
	if got := post("/cases/X/document", "Reply", "B", "%PDF one"); got != same {
		t.Error("the tokens changed the key")
	}
	for name, other := range map[string]string{
		"another file":    post("/cases/X/document", "Reply", "A", "%PDF two"),
		"another summary": post("/cases/X/document", "Reply 2", "A", "%PDF one"),
		"another case":    post("/cases/Y/document", "Reply", "A", "%PDF one"),
		"no file":         post("/cases/X/document", "Reply", "A", ""),
	} {
		if other == same {
			t.Errorf("%s: the same key", name)
		}
	}
}
