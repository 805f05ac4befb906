// Package public is Heed's front door: the forms on which anyone, signed
// in or not, makes a complaint, pays a compliment or leaves a comment. It
// is served by the same binary as the staff application, under /public/,
// and shares nothing of its sessions: it reads no staff cookie and keeps
// its own protection against forged forms. What is sent waits in the
// staff application's triage queue.
package public

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/heedhq/heed"
	"github.com/heedhq/heed/calendar"
	"github.com/heedhq/heed/doctype"
	"github.com/heedhq/heed/govuk"
	"github.com/heedhq/heed/internal/clientaddr"
	"github.com/heedhq/heed/internal/httpsec"
)

//go:embed templates
var files embed.FS

// Prefix is where the public forms live.
const Prefix = "/public/"

// Store is what the public forms need of Heed's store.
type Store interface {
	SaveDraft(ctx context.Context, s *heed.Submission, contents []io.Reader) error
	SubmissionByToken(ctx context.Context, token string) (*heed.Submission, error)
	SendSubmission(ctx context.Context, token string, today calendar.Date) (*heed.Submission, error)
	Calendar(ctx context.Context) (*calendar.Calendar, error)
	Rules() heed.Rules
	// CountAttempt counts a post by the key at now, in a window of that
	// length, and returns how many the key's window holds, this one
	// included: kept by the store, so that every process and a restart
	// share the count.
	CountAttempt(ctx context.Context, kind, key string, now time.Time, window time.Duration) (int, error)
}

// Defaults of the limits.
const (
	DefaultAttachmentSize = 10 << 20 // bytes
	// DefaultPerHour is how many forms one address may post in an hour.
	DefaultPerHour = 60
	// maxTextBody is the largest form without files: the longest summary
	// and outcome, four bytes a character, each written as three, and room.
	maxTextBody = 2*heed.MaxLongText*12 + 64<<10
)

// Server serves the public forms.
type Server struct {
	CouncilName string
	Store       Store
	Logger      *slog.Logger
	Now         func() time.Time
	// SecureCookies marks the forms' cookie Secure (behind HTTPS).
	SecureCookies bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For is
	// believed, as the staff application's (see clientaddr).
	TrustedProxies []netip.Prefix
	// MaxAttachmentSize is the largest file taken, in bytes (0:
	// DefaultAttachmentSize); AttachmentKinds the kinds taken (nil: PDF,
	// Word documents and images).
	MaxAttachmentSize int64
	AttachmentKinds   []doctype.Kind
	// PerHour is how many forms one address may post in an hour (0:
	// DefaultPerHour).
	PerHour int

	pages map[string]*template.Template
}

// Handler returns the public forms' routes under Prefix.
func (s *Server) Handler() (http.Handler, error) {
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.PerHour <= 0 {
		s.PerHour = DefaultPerHour
	}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public/{$}", s.startPage)
	mux.HandleFunc("POST /public/{$}", s.start)
	mux.HandleFunc("GET /public/{kind}", s.whoPage)
	mux.HandleFunc("POST /public/{kind}", s.who)
	mux.HandleFunc("GET /public/{kind}/{form}", s.detailsPage)
	mux.HandleFunc("POST /public/{kind}/{form}", s.details)
	mux.HandleFunc("GET /public/check/{token}", s.checkPage)
	mux.HandleFunc("POST /public/check/{token}", s.send)
	mux.HandleFunc("GET /public/sent/{token}", s.sentPage)
	mux.HandleFunc("/public/", func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, http.StatusNotFound, "Page not found", "There is no such page. Start again from the beginning.")
	})
	protect := http.NewCrossOriginProtection()
	protect.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.problem(w, r, http.StatusForbidden, "This form was not sent", "This form came from another site, so it was not accepted. Start again from the beginning.")
	}))
	return httpsec.Headers(protect.Handler(s.guard(mux))), nil
}

// guard refuses, before any handler reads it, a post with no or a wrong
// form code, from an address that has posted too often, or too large.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		n, err := s.Store.CountAttempt(r.Context(), "public_post", limitKey(clientaddr.Of(r, s.TrustedProxies)), s.Now(), time.Hour)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if n > s.PerHour {
			w.Header().Set("Retry-After", "3600")
			s.problem(w, r, http.StatusTooManyRequests, "Too many forms sent",
				"Too many forms have been sent from your connection in the last hour, so this one was not accepted. Try again in an hour, or phone or write to the council instead.")
			return
		}
		limit := int64(maxTextBody)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit += heed.MaxAttachments * (s.attachmentLimit() + 4<<10)
		}
		if r.ContentLength > limit {
			s.tooLarge(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			err = r.ParseMultipartForm(limit) // kept in memory: never more than limit
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				s.tooLarge(w, r)
				return
			}
			s.problem(w, r, http.StatusBadRequest, "The form could not be read",
				"The form did not arrive whole. Go back and send it again.")
			return
		}
		if len(r.PostForm) > 40 {
			s.problem(w, r, http.StatusBadRequest, "The form could not be read", "The form had more answers than it asks for. Start again from the beginning.")
			return
		}
		c, err := r.Cookie(csrfCookie)
		if err != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) != 1 {
			s.problem(w, r, http.StatusForbidden, "This form has expired",
				"This form could not be checked as yours, perhaps because your browser does not keep cookies for this site or the form is old. Start again from the beginning; what you wrote before was not kept.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// limitKey is what the per-address limit counts by: an IPv4 address, or an
// IPv6 address's /64, which one household or phone usually holds whole.
func limitKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || a.Is4() {
		return addr
	}
	p, _ := a.Prefix(64)
	return p.String()
}

func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	s.problem(w, r, http.StatusRequestEntityTooLarge, "The form was too large",
		"What you sent was too large to accept. Each file must be smaller than "+byteSize(s.attachmentLimit())+
			", and you can send up to "+itoa(heed.MaxAttachments)+" files. Go back and choose smaller files, or send fewer.")
}

// csrfCookie holds the anonymous visitor's form code: every form carries
// it too, and a post whose copy does not match is refused (a forged form on
// another site cannot read the cookie to copy it).
const csrfCookie = "heed_public_form"

// csrf returns the visitor's form code, setting the cookie when it has none.
func (s *Server) csrf(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 26 {
		return c.Value
	}
	v := rand.Text()
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/public/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteStrictMode, MaxAge: 24 * 60 * 60})
	return v
}

func (s *Server) attachmentLimit() int64 {
	if s.MaxAttachmentSize > 0 {
		return s.MaxAttachmentSize
	}
	return DefaultAttachmentSize
}

func (s *Server) attachmentKinds() []doctype.Kind {
	if len(s.AttachmentKinds) > 0 {
		return s.AttachmentKinds
	}
	return DefaultAttachmentKinds
}

// DefaultAttachmentKinds are the kinds of file the public may send: PDF,
// Word documents and images.
var DefaultAttachmentKinds = []doctype.Kind{doctype.PDF, doctype.Word, doctype.Image}

func (s *Server) today() calendar.Date { return calendar.DateOf(s.Now()) }

// fail logs err (never what the visitor wrote) and says what happened.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch heed.ErrorCode(err) {
	case heed.ENOTFOUND:
		s.problem(w, r, http.StatusNotFound, "Form not found", "There is no such form, or its address was copied wrongly. Start again from the beginning.")
		return
	case heed.ECONFLICT, heed.EINVALID:
		s.problem(w, r, http.StatusConflict, "This form cannot be changed", heed.ErrorMessage(err))
		return
	}
	if !errors.Is(err, context.Canceled) {
		s.Logger.Error("public form failed", "method", r.Method, "err", err)
	}
	s.problem(w, r, http.StatusInternalServerError, "Sorry, there is a problem with the service",
		"Your form could not be saved just now. Nothing you sent has been given a reference, so it has not been received: try again in a few minutes, or phone or write to the council instead.")
}

func parsePages() (map[string]*template.Template, error) {
	base, err := govuk.Parse(template.New("").Funcs(funcs))
	if err == nil {
		base, err = base.ParseFS(files, "templates/layout.html")
	}
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(files, n)
		if err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}
