package web

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
)

func TestHealth(t *testing.T) {
	for _, closed := range []bool{false, true} {
		app := newTestApp(t, sqlstore.SQLite)
		want, code := `"ok"`, http.StatusOK
		if closed {
			app.Store.Close()
			want, code = "database unreachable", http.StatusServiceUnavailable
		}
		res, err := http.Get(app.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != code || !strings.Contains(string(b), want) {
			t.Errorf("closed=%v: %d %s", closed, res.StatusCode, b)
		}
	}
}

// TestStaticListsNoFolder checks that /static/ serves its files but never
// lists a folder.
func TestStaticListsNoFolder(t *testing.T) {
	app := newTestApp(t, sqlstore.SQLite)
	for path, want := range map[string]int{"/static/": http.StatusNotFound, "/static/init.js": http.StatusOK,
		"/static/./": http.StatusNotFound, "/static//": http.StatusNotFound, "/static/nothing.js": http.StatusNotFound} {
		res, err := http.Get(app.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != want || strings.Contains(string(b), `<a href="init.js">`) {
			t.Errorf("GET %s: %d, want %d; listing: %v", path, res.StatusCode, want, strings.Contains(string(b), "init.js"))
		}
	}
}
