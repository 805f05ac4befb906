// Package web is Heed's web application: server-rendered HTML over
// net/http. For now it answers a health check and a start page; the staff
// application builds on it.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"html/template"
	"log/slog"
	"net/http"
	"time"
)

//go:embed templates
var templates embed.FS

// Pinger is the part of the store the health check needs.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Server is the web application.
type Server struct {
	CouncilName string
	Store       Pinger
	Logger      *slog.Logger

	pages *template.Template
}

// Handler returns the application's routes, wrapped in security headers.
func (s *Server) Handler() (http.Handler, error) {
	pages, err := template.ParseFS(templates, "templates/*.html")
	if err != nil {
		return nil, err
	}
	s.pages = pages
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.health)
	mux.HandleFunc("GET /{$}", s.home)
	return securityHeaders(mux), nil
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, code := "ok", http.StatusOK
	if err := s.Store.Ping(ctx); err != nil {
		s.Logger.Error("health check: database unreachable", "err", err)
		status, code = "database unreachable", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"status": status})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := s.pages.ExecuteTemplate(w, "home.html", map[string]string{"Council": s.CouncilName}); err != nil {
		s.Logger.Error("render home page", "err", err)
	}
}

// securityHeaders sets strict headers on every response: no inline script,
// no framing, no sniffing, no referrer leaking case references.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
