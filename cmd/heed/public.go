package main

import (
	"log/slog"
	"net/http"
	"slices"

	"github.com/heedhq/heed/config"
	"github.com/heedhq/heed/public"
	"github.com/heedhq/heed/sqlstore"
)

// withPublic serves the public forms at public.Prefix beside the staff
// application h, sharing nothing of its sessions.
func withPublic(h http.Handler, cfg *config.Config, db *sqlstore.DB, log *slog.Logger) (http.Handler, error) {
	p := &public.Server{CouncilName: cfg.CouncilName, Store: db, Logger: log, SecureCookies: cfg.SecureCookies(),
		TrustedProxies: cfg.TrustedProxies}
	// The files become the case's documents: none larger, nor of another
	// kind, than [documents] lets a case take.
	p.MaxAttachmentSize = min(public.DefaultAttachmentSize, cfg.Documents.MaxSize)
	for _, k := range public.DefaultAttachmentKinds {
		if slices.Contains(cfg.Documents.Kinds, k) {
			p.AttachmentKinds = append(p.AttachmentKinds, k)
		}
	}
	if len(p.AttachmentKinds) == 0 {
		p.AttachmentKinds = cfg.Documents.Kinds
	}
	ph, err := p.Handler()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle(public.Prefix, ph)
	mux.Handle("/", h)
	return mux, nil
}
