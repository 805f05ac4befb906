package web

import "net/http"

func (s *Server) caseFormRoutes(mux *http.ServeMux) {}
