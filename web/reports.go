package web

import "net/http"

// reportStore is what the report pages need of the store.
type reportStore interface{}

func (s *Server) reportRoutes(mux *http.ServeMux) {}
