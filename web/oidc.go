package web

import "net/http"

func (s *Server) oidcRoutes(mux *http.ServeMux) {}
