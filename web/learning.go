package web

import "net/http"

// learningStore is what the learning register needs of the store.
type learningStore interface{}

func (s *Server) learningRoutes(mux *http.ServeMux) {}
