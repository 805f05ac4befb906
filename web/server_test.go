package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/heedhq/heed/sqlstore"
	"github.com/heedhq/heed/sqlstore/storetest"
)

func TestHealthAndHome(t *testing.T) {
	tests := []struct {
		name, path string
		closed     bool
		code       int
		body       string
	}{
		{"healthy", "/healthz", false, 200, `"ok"`},
		{"database down", "/healthz", true, 503, "database unreachable"},
		{"home", "/", false, 200, "Example Council"},
		{"unknown page", "/nope", false, 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storetest.Open(t, sqlstore.SQLite, sqlstore.Options{})
			if tt.closed {
				db.Close()
			}
			s := &Server{CouncilName: "Example Council", Store: db, Logger: slog.New(slog.DiscardHandler)}
			h, err := s.Handler()
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			res, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.code || !strings.Contains(string(b), tt.body) {
				t.Errorf("GET %s = %d %q, want %d containing %q", tt.path, res.StatusCode, b, tt.code, tt.body)
			}
			if !strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src 'self'") {
				t.Errorf("missing CSP: %q", res.Header.Get("Content-Security-Policy"))
			}
		})
	}
}
