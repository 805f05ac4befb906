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
