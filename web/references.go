package web

import (
	"context"

	"github.com/heedhq/heed"
)

// referenceStore numbers new records (see sqlstore.DB.CreateNumbered).
type referenceStore interface {
	// CreateNumbered stores a new record with the next reference of the
	// prefix and the year it was received, such as CMP-2026-00042.
	CreateNumbered(ctx context.Context, by heed.Actor, rec *heed.Record, prefix string) error
}

// referencePrefix is the prefix of the references Heed gives records of
// type t: heed.toml's, or the default.
func (s *Server) referencePrefix(t heed.RecordType) string {
	if p := s.ReferencePrefixes[t]; p != "" {
		return p
	}
	if p := heed.DefaultReferencePrefixes[t]; p != "" {
		return p
	}
	return "REF"
}
