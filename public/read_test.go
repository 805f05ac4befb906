package public

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/doctype"
)

func TestReadAnswers(t *testing.T) {
	v := url.Values{"name": {"Ada"}, "summary": {"a\r\nb"}, "outcome": {"sorry"}, "advocate": {"yes"},
		"on_behalf_name": {"Bo"}}
	tests := []struct {
		kind heed.SubmissionKind
		form heed.SubmissionForm
		want heed.Submission
	}{
		{heed.KindComplaint, heed.FormAdult, heed.Submission{Name: "Ada", Summary: "a\nb", Outcome: "sorry"}},
		{heed.KindComment, heed.FormUnder12, heed.Submission{Name: "Ada", Summary: "a\nb", Advocate: "yes"}},
		{heed.KindCompliment, heed.FormOnBehalf, heed.Submission{Name: "Ada", Summary: "a\nb", OnBehalfName: "Bo"}},
	}
	for _, tt := range tests {
		got := readAnswers(v, tt.kind, tt.form)
		tt.want.Kind, tt.want.Form = tt.kind, tt.form
		if got.Name != tt.want.Name || got.Summary != tt.want.Summary || got.Outcome != tt.want.Outcome ||
			got.Advocate != tt.want.Advocate || got.OnBehalfName != tt.want.OnBehalfName {
			t.Errorf("%s %s: %+v", tt.kind, tt.form, got)
		}
	}
}

// FuzzReadForm reads any body as the details form, as the handler does,
// with its files: never a crash, never text the store would refuse once
// Check has passed it, and no file past the limits.
func FuzzReadForm(f *testing.F) {
	f.Add("name=Ada&summary=bin&email=a%40example.com", "", []byte(nil))
	f.Add("name=%ff%fe&summary=%00&advocate=yes", "x.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Add("summary="+strings.Repeat("a", 300), "../../etc/passwd", []byte("%PDF-1.4\n"))
	f.Add("name=&name=two", "run.exe", []byte("MZ\x90\x00"))
	f.Fuzz(func(t *testing.T, query, fileName string, content []byte) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		vals, _ := url.ParseQuery(query)
		for k, vs := range vals {
			for _, v := range vs {
				w.WriteField(k, v)
			}
		}
		fw, _ := w.CreateFormFile("attachment", fileName)
		fw.Write(content)
		w.Close()
		r, _ := http.NewRequest(http.MethodPost, "/", &body)
		r.Header.Set("Content-Type", w.FormDataContentType())
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return
		}
		for _, form := range heed.SubmissionForms {
			s := readAnswers(r.PostForm, heed.KindComplaint, form)
			if len(s.Check()) == 0 {
				for _, txt := range []string{s.Name, s.Summary, s.Outcome, s.Email} {
					if !utf8.ValidString(txt) {
						t.Fatalf("invalid UTF-8 passed: %q", txt)
					}
				}
			}
		}
		atts, contents, msg := readFiles(r.MultipartForm.File["attachment"], 64, []doctype.Kind{doctype.PDF, doctype.Image}, 0)
		if msg == "" && len(atts) != len(contents) {
			t.Fatal("attachments and contents differ")
		}
		for _, a := range atts {
			if a.Name == "" || strings.ContainsAny(a.Name, "/\\") {
				t.Fatalf("file name %q", a.Name)
			}
		}
		if msg == "" && len(content) > 64 {
			t.Fatalf("a file of %d bytes passed a limit of 64", len(content))
		}
	})
}
