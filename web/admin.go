package web

import "net/http"

// adminStore is what the administration pages need of the store.
type adminStore interface{}

func (s *Server) adminRoutes(mux *http.ServeMux) {}
