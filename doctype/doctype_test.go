package doctype

import (
	"archive/zip"
	"bytes"
	"testing"
)

// docx builds a minimal Word document with archive/zip.
func docx(t testing.TB) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDetect(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	tests := []struct {
		name    string
		content []byte
		media   string
		ok      bool
	}{
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), "application/pdf", true},
		{"png", png, "image/png", true},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "image/jpeg", true},
		{"docx", docx(t), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
		{"email", []byte("From: a@example.org\r\nTo: b@example.org\r\nSubject: complaint\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nBody"), "message/rfc822", true},
		{"text", []byte("A note typed in a text file.\n"), "text/plain", true},
		{"html is refused", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "text/html", false},
		{"svg is refused", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), "image/svg+xml", false},
		{"a program is refused", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), "application/vnd.microsoft.portable-executable", false},
		{"a zip is refused", zipOf(t), "application/zip", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Detect(tt.content, Kinds)
			if got.Media != tt.media || ok != tt.ok {
				t.Errorf("Detect = %q %v, want %q %v", got.Media, ok, tt.media, tt.ok)
			}
		})
	}
	if _, ok := Detect(png, []Kind{PDF}); ok {
		t.Error("an image was allowed where only PDF is")
	}
}

func zipOf(t testing.TB) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("notes.txt")
	w.Write([]byte("hello"))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseKind(t *testing.T) {
	if k, err := ParseKind(" PDF "); err != nil || k != PDF {
		t.Errorf("ParseKind(PDF) = %q %v", k, err)
	}
	if _, err := ParseKind("exe"); err == nil {
		t.Error("ParseKind(exe) accepted")
	}
	if got, want := Accepted([]Kind{Image, PDF}), "PDF or images"; got != want {
		t.Errorf("Accepted = %q, want %q", got, want)
	}
}

// FuzzDetect: any upload is given a type without a crash, and only a type
// of an allowed kind is allowed.
func FuzzDetect(f *testing.F) {
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte("<html></html>"))
	f.Add(docx(f))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := Detect(data, []Kind{PDF})
		if ok && got.Kind != PDF {
			t.Errorf("%q allowed as %+v", data, got)
		}
	})
}
