package render

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/heedhq/heed/internal/browsertest"
)

// TestHTMLAccessibility opens the report page, unpublished and published,
// in headless Chromium and runs axe-core: no violation is allowed.
func TestHTMLAccessibility(t *testing.T) {
	pages := map[string][]byte{}
	for name, publish := range map[string]bool{"/report": false, "/published": true} {
		var buf bytes.Buffer
		if err := HTML(&buf, small(publish)); err != nil {
			t.Fatal(err)
		}
		pages[name] = buf.Bytes()
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(pages[r.URL.Path])
	}))
	defer srv.Close()
	ctx := browsertest.Browser(t)
	for path := range pages {
		for _, v := range browsertest.Axe(t, ctx, srv.URL+path) {
			t.Errorf("%s: %s", path, v)
		}
	}
}
