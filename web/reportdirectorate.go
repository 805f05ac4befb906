package web

import (
	"context"
	"net/http"
	"strings"
	"unicode"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/report"
)

// directorates lists the council's directorates, as their service areas
// write them.
func (s *Server) directorates(ctx context.Context) ([]string, error) {
	areas, err := s.Store.ServiceAreaList(ctx)
	if err != nil {
		return nil, err
	}
	return heed.Directorates(areas), nil
}

// reportScope sets opts to report on the directorate the address asks for
// (?directorate=), and names it in ref. ok is false, and a page shown, when
// there is no such directorate.
func (s *Server) reportScope(w http.ResponseWriter, r *http.Request, ref *reportRef, opts *report.Options) bool {
	name := r.URL.Query().Get("directorate")
	if name == "" {
		return true
	}
	areas, err := s.Store.ServiceAreaList(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	for _, d := range heed.Directorates(areas) {
		if heed.NameKey(d) == heed.NameKey(name) {
			ref.Directorate, opts.Scope, opts.ServiceAreas = d, d, heed.AreasOf(areas, d)
			return true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "There is no such directorate. Choose one from the reports page.")
	return false
}

// fileWord is a name as part of a file name: lower case, letters and
// digits, words joined by hyphens ("Children's Services" is
// "children-s-services").
func fileWord(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) && r < unicode.MaxASCII || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	return b.String()
}
