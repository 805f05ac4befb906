package public

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/doctype"
)

// answerFields are the details form's fields, as readAnswers reads them.
var answerFields = []string{"name", "email", "phone", "service", "summary", "outcome", "on_behalf_name",
	"on_behalf_relation", "on_behalf_why", "advocate"}

// readAnswers reads the details form into a submission of the kind and
// form. Only the fields the form's version asks are read; a field sent
// twice counts once. The domain's Check says what is wrong.
func readAnswers(v url.Values, kind heed.SubmissionKind, form heed.SubmissionForm) *heed.Submission {
	get := func(k string) string {
		s := v.Get(k)
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		return strings.ReplaceAll(s, "\r\n", "\n")
	}
	s := &heed.Submission{Kind: kind, Form: form, Name: get("name"), Email: get("email"), Phone: get("phone"),
		Service: get("service"), Summary: get("summary")}
	if kind == heed.KindComplaint {
		s.Outcome = get("outcome")
	}
	if form == heed.FormOnBehalf {
		s.OnBehalfName, s.OnBehalfRelation, s.OnBehalfWhy = get("on_behalf_name"), get("on_behalf_relation"), get("on_behalf_why")
	}
	if form.Young() {
		s.Advocate = get("advocate")
	}
	return s
}

// values are a submission's answers as the details form's fields, to fill
// it again.
func values(s *heed.Submission) url.Values {
	return url.Values{"name": {s.Name}, "email": {s.Email}, "phone": {s.Phone}, "service": {s.Service},
		"summary": {s.Summary}, "outcome": {s.Outcome}, "on_behalf_name": {s.OnBehalfName},
		"on_behalf_relation": {s.OnBehalfRelation}, "on_behalf_why": {s.OnBehalfWhy}, "advocate": {s.Advocate}}
}

// readFiles reads the files chosen in the field "attachment": each must
// be one of kinds and at most limit bytes. A browser sends an empty part
// when no file was chosen; that is no file. The message says what was
// refused, in the words of the GOV.UK file upload pattern.
func readFiles(files []*multipart.FileHeader, limit int64, kinds []doctype.Kind, have int) ([]heed.Attachment, []io.Reader, string) {
	var atts []heed.Attachment
	var contents []io.Reader
	for _, h := range files {
		if h.Filename == "" && h.Size == 0 {
			continue
		}
		if have+len(atts) >= heed.MaxAttachments {
			return nil, nil, "You can send up to " + itoa(heed.MaxAttachments) + " files"
		}
		name := fileName(h.Filename)
		switch {
		case h.Size == 0:
			return nil, nil, name + " is empty"
		case h.Size > limit:
			return nil, nil, name + " must be smaller than " + byteSize(limit)
		}
		f, err := h.Open()
		if err != nil {
			return nil, nil, name + " could not be read: choose it again"
		}
		content, err := io.ReadAll(io.LimitReader(f, limit+1))
		f.Close()
		if err != nil || int64(len(content)) > limit {
			return nil, nil, name + " could not be read: choose it again"
		}
		t, ok := doctype.Detect(content, kinds)
		if !ok {
			return nil, nil, name + " must be " + accepted(kinds)
		}
		if ext := strings.ToLower(path.Ext(name)); ext != t.Ext && !(t.Ext == ".jpg" && ext == ".jpeg") && !(t.Ext == ".tif" && ext == ".tiff") {
			name += t.Ext
		}
		atts = append(atts, heed.Attachment{Name: name, Type: t.Media})
		contents = append(contents, bytes.NewReader(content))
	}
	return atts, contents, ""
}

// fileName is an uploaded file's name without folders, cleaned as every
// name is, at most 200 characters.
func fileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	clean, err := heed.CleanName(name)
	if err != nil || clean == "" || clean == "." || clean == "/" {
		return "The file"
	}
	if r := []rune(clean); len(r) > 200 {
		clean = string(r[:200])
	}
	return clean
}

// accepted says which files are taken: "a PDF, a Word document or an image".
func accepted(kinds []doctype.Kind) string {
	words := map[doctype.Kind]string{doctype.PDF: "a PDF", doctype.Word: "a Word document", doctype.Image: "a photo or image",
		doctype.Email: "a saved email", doctype.Text: "a text file"}
	var out []string
	for _, k := range doctype.Kinds {
		if slices.Contains(kinds, k) {
			out = append(out, words[k])
		}
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}
