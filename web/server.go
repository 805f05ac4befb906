// Package web is Heed's staff application: server-rendered HTML over
// net/http, following the GOV.UK Design System, with every page working
// without JavaScript.
package web

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/doctype"
	"github.com/heedhq/heed/internal/httpsec"
)

//go:embed templates static
var files embed.FS

// Store is what the web application needs of Heed's store.
type Store interface {
	Ping(ctx context.Context) error
	heed.UserService
	heed.RecordService
	heed.CaseService
	FindRecordByID(ctx context.Context, id int64) (*heed.Record, error)
	OpenCase(ctx context.Context, by heed.Actor, rec *heed.Record, links heed.CaseFilter) (*heed.CaseView, error)
	AuditLog(ctx context.Context, f heed.AuditFilter) ([]heed.AuditEntry, int, error)
	Calendar(ctx context.Context) (*calendar.Calendar, error)
	ServiceAreas(ctx context.Context) ([]string, error)

	// Each part of the application adds what it needs in its own file.
	authStore
	adminStore
	reportStore
	learningStore
	caseFileStore
	exportStore
	onceStore
	referenceStore
	codeReportStore
	narrativeStore
	dashboardStore
	notifyStore
	letterStore
	triageStore
}

// Server is the web application.
type Server struct {
	CouncilName string
	Store       Store
	Logger      *slog.Logger
	// SecureCookies marks the session cookie Secure; set it whenever Heed
	// is reached over HTTPS (it should always be, outside a laptop).
	SecureCookies bool
	// SuppressBelow: published reports hide counts from 1 to SuppressBelow-1
	// (0 is the report's default, 5).
	SuppressBelow int
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OIDC is single sign-on (see NewOIDC); nil when off.
	OIDC *OIDC
	// MaxInFlight is how many requests are worked on at once (0 is the
	// default: two for each processor Go may use); the rest wait their turn
	// in the order they came.
	MaxInFlight int
	// TrustedProxies are the reverse proxies in front of Heed: only for a
	// request from one of them is the client's address read from
	// X-Forwarded-For (see clientAddr).
	TrustedProxies []netip.Prefix
	// MaxDocumentSize is the largest file a case takes, in bytes (0 is
	// the default, 20 MB); DocumentKinds are the kinds it takes (nil is
	// every kind doctype knows).
	MaxDocumentSize int64
	DocumentKinds   []doctype.Kind
	// ReferencePrefixes start the references Heed gives each type of
	// record (heed.toml's [reference_prefixes]); a type it leaves out has
	// heed.DefaultReferencePrefixes's.
	ReferencePrefixes map[heed.RecordType]string
	// SendsEmail tells that Heed sends email (heed.toml's [mail]): the
	// new-contact form then asks for an address for the acknowledgement.
	SendsEmail bool

	pages    map[string]pageTemplate
	dummyPHC string    // a hash to check unknown user names against, so they take as long
	buffers  sync.Pool // of *bytes.Buffer, that pages are rendered into
}

// Handler returns the application's routes, wrapped in security headers and
// cross-origin request protection.
func (s *Server) Handler() (http.Handler, error) {
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	if s.dummyPHC, err = hashPassword("not a password of anyone's"); err != nil {
		return nil, err
	}
	if _, err := fs.Stat(files, "static/heed.css"); err != nil {
		s.Logger.Warn("the stylesheet was not built into this binary: build Heed with make build, which runs npm run build first")
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.health)
	mux.Handle("GET /static/", http.StripPrefix("/static/", s.noListings(static, cacheStatic(http.FileServerFS(static)))))
	mux.HandleFunc("GET /sign-in", s.signInPage)
	mux.HandleFunc("POST /sign-in", s.signIn)

	// Every route below needs a signed-in user; each handler checks the
	// user's role itself.
	mux.Handle("POST /sign-out", s.user(s.signOut))
	mux.Handle("GET /account/password", s.user(s.passwordPage))
	mux.Handle("POST /account/password", s.user(s.changePassword))
	mux.Handle("GET /{$}", s.user(s.home))
	mux.Handle("GET /cases", s.user(s.cases))
	mux.Handle("GET /cases/{ref}", s.user(s.casePage))
	s.caseFormRoutes(mux)
	s.exportRoutes(mux)
	s.caseFileRoutes(mux)
	s.voidRoutes(mux)
	s.learningRoutes(mux)
	s.reportRoutes(mux)
	s.dashboardRoutes(mux)
	s.codeReportRoutes(mux)
	s.narrativeRoutes(mux)
	s.letterRoutes(mux)
	s.adminRoutes(mux)
	s.notifyRoutes(mux)
	s.triageRoutes(mux)
	s.oidcRoutes(mux)

	protect := http.NewCrossOriginProtection()
	protect.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.errorPage(w, r, http.StatusForbidden, "This form came from another site, so Heed did not act on it.")
	}))
	// Bodies are read before the queue (see readBodies), so that a slow
	// client never holds a place others wait for.
	return httpsec.Headers(s.readBodies(admit(s.MaxInFlight, protect.Handler(mux)))), nil
}

// admit works on at most n requests at once and queues the rest first come,
// first served. Under load every request then waits about as long as the
// next (a channel hands a freed place to its longest waiter), where without
// it fifty requests would share two processors and a handful of database
// connections, which database/sql gives to a waiter picked at random, so
// that a few unlucky requests wait many times longer than the rest.
// The stylesheet and scripts, which need no database, do not queue; nor
// does single sign-on, which waits on the identity provider, not on the
// processors, and would otherwise keep pages waiting for it. A report (a
// page or a download), which over a million records takes about a
// second to compute, queues for places of its own, half as many: people
// reading reports slow the pages down but never take all their places.
//
// Two places a processor beat four on two processors, where Heed shares
// them with its database: in four alternating pairs of PostgreSQL case-page
// runs (BenchmarkWebLoad in this package, 50 clients over a million
// records) the p99 was 81.8, 84.5, 106.4 and 87.1 ms against 94.8, 92.7,
// 108.1 and 177.9 ms, with as many requests a second or more. With more at
// once, each request's queries wait longer for a processor.
func admit(n int, next http.Handler) http.Handler {
	if n <= 0 {
		n = 2 * runtime.GOMAXPROCS(0)
	}
	pages, reports := make(chan struct{}, n), make(chan struct{}, max(n/2, 1))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasPrefix(p, "/static/") || p == oidcStartPath || p == oidcCallbackPath {
			next.ServeHTTP(w, r)
			return
		}
		places := pages
		if strings.HasPrefix(p, "/reports/") || p == "/dashboard" { // a viewer's dashboard computes a report
			places = reports
		}
		select {
		case places <- struct{}{}:
		case <-r.Context().Done():
			return // the client went away while waiting
		}
		defer func() { <-places }()
		next.ServeHTTP(w, r)
	})
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status, code := "ok", http.StatusOK
	if err := s.Store.Ping(ctx); err != nil {
		s.Logger.Error("health check: database unreachable", "err", err)
		status, code = "database unreachable", http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"status": status})
}

// noListings answers 404 for a folder of fsys, which the file server
// would otherwise list: only the files themselves are served.
func (s *Server) noListings(fsys fs.FS, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(r.URL.Path, "/") {
			s.errorPage(w, r, http.StatusNotFound, "There is no such page.")
			return
		}
		if fi, err := fs.Stat(fsys, name); err == nil && fi.IsDir() {
			s.errorPage(w, r, http.StatusNotFound, "There is no such page.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// cacheStatic lets browsers keep the stylesheet and scripts for a day.
func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}

// serverError logs err (never personal data: errors carry ids and codes)
// and shows a page that says what happened in plain words.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusInternalServerError
	switch heed.ErrorCode(err) {
	case heed.ENOTFOUND:
		code = http.StatusNotFound
	case heed.EINVALID:
		code = http.StatusBadRequest
	case heed.ECONFLICT:
		code = http.StatusConflict
	default:
		if !errors.Is(err, context.Canceled) {
			s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}
	s.errorPage(w, r, code, heed.ErrorMessage(err))
}
