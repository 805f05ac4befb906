package main

import (
	"log/slog"
	"net/http"

	"github.com/heedhq/heed/config"
	"github.com/heedhq/heed/public"
	"github.com/heedhq/heed/sqlstore"
)

// withPublic serves the public forms at public.Prefix beside the staff
// application h, sharing nothing of its sessions.
func withPublic(h http.Handler, cfg *config.Config, db *sqlstore.DB, log *slog.Logger) (http.Handler, error) {
	p := &public.Server{CouncilName: cfg.CouncilName, Store: db, Logger: log, SecureCookies: cfg.SecureCookies(),
		TrustedProxies: cfg.TrustedProxies}
	ph, err := p.Handler()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(public.Prefix, ph)
	mux.Handle("/", h)
	return mux, nil
}
