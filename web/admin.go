package web

import (
	"net/http"

	"github.com/heedhq/heed"
)

// adminStore is what the administration pages need of the store.
type adminStore interface{}

func (s *Server) adminRoutes(mux *http.ServeMux) {}

// rules returns the timescales in force.
func (s *Server) rules() heed.Rules { return s.Rules }
